import { DateTime } from 'luxon';
import type { AlertToSend } from './alert-decisions.ts';
import type { PostSubject, SpikeSubject } from './alert-subject.ts';
import type { ChannelMessage, MessageItem } from './channels/channel-message.ts';
import { riskLevelNames, spikeDimensionNames } from '../display-names.ts';

const localTime = (iso: string, timeZone: string) => DateTime.fromISO(iso, { zone: timeZone }).toFormat('MM-dd HH:mm');

function postItem(subject: PostSubject, suppressedBefore: number, timeZone: string): MessageItem {
  const facts = [
    { label: '风险', value: `${riskLevelNames[subject.level]}（${subject.score.toFixed(0)} 分）` },
    { label: '来源', value: subject.sourceName },
    { label: '发布', value: localTime(subject.publishedAt, timeZone) },
  ];
  if (subject.ruleNames.length > 0) facts.push({ label: '命中', value: subject.ruleNames.slice(0, 3).join('、') });
  if (suppressedBefore > 0) facts.push({ label: '同一事件', value: `冷却期内另有 ${suppressedBefore} 条未单独提醒` });
  return {
    heading: subject.title, url: subject.url, facts, excerpt: subject.excerpt, isUrgent: subject.level === 'critical',
    data: {
      type: 'post', postId: subject.postId, level: subject.level, score: subject.score, packIds: subject.packIds, categories: subject.categories,
      rules: subject.ruleNames, eventKey: subject.eventKey, sourceName: subject.sourceName, publishedAt: subject.publishedAt, suppressedBefore,
    },
  };
}

function spikeItem(subject: SpikeSubject, timeZone: string): MessageItem {
  const facts = [
    { label: '时段', value: `${localTime(subject.windowStart, timeZone)}–${DateTime.fromISO(subject.windowEnd, { zone: timeZone }).toFormat('HH:mm')}` },
    { label: '帖子数', value: `${subject.count} 条` },
    { label: '此前每小时平均', value: `${subject.baselineMean.toFixed(1)} 条` },
  ];
  if (subject.example) facts.push({ label: '示例', value: subject.example.title });
  return {
    heading: `${spikeDimensionNames[subject.dimension]}突增：${subject.value}`, url: subject.example?.url, facts,
    data: {
      type: 'spike', spikeId: subject.spikeId, dimension: subject.dimension, value: subject.value, count: subject.count,
      baselineMean: subject.baselineMean, windowStart: subject.windowStart, windowEnd: subject.windowEnd, detectedAt: subject.detectedAt,
    },
  };
}

/** The alert message of one channel: counts in the title (critical first), one item per post or spike. */
export function buildAlertMessage(alerts: AlertToSend[], timeZone: string): ChannelMessage {
  const posts = alerts.filter((alert) => alert.subject.kind === 'post');
  const spikes = alerts.filter((alert) => alert.subject.kind === 'spike');
  const critical = posts.filter((alert) => (alert.subject as PostSubject).level === 'critical').length;
  const counts = [
    posts.length > 0 ? `${posts.length} 条${critical === posts.length ? '严重' : '高'}风险帖子` : '',
    spikes.length > 0 ? `${spikes.length} 个突增` : '',
  ].filter(Boolean).join('、');
  const heldCount = alerts.filter((alert) => alert.wasHeld).length;
  return {
    kind: 'alert',
    title: `${critical > 0 ? '【严重】' : ''}【舆情预警】${counts}`,
    items: alerts.map((alert) => (alert.subject.kind === 'post' ? postItem(alert.subject, alert.suppressedBefore, timeZone) : spikeItem(alert.subject, timeZone))),
    footer: heldCount > 0 ? `其中 ${heldCount} 条为静默时段内暂缓发送的提醒。` : undefined,
  };
}
