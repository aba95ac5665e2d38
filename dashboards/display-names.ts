import { responseStatuses, reviewStatuses, riskLevelRank, riskLevels, sentimentLabels } from '../pipeline/post-document.ts';

/** Chinese names of the codes stored in posts, as Kibana, digests and alerts print them. */

export type RiskLevel = (typeof riskLevels)[number];
export type SentimentLabel = (typeof sentimentLabels)[number];
export type ReviewStatus = (typeof reviewStatuses)[number];
export type ResponseStatus = (typeof responseStatuses)[number];

export const riskLevelNames: Record<RiskLevel, string> = { low: '低', medium: '中', high: '高', critical: '严重' };
export const sentimentNames: Record<SentimentLabel, string> = { negative: '负面', neutral: '中性', positive: '正面' };
export const reviewStatusNames: Record<ReviewStatus, string> = {
  new: '待处理', in_progress: '处理中', responded: '已回应', dismissed: '已忽略', escalated: '已上报',
};
export const responseStatusNames: Record<ResponseStatus, string> = {
  none: '未回应', draft: '草稿', in_approval: '审批中', returned: '已退回', approved: '已批准', published: '已发布',
};
export const spikeDimensionNames = { rule: '规则', category: '风险类别', keyword: '关键词' } as const;

/** The rank of a level (critical highest). */
export const rankOf = (level: RiskLevel): number => riskLevelRank[level];
