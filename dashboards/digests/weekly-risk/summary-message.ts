import { DateTime } from 'luxon';
import { riskLevelNames } from '../../display-names.ts';
import type { ReviewConfig } from '../../../config/review-schema.ts';
import type { ChannelMessage } from '../../alerts/channels/channel-message.ts';
import { postAppUrl, storyAppUrl } from '../../review-links.ts';
import type { DigestData } from './digest-data.ts';
import { formatMinutes, handlingText, percent, volumeChange } from './digest-sentences.ts';

/** Top risk items a chat summary lists. */
const chatItems = 5;

/** The digest for chat: the headline numbers, the top risk items with links, and where the full report is. */
export function digestSummaryMessage(data: DigestData, reportLocation: string, links: Pick<ReviewConfig, 'publicUrl' | 'host' | 'port'>): ChannelMessage {
  const { response } = data;
  const overview = {
    heading: `统计区间 ${data.period.text}`,
    facts: [
      { label: '帖子', value: `${data.volume.total} 条（${volumeChange(data)}）` },
      { label: '负面', value: `${data.sentiment.negative} 条${percent(data.sentiment.negative, data.volume.total) ? `（${percent(data.sentiment.negative, data.volume.total)}）` : ''}` },
      { label: '高风险及以上', value: `${data.riskLevels.critical + data.riskLevels.high} 条（严重 ${data.riskLevels.critical} 条）` },
      { label: '已回应', value: response.highRisk > 0 ? `${response.responded} / ${response.highRisk} 条（${percent(response.responded, response.highRisk)}）` : '本期无高风险帖子' },
      { label: '首次回应中位用时', value: response.medianFirstResponseMinutes === null ? '无记录' : formatMinutes(response.medianFirstResponseMinutes) },
      { label: '待审批回应', value: `${response.pendingApprovals} 条` },
      { label: '新事件 / 突增', value: `${data.newEvents.total} 个 / ${data.spikes.total} 次` },
    ],
  };
  const highlights = data.highlights.slice(0, 3).map((story) => ({
    heading: `本周要点：${story.title}`, facts: [{ label: '研判', value: story.assessment }, { label: '状态', value: story.status }, { label: '责任单位', value: story.unit ?? '未指定' }],
    actions: [{ label: '查看事件全貌', url: storyAppUrl(links, story.eventId), isPrimary: true }],
  }));
  const items = data.topRiskItems.slice(0, chatItems).map((item) => ({
    heading: item.title, url: item.url, isUrgent: item.level === 'critical',
    facts: [
      { label: '风险', value: `${riskLevelNames[item.level]}（${item.score.toFixed(0)} 分）` },
      { label: '来源', value: item.sourceName },
      { label: '发布', value: DateTime.fromISO(item.publishedAt, { zone: data.period.timeZone }).toFormat('MM-dd HH:mm') },
      { label: '处置 / 回应', value: handlingText(item) },
    ],
    actions: [{ label: '在工作台查看', url: postAppUrl(links, item.postId), isPrimary: true }],
    data: { type: 'post', postId: item.postId, level: item.level, score: item.score, appUrl: postAppUrl(links, item.postId) },
  }));
  return {
    kind: 'digest', title: `${data.title} ${data.period.name}`, items: [overview, ...highlights, ...items],
    footer: `完整报告：${reportLocation}`,
  };
}
