import type { Logger } from 'pino';
import type { Config } from '../../config/config-schema.ts';
import type { ChannelId } from '../../config/delivery-schema.ts';
import { ChannelDeliveryError, type ChannelMessage } from './channels/channel-message.ts';
import { configuredChannels } from './channels/configured-channels.ts';
import { createMailSender, type MailSender } from './channels/mail-sender.ts';

/** Health states worth waking someone for. */
export const alertingSourceStates = ['failing', 'blocked', 'broken'] as const;

/**
 * A source's health as the alert sees it: defined here, filled by bin/ from the crawl's run report, so
 * dashboards never import the crawlers.
 */
export interface SourceHealthChange {
  sourceId: string;
  sourceName: string;
  state: string;
  previousState?: string | undefined;
  reason?: string | undefined;
  message?: string | undefined;
  advice?: string | undefined;
  url?: string | undefined;
  at: string;
}

const stateNames: Record<string, string> = { ok: '正常', degraded: '部分异常', failing: '采集失败', blocked: '被拦截', broken: '已失效' };

/** True when the source just entered failing, blocked or broken (staying there does not alert again). */
export function isAlertingChange(change: Pick<SourceHealthChange, 'state' | 'previousState'>): boolean {
  return (alertingSourceStates as readonly string[]).includes(change.state) && change.state !== change.previousState;
}

/** The message about one source; the error text comes from the site and is data, escaped by each channel. */
export function sourceHealthMessage(change: SourceHealthChange): ChannelMessage {
  const facts = [
    { label: '状态', value: `${stateNames[change.state] ?? change.state}${change.previousState ? `（此前：${stateNames[change.previousState] ?? change.previousState}）` : ''}` },
    ...(change.reason ? [{ label: '原因', value: change.reason }] : []),
    ...(change.message ? [{ label: '详情', value: change.message.slice(0, 300) }] : []),
    ...(change.advice ? [{ label: '处理建议', value: change.advice }] : []),
    { label: '时间（UTC）', value: change.at.replace('T', ' ').replace(/\.\d+Z$/, '') },
  ];
  return {
    kind: 'alert',
    title: `【采集异常】${change.sourceName} ${stateNames[change.state] ?? change.state}`,
    items: [{ heading: `${change.sourceName}（${change.sourceId}）`, url: change.url, facts, isUrgent: change.state !== 'failing',
      data: { type: 'source-health', sourceId: change.sourceId, state: change.state, previousState: change.previousState, reason: change.reason, at: change.at } }],
    footer: '在研判工作台的「采集源」页面可查看详情、立即重试或暂停该源。',
  };
}

/** Sends source-health alerts on the configured channels. */
export interface SourceHealthAlerter {
  /** Sends the change when it is one to alert on; resolves with the channels that took it and the failures. */
  notify(change: SourceHealthChange): Promise<{ delivered: ChannelId[]; failed: { channel: ChannelId; message: string }[] }>;
  close(): void;
}

/**
 * Alerts when a source becomes failing, blocked or broken, on `alerts.defaultChannels` among those
 * configured under `delivery` (the same channels as risk alerts, without their routing: a crawl problem
 * belongs to whoever runs yuqing, not to a rule pack). Sent at once, also in quiet hours: the alert is
 * about data that is *not* arriving.
 */
export function createSourceHealthAlerter(options: { config: Config; logger: Logger }): SourceHealthAlerter {
  const { config, logger } = options;
  const smtp = config.delivery.smtp;
  const mailSender: MailSender | undefined = smtp.host && config.alerts.emailTo.length > 0 ? createMailSender({ ...smtp, host: smtp.host }) : undefined;
  const channels = configuredChannels(config.delivery, { sender: mailSender, to: config.alerts.emailTo });
  const targets = config.alerts.defaultChannels.filter((id) => channels.has(id));
  return {
    async notify(change) {
      if (!config.alerts.enabled || !isAlertingChange(change)) return { delivered: [], failed: [] };
      const message = sourceHealthMessage(change);
      const results = await Promise.all(targets.map(async (id) => {
        try {
          await channels.get(id)!.send(message);
          return { id, error: undefined };
        } catch (error) {
          return { id, error: error instanceof ChannelDeliveryError ? error.message : (error as Error).message };
        }
      }));
      const failed = results.filter((result) => result.error).map((result) => ({ channel: result.id, message: result.error! }));
      for (const failure of failed) logger.warn({ channel: failure.channel, sourceId: change.sourceId, err: failure.message }, 'source-health alert delivery failed');
      return { delivered: results.filter((result) => !result.error).map((result) => result.id), failed };
    },
    close: () => mailSender?.close(),
  };
}
