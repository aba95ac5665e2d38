import { DateTime } from 'luxon';
import type { AlertToSend } from './alert-decisions.ts';
import type { PostSubject, SpikeSubject } from './alert-subject.ts';
import type { ChannelMessage, MessageItem } from './channels/channel-message.ts';
import type { ReviewConfig } from '../../config/review-schema.ts';
import { riskLevelNames, spikeDimensionNames } from '../display-names.ts';
import { postAppUrl, reviewAppBaseUrl } from '../review-links.ts';

/** What an alert message needs besides the alerts: local time, where the review app is, display names. */
export interface AlertMessageOptions {
  timeZone: string;
  review: Pick<ReviewConfig, 'publicUrl' | 'host' | 'port'>;
  now?: Date | undefined;
  /** Display name of a user name (the assignee of an overdue post). */
  nameOf?: ((username: string) => string) | undefined;
}

const localTime = (iso: string, timeZone: string) => DateTime.fromISO(iso, { zone: timeZone }).toFormat('MM-dd HH:mm');

/** Age of a post as people say it: 35 分钟前, 5 小时前, 2 天前. */
export function ageText(fromIso: string, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - Date.parse(fromIso)) / 60_000));
  if (minutes < 60) return `${minutes} 分钟前`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} 小时前`;
  return `${Math.round(minutes / 1440)} 天前`;
}

/** The post's buttons: 认领 (opens the post with the claim offered) and 查看 in the review app. */
export function postActions(postId: string, review: AlertMessageOptions['review']): MessageItem['actions'] {
  return [{ label: '认领', url: postAppUrl(review, postId, 'claim'), isPrimary: true }, { label: '在工作台查看', url: postAppUrl(review, postId) }];
}

function postItem(subject: PostSubject, suppressedBefore: number, options: AlertMessageOptions): MessageItem {
  const { timeZone } = options;
  const facts = [
    { label: '风险', value: `${riskLevelNames[subject.level]}（${subject.score.toFixed(0)} 分）` },
    { label: '来源', value: subject.sourceName },
    { label: '发布', value: localTime(subject.publishedAt, timeZone) },
  ];
  if (subject.ruleNames.length > 0) facts.push({ label: '命中', value: subject.ruleNames.slice(0, 3).join('、') });
  if (subject.overdue) {
    const late = Math.max(0, Math.round(((options.now ?? new Date()).getTime() - Date.parse(subject.overdue.deadlineAt)) / 60_000));
    facts.unshift({ label: '处置时限', value: `${subject.overdue.slaMinutes} 分钟，已超时 ${late} 分钟` });
    facts.push({ label: '处理人', value: subject.overdue.assignee ? (options.nameOf?.(subject.overdue.assignee) ?? subject.overdue.assignee) : '未认领' });
  }
  if (suppressedBefore > 0) facts.push({ label: '同一事件', value: `冷却期内另有 ${suppressedBefore} 条未单独提醒` });
  return {
    heading: subject.title, url: subject.url, facts, excerpt: subject.overdue ? undefined : subject.excerpt, isUrgent: subject.level === 'critical',
    actions: subject.overdue && subject.overdue.assignee ? [{ label: '在工作台处理', url: postAppUrl(options.review, subject.postId), isPrimary: true }] : postActions(subject.postId, options.review),
    data: {
      appUrl: postAppUrl(options.review, subject.postId),
      type: subject.overdue ? 'overdue' : 'post', postId: subject.postId, ...(subject.overdue ? { deadlineAt: subject.overdue.deadlineAt } : {}), level: subject.level, score: subject.score, packIds: subject.packIds, categories: subject.categories,
      rules: subject.ruleNames, eventKey: subject.eventKey, sourceName: subject.sourceName, publishedAt: subject.publishedAt, suppressedBefore,
    },
  };
}

function spikeItem(subject: SpikeSubject, options: AlertMessageOptions): MessageItem {
  const { timeZone } = options;
  const facts = [
    { label: '时段', value: `${localTime(subject.windowStart, timeZone)}–${DateTime.fromISO(subject.windowEnd, { zone: timeZone }).toFormat('HH:mm')}` },
    { label: '帖子数', value: `${subject.count} 条` },
    { label: '此前每小时平均', value: `${subject.baselineMean.toFixed(1)} 条` },
  ];
  if (subject.example) facts.push({ label: '示例', value: subject.example.title });
  return {
    heading: `${spikeDimensionNames[subject.dimension]}突增：${subject.value}`, url: subject.example?.url, facts,
    ...(subject.example?.postId ? { actions: [{ label: '查看示例帖子', url: postAppUrl(options.review, subject.example.postId), isPrimary: true }] } : {}),
    data: {
      type: 'spike', spikeId: subject.spikeId, dimension: subject.dimension, value: subject.value, count: subject.count,
      baselineMean: subject.baselineMean, windowStart: subject.windowStart, windowEnd: subject.windowEnd, detectedAt: subject.detectedAt,
    },
  };
}

/** The alert message of one channel: counts in the title (critical first), one item per post or spike. */
export function buildAlertMessage(alerts: AlertToSend[], options: AlertMessageOptions): ChannelMessage {
  const posts = alerts.filter((alert) => alert.subject.kind === 'post' && !alert.subject.overdue);
  const overdue = alerts.filter((alert) => alert.subject.kind === 'post' && alert.subject.overdue);
  const spikes = alerts.filter((alert) => alert.subject.kind === 'spike');
  const critical = posts.filter((alert) => (alert.subject as PostSubject).level === 'critical').length;
  const counts = [
    posts.length > 0 ? `${posts.length} 条${critical === posts.length ? '严重' : '高'}风险帖子` : '',
    spikes.length > 0 ? `${spikes.length} 个突增` : '',
    overdue.length > 0 ? `${overdue.length} 条超时未处置` : '',
  ].filter(Boolean).join('、');
  const heldCount = alerts.filter((alert) => alert.wasHeld).length;
  return {
    kind: 'alert',
    title: `${critical > 0 ? '【严重】' : ''}${posts.length + spikes.length === 0 ? '【超时提醒】' : '【舆情预警】'}${counts}`,
    items: alerts.map((alert) => (alert.subject.kind === 'post' ? postItem(alert.subject, alert.suppressedBefore, options) : spikeItem(alert.subject, options))),
    footer: heldCount > 0 ? `其中 ${heldCount} 条为静默时段内暂缓发送的提醒。` : undefined,
  };
}

/** Items a first-crawl summary lists one by one; the rest are counted and linked. */
const backlogItems = 5;

/**
 * The one message that replaces a burst: the high-risk posts a source's first crawl found (at the first start, or
 * when a source is added), most severe first with their age, the rest counted with a link to the queue.
 */
export function buildBacklogMessage(alerts: AlertToSend[], sourceNames: string[], options: AlertMessageOptions): ChannelMessage {
  const now = options.now ?? new Date();
  const posts = alerts.filter((alert): alert is AlertToSend & { subject: PostSubject } => alert.subject.kind === 'post');
  const critical = posts.filter((alert) => alert.subject.level === 'critical').length;
  const items = posts.slice(0, backlogItems).map((alert) => {
    const item = postItem(alert.subject, 0, options);
    return { ...item, facts: [...item.facts, { label: '发布于', value: ageText(alert.subject.publishedAt, now) }] };
  });
  const rest = posts.length - items.length;
  const queue = `${reviewAppBaseUrl(options.review)}/queue?level=${critical > 0 ? 'critical' : 'high'}`;
  return {
    kind: 'alert',
    title: `${critical > 0 ? '【严重】' : ''}【舆情预警·首次采集汇总】${sourceNames.slice(0, 3).join('、')}${sourceNames.length > 3 ? ` 等 ${sourceNames.length} 个来源` : ''}：${posts.length} 条高风险信息`,
    items,
    footer: `${rest > 0 ? `另有 ${rest} 条未逐条列出，见工作台 ${queue} 。` : ''}这是首次采集到的存量信息，汇总为一条；此后新出现的高风险信息逐条提醒。`,
  };
}
