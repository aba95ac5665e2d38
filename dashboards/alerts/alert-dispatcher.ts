import type { Client } from '@elastic/elasticsearch';
import type { Logger } from 'pino';
import type { Config } from '../../config/config-schema.ts';
import type { ChannelId } from '../../config/delivery-schema.ts';
import { indexNames } from '../../pipeline/post-document.ts';
import { findNewSpikes, findRiskyPosts } from './alert-candidates.ts';
import { decideAlerts, type AlertToSend } from './alert-decisions.ts';
import { buildAlertMessage, buildBacklogMessage, type AlertMessageOptions } from './alert-message.ts';
import { routeChannels } from './alert-routing.ts';
import { findFirstCrawlSources } from './first-crawl-sources.ts';
import { findOverduePosts } from './overdue-candidates.ts';
import {
  alertStateIndex, cooldownRecordSchema, ensureAlertStateIndex, readOpenRecords, readStateDocuments, writeStateDocuments,
  type AlertRecord, type CooldownRecord,
} from './alert-state.ts';
import { subjectRank, type AlertSubject } from './alert-subject.ts';
import { ChannelDeliveryError, type MessageChannel } from './channels/channel-message.ts';
import { configuredChannels } from './channels/configured-channels.ts';
import { createMailSender, type MailSender } from './channels/mail-sender.ts';
import { rankOf } from '../display-names.ts';
import { reviewIndexNames } from '../review-app/review-indices.ts';

/** Checks a channel that failed transiently is tried again before the alert is given up on it. */
const maxAttempts = 5;

/** What one check found and did. */
export interface AlertCheckReport {
  checkedAt: string;
  candidates: { posts: number; spikes: number };
  /** Posts and spikes delivered to at least one channel (including held and retried ones). */
  sent: number;
  /** Posts of a source's first crawl that went out in one summary message instead of one alert each. */
  summarised: number;
  suppressed: number;
  held: number;
  dropped: number;
  /** Alerts no channel took (some may be retried). */
  failed: number;
  deliveries: { channel: ChannelId; items: number; parts: number }[];
  errors: { channel: ChannelId; message: string; isRetryable: boolean }[];
}

/** Finds new high-risk posts and spikes in Elasticsearch and notifies the routed channels; call it after every pipeline run. */
export interface AlertDispatcher {
  checkAndNotify(now?: Date): Promise<AlertCheckReport>;
  /** Closes the SMTP connection pool. */
  close(): void;
}

interface Delivery { channel: ChannelId; keys: string[]; parts: number; error?: ChannelDeliveryError }

/** Wires the dispatcher from the config: channels under `delivery`, rules under `alerts`, state in `<prefix>alert-state`. */
export function createAlertDispatcher(options: { client: Client; config: Config; logger: Logger }): AlertDispatcher {
  const { client, config, logger } = options;
  const usersIndex = reviewIndexNames(config).users;
  const names = indexNames(config.elasticsearch.indexPrefix);
  const stateIndex = alertStateIndex(names.prefix);
  const smtp = config.delivery.smtp;
  const mailSender: MailSender | undefined = smtp.host && config.alerts.emailTo.length > 0 ? createMailSender({ ...smtp, host: smtp.host }) : undefined;
  const channels = configuredChannels(config.delivery, { sender: mailSender, to: config.alerts.emailTo });
  let isStateReady = false;
  let running: Promise<unknown> = Promise.resolve();

  /** Display names of review-app users (the assignee of an overdue post), from the users index the app owns. */
  async function displayNames(usernames: string[]): Promise<Map<string, string>> {
    if (usernames.length === 0) return new Map();
    const response = await client.mget<{ displayName?: string }>({ index: usersIndex, ids: [...new Set(usernames)] }).catch(() => undefined);
    return new Map((response?.docs ?? []).flatMap((doc) => ('found' in doc && doc.found && doc._source?.displayName ? [[doc._id, doc._source.displayName] as const] : [])));
  }

  async function deliver(channel: MessageChannel, alerts: AlertToSend[], messageOptions: AlertMessageOptions, backlogSources?: string[]): Promise<Delivery> {
    const keys = alerts.map((alert) => alert.subject.key);
    try {
      const message = backlogSources ? buildBacklogMessage(alerts, backlogSources, messageOptions) : buildAlertMessage(alerts, messageOptions);
      const receipt = await channel.send(message);
      return { channel: channel.id, keys, parts: receipt.parts };
    } catch (error) {
      const failure = error instanceof ChannelDeliveryError ? error : new ChannelDeliveryError(channel.id, (error as Error).message, true);
      return { channel: channel.id, keys, parts: 0, error: failure };
    }
  }

  async function check(now: Date): Promise<AlertCheckReport> {
    const report: AlertCheckReport = { checkedAt: now.toISOString(), candidates: { posts: 0, spikes: 0 }, sent: 0, summarised: 0, suppressed: 0, held: 0, dropped: 0, failed: 0, deliveries: [], errors: [] };
    if (!config.alerts.enabled) return report;
    if (!isStateReady) {
      await ensureAlertStateIndex(client, stateIndex);
      isStateReady = true;
    }
    // Posts of the run that just finished must be searchable now, not after the next refresh interval.
    await client.indices.refresh({ index: [names.posts, names.spikes], ignore_unavailable: true, allow_no_indices: true });
    const since = new Date(now.getTime() - config.alerts.lookbackMinutes * 60_000);
    const posts = await findRiskyPosts(client, names, rankOf(config.alerts.minRiskLevel), since, config.alerts.maxItemsPerCheck);
    const spikes = config.alerts.spikes ? await findNewSpikes(client, names, since, config.alerts.maxItemsPerCheck) : [];
    const overdue = config.alerts.overdue ? await findOverduePosts(client, names, config.review.sla, since, now, config.alerts.maxItemsPerCheck) : [];
    const firstCrawl = config.alerts.backlogSummary ? await findFirstCrawlSources(client, names, stateIndex, since, now) : { sourceIds: new Set<string>(), markers: [] };
    report.candidates = { posts: posts.length, spikes: spikes.length };

    const known = await readStateDocuments(client, stateIndex, [...posts, ...spikes, ...overdue].map((subject) => subject.key));
    // New, or a post whose level rose since it was decided (e.g. high → critical): decided again.
    const undecided: AlertSubject[] = [...posts, ...spikes, ...overdue].filter((subject) => {
      const record = known.get(subject.key) as AlertRecord | undefined;
      return !record || (subject.kind === 'post' && subject.levelRank > record.levelRank);
    });
    // The backlog of a first crawl is one summary, not a burst; overdue posts are never backlog.
    const isBacklog = (subject: AlertSubject) => subject.kind === 'post' && !subject.overdue && subject.sourceId !== undefined && firstCrawl.sourceIds.has(subject.sourceId);
    const backlog = undecided.filter(isBacklog);
    const newSubjects = undecided.filter((subject) => !isBacklog(subject));
    const assigneeNames = await displayNames(overdue.flatMap((subject) => (subject.kind === 'post' && subject.overdue?.assignee ? [subject.overdue.assignee] : [])));
    const messageOptions: AlertMessageOptions = { timeZone: config.pipeline.timeZone, review: config.review, now, nameOf: (username) => assigneeNames.get(username) ?? username };
    const newKeys = new Set(newSubjects.map((subject) => subject.key));
    const open = await readOpenRecords(client, stateIndex, config.alerts.maxItemsPerCheck);
    const heldSubjects = [...open.values()].filter((record) => record.status === 'held' && !newKeys.has(`${record.kind}:${record.subjectId}`)).map((record) => record.subject as unknown as AlertSubject);
    const retries = [...open.entries()].filter(([id, record]) => record.pendingChannels.length > 0 && !newKeys.has(id));

    const groupIds = [...new Set([...newSubjects, ...heldSubjects].map((subject) => `cooldown:${subject.eventKey}`))];
    const cooldowns = new Map([...(await readStateDocuments(client, stateIndex, groupIds)).values()].map((doc) => {
      const record = cooldownRecordSchema.parse(doc);
      return [record.eventKey, record] as const;
    }));
    const decisions = decideAlerts({ newSubjects, heldSubjects, cooldowns, config: config.alerts, configuredChannels: new Set(channels.keys()), now });

    // One message per channel with everything routed to it; retries go out as their own message.
    const byChannel = new Map<ChannelId, AlertToSend[]>();
    for (const alert of decisions.toSend) for (const id of alert.channels) byChannel.set(id, [...(byChannel.get(id) ?? []), alert]);
    const retryByChannel = new Map<ChannelId, AlertToSend[]>();
    for (const [, record] of retries) {
      for (const id of record.pendingChannels as ChannelId[]) {
        const alert = { subject: record.subject as unknown as AlertSubject, channels: [id], suppressedBefore: 0, wasHeld: false };
        if (channels.has(id)) retryByChannel.set(id, [...(retryByChannel.get(id) ?? []), alert]);
      }
    }
    const backlogAlerts: AlertToSend[] = backlog.sort((a, b) => subjectRank(b) - subjectRank(a) || (b.kind === 'post' ? b.score : 0) - (a.kind === 'post' ? a.score : 0))
      .map((subject) => ({ subject, channels: routeChannels(subject, config.alerts).filter((id) => channels.has(id)), suppressedBefore: 0, wasHeld: false }));
    const backlogByChannel = new Map<ChannelId, AlertToSend[]>();
    for (const alert of backlogAlerts) for (const id of alert.channels) backlogByChannel.set(id, [...(backlogByChannel.get(id) ?? []), alert]);
    const backlogSourceNames = [...new Set(backlogAlerts.flatMap((alert) => (alert.subject.kind === 'post' ? [alert.subject.sourceName] : [])))];
    const [deliveries, backlogDeliveries] = await Promise.all([
      Promise.all([
        ...[...byChannel].map(([id, alerts]) => deliver(channels.get(id)!, alerts, messageOptions)),
        ...[...retryByChannel].map(([id, alerts]) => deliver(channels.get(id)!, alerts, messageOptions)),
      ]),
      Promise.all([...backlogByChannel].map(([id, alerts]) => deliver(channels.get(id)!, alerts, messageOptions, backlogSourceNames))),
    ]);
    for (const delivery of backlogDeliveries) {
      if (delivery.error) {
        report.errors.push({ channel: delivery.channel, message: delivery.error.message, isRetryable: delivery.error.isRetryable });
        logger.warn({ channel: delivery.channel, items: delivery.keys.length, err: delivery.error.message }, 'first-crawl summary delivery failed');
      } else {
        report.deliveries.push({ channel: delivery.channel, items: delivery.keys.length, parts: delivery.parts });
      }
    }
    for (const delivery of deliveries) {
      if (delivery.error) {
        report.errors.push({ channel: delivery.channel, message: delivery.error.message, isRetryable: delivery.error.isRetryable });
        logger.warn({ channel: delivery.channel, items: delivery.keys.length, retryable: delivery.error.isRetryable, err: delivery.error.message }, 'alert delivery failed');
      } else {
        report.deliveries.push({ channel: delivery.channel, items: delivery.keys.length, parts: delivery.parts });
      }
    }
    const outcome = (key: string, channel: ChannelId) => deliveries.find((delivery) => delivery.channel === channel && delivery.keys.includes(key));

    const stamp = now.toISOString();
    const documents: { id: string; doc: AlertRecord | CooldownRecord }[] = [];
    const record = (subject: AlertSubject, fields: Pick<AlertRecord, 'status' | 'channels' | 'deliveredChannels' | 'pendingChannels' | 'attempts'> & Partial<AlertRecord>): AlertRecord => ({
      kind: subject.kind === 'post' && subject.overdue ? 'overdue' : subject.kind, subjectId: subject.kind === 'post' ? subject.postId : subject.spikeId, eventKey: subject.eventKey,
      levelRank: subject.kind === 'post' ? subject.levelRank : rankOf('high'), decidedAt: stamp, updatedAt: stamp,
      subject: subject as unknown as Record<string, unknown>, ...fields,
    });
    for (const alert of decisions.toSend) {
      const results = alert.channels.map((id) => ({ id, delivery: outcome(alert.subject.key, id) }));
      const delivered = results.filter((result) => result.delivery && !result.delivery.error).map((result) => result.id);
      const pending = results.filter((result) => result.delivery?.error?.isRetryable).map((result) => result.id);
      const lastError = results.find((result) => result.delivery?.error)?.delivery?.error?.message;
      if (delivered.length > 0) report.sent += 1;
      else report.failed += 1;
      documents.push({ id: alert.subject.key, doc: record(alert.subject, {
        status: delivered.length > 0 ? 'sent' : 'failed', ...(delivered.length === 0 && pending.length === 0 ? { reason: 'delivery-failed' } : {}),
        channels: alert.channels, deliveredChannels: delivered, pendingChannels: pending, attempts: 1,
        ...(delivered.length > 0 ? { sentAt: stamp } : {}), ...(lastError ? { lastError } : {}),
      }) });
    }
    for (const [id, previous] of retries) {
      const results = previous.pendingChannels.map((channel) => ({ channel, delivery: outcome(id, channel as ChannelId) }));
      const delivered = results.filter((result) => result.delivery && !result.delivery.error).map((result) => result.channel);
      const attempts = previous.attempts + 1;
      const pending = attempts >= maxAttempts ? [] : results.filter((result) => !result.delivery || result.delivery.error?.isRetryable).map((result) => result.channel);
      const allDelivered = [...previous.deliveredChannels, ...delivered];
      if (delivered.length > 0 && previous.deliveredChannels.length === 0) report.sent += 1;
      documents.push({ id, doc: {
        ...previous, deliveredChannels: allDelivered, pendingChannels: pending, attempts, updatedAt: stamp,
        status: allDelivered.length > 0 ? 'sent' : 'failed', ...(allDelivered.length > 0 && !previous.sentAt ? { sentAt: stamp } : {}),
      } });
    }
    for (const skipped of decisions.notSent) {
      report[skipped.status === 'suppressed' ? 'suppressed' : skipped.status === 'held' ? 'held' : 'dropped'] += 1;
      documents.push({ id: skipped.subject.key, doc: record(skipped.subject, { status: skipped.status, reason: skipped.reason, channels: skipped.channels, deliveredChannels: [], pendingChannels: [], attempts: 0 }) });
    }
    for (const alert of backlogAlerts) {
      const delivered = alert.channels.filter((id) => backlogDeliveries.some((delivery) => delivery.channel === id && !delivery.error));
      const lastError = backlogDeliveries.find((delivery) => alert.channels.includes(delivery.channel) && delivery.error)?.error?.message;
      if (delivered.length > 0) report.summarised += 1;
      else if (alert.channels.length === 0) report.dropped += 1;
      else report.failed += 1;
      documents.push({ id: alert.subject.key, doc: record(alert.subject, {
        status: delivered.length > 0 ? 'sent' : alert.channels.length === 0 ? 'dropped' : 'failed',
        reason: delivered.length > 0 ? 'backlog-summary' : alert.channels.length === 0 ? 'no-channel' : 'delivery-failed',
        channels: alert.channels, deliveredChannels: delivered, pendingChannels: [], attempts: 1,
        ...(delivered.length > 0 ? { sentAt: stamp } : {}), ...(lastError ? { lastError } : {}),
      }) });
    }
    for (const cooldown of decisions.cooldowns.values()) documents.push({ id: `cooldown:${cooldown.eventKey}`, doc: cooldown });
    await writeStateDocuments(client, stateIndex, [...documents, ...firstCrawl.markers]);
    if (report.sent + report.failed + report.summarised > 0) logger.info({ sent: report.sent, summarised: report.summarised, failed: report.failed, suppressed: report.suppressed, held: report.held, deliveries: report.deliveries }, 'alerts checked');
    return report;
  }

  return {
    checkAndNotify(now = new Date()) {
      // One check at a time: a slow channel must not let two checks decide the same posts.
      const result = running.then(() => check(now));
      running = result.catch(() => undefined);
      return result;
    },
    close: () => mailSender?.close(),
  };
}
