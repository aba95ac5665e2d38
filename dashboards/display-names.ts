import { responseStatuses, reviewStatuses, riskLevelRank, riskLevels, sentimentLabels } from '../pipeline/post-document.ts';

/**
 * Chinese names of the codes stored in posts: the one place the app (its Chinese catalogue), the audit, the
 * digests, the alerts and the Kibana data views take them from, so a status is called the same everywhere.
 */

export type RiskLevel = (typeof riskLevels)[number];
export type SentimentLabel = (typeof sentimentLabels)[number];
export type ReviewStatus = (typeof reviewStatuses)[number];
export type ResponseStatus = (typeof responseStatuses)[number];

export const riskLevelNames: Record<RiskLevel, string> = { low: '低', medium: '中', high: '高', critical: '严重' };
export const sentimentNames: Record<SentimentLabel, string> = { negative: '负面', neutral: '中性', positive: '正面' };
export const reviewStatusNames: Record<ReviewStatus, string> = {
  new: '待处理', in_progress: '处理中', responded: '已回应', dismissed: '已排除', escalated: '已上报',
};
export const responseStatusNames: Record<ResponseStatus, string> = {
  none: '未回应', draft: '草稿', in_approval: '审批中', returned: '已退回', approved: '已通过', published: '已发布',
};
export const spikeDimensionNames = { rule: '规则', category: '风险类别', keyword: '关键词' } as const;

/** Risk categories of the built-in rule packs; a category a pack adds later is shown by its id until named here. */
export const categoryNames: Record<string, string> = {
  'safety-incident': '安全事故', 'public-health': '公共卫生', 'food-drug-safety': '食品药品安全', 'environmental-pollution': '环境污染',
  'data-leak-cyber': '数据泄露与网络安全', 'fraud-scam': '诈骗与金融风险', rumour: '谣言与不实信息', 'service-complaint': '服务投诉与维权',
  'organisation-mention': '机构与服务提及', 'official-voice': '官方声音',
};

/** What the alert state records about an alert. */
export const alertStatusNames: Record<string, string> = { sent: '已发送', suppressed: '冷却期内合并', held: '静默时段暂缓', dropped: '未发送', failed: '发送失败' };
export const alertReasonNames: Record<string, string> = {
  cooldown: '同一事件冷却期内', 'quiet-hours': '静默时段', 'no-channel': '没有配置发送渠道', 'delivery-failed': '所有渠道发送失败', 'backlog-summary': '首次采集汇总发送',
};
export const alertKindNames: Record<string, string> = { post: '高风险信息', spike: '突增', overdue: '超时未处置' };
export const channelNames: Record<string, string> = { email: '邮件', wecom: '企业微信', dingtalk: '钉钉', feishu: '飞书', webhook: 'JSON Webhook' };

/** The rank of a level (critical highest). */
export const rankOf = (level: RiskLevel): number => riskLevelRank[level];
