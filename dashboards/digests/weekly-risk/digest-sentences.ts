import { responseStatusNames, reviewStatusNames, riskLevelNames, sentimentNames } from '../../display-names.ts';
import type { DigestData } from './digest-data.ts';

/**
 * The sentences of the digest, each built only from numbers in DigestData: a count is stated as a count, a
 * share only where its base is not zero, and nothing is interpreted (no "significant", no "improved").
 */

/** `part` as a share of `whole` (one decimal), or undefined when the base is zero. */
export function percent(part: number, whole: number): string | undefined {
  return whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : undefined;
}

/** Minutes as people read them: 45 分钟, 3.5 小时 (210 分钟). */
export function formatMinutes(minutes: number): string {
  if (minutes < 120) return `${minutes.toFixed(minutes < 10 ? 1 : 0)} 分钟`;
  return `${(minutes / 60).toFixed(1)} 小时（${minutes.toFixed(0)} 分钟）`;
}

/** Change of the volume against the previous period. */
export function volumeChange(data: DigestData): string {
  const { total, previousTotal } = data.volume;
  if (previousTotal === 0) return '上期无帖子，不计算环比';
  if (total === previousTotal) return '与上期持平';
  const change = (Math.abs(total - previousTotal) / previousTotal) * 100;
  return `较上期${total > previousTotal ? '增加' : '减少'} ${change.toFixed(1)}%`;
}

export function volumeSentence(data: DigestData): string {
  return `本期共监测到帖子 ${data.volume.total} 条；上期 ${data.volume.previousTotal} 条，${volumeChange(data)}。`;
}

export function sentimentSentence(data: DigestData): string {
  const { negative, neutral, positive, unscored } = data.sentiment;
  if (data.volume.total === 0) return '本期无帖子，无情感分布。';
  const share = percent(negative, data.volume.total);
  return `其中${sentimentNames.negative} ${negative} 条（${share}），${sentimentNames.neutral} ${neutral} 条，${sentimentNames.positive} ${positive} 条${unscored > 0 ? `，未分析情感 ${unscored} 条` : ''}。`;
}

export function riskSentence(data: DigestData): string {
  const { critical, high, medium, low, unscored } = data.riskLevels;
  if (data.volume.total === 0) return '本期无帖子，无风险等级分布。';
  return `风险等级为${riskLevelNames.critical}的 ${critical} 条、${riskLevelNames.high} ${high} 条、${riskLevelNames.medium} ${medium} 条、${riskLevelNames.low} ${low} 条${unscored > 0 ? `，未评分 ${unscored} 条` : ''}。`;
}

export function eventsSentence(data: DigestData): string {
  return `本期新出现的事件 ${data.newEvents.total} 个，检测到突增 ${data.spikes.total} 次。`;
}

export function responseSentences(data: DigestData): string[] {
  const { highRisk, responded, dismissed, timedResponses, medianFirstResponseMinutes, pendingApprovals } = data.response;
  return [
    highRisk === 0
      ? '本期无高风险及以上帖子。'
      : `本期高风险及以上帖子 ${highRisk} 条，截至报告生成时已回应 ${responded} 条（${percent(responded, highRisk)}），已排除 ${dismissed} 条。`,
    timedResponses === 0 || medianFirstResponseMinutes === null
      ? '本期帖子没有首次回应用时记录。'
      : `本期有首次回应用时记录的帖子 ${timedResponses} 条，首次回应用时中位数为 ${formatMinutes(medianFirstResponseMinutes)}。`,
    `截至报告生成时，待审批的回应共 ${pendingApprovals} 条。`,
  ];
}

/** The summary paragraph shown first and sent to chat. */
export function summarySentences(data: DigestData): string[] {
  return [volumeSentence(data), sentimentSentence(data), riskSentence(data), eventsSentence(data), ...responseSentences(data)];
}

/** Review and response state of a listed post, e.g. 待处理 / 审批中. */
export function handlingText(item: DigestData['topRiskItems'][number]): string {
  const review = item.reviewStatus ? reviewStatusNames[item.reviewStatus] : '—';
  const response = item.responseStatus ? responseStatusNames[item.responseStatus] : responseStatusNames.none;
  return `${review} / ${response}`;
}

/** 本周要点 / 今日要点 / 本月要点 / 本期要点, by the kind of period. */
export function highlightsHeading(data: DigestData): string {
  return { week: '本周要点', day: '今日要点', month: '本月要点', range: '本期要点' }[data.period.kind];
}
