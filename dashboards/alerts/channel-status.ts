import type { Config } from '../../config/config-schema.ts';
import { channelIds, type ChannelId } from '../../config/delivery-schema.ts';

/** One alert channel as the setup screen and the start-up check describe it. */
export interface ChannelStatus {
  id: ChannelId;
  isConfigured: boolean;
  /** Whether alerts that match no route go there. */
  isDefault: boolean;
  /** What to set to turn it on, when it is off. */
  howToConfigure?: string | undefined;
}

const hints: Record<ChannelId, string> = {
  email: 'delivery.smtp.host (YUQING_SMTP_HOST) + alerts.emailTo',
  wecom: 'delivery.wecom.webhookUrl (YUQING_WECOM_WEBHOOK_URL)',
  dingtalk: 'delivery.dingtalk.webhookUrl (YUQING_DINGTALK_WEBHOOK_URL) + secret',
  feishu: 'delivery.feishu.webhookUrl (YUQING_FEISHU_WEBHOOK_URL) + secret',
  webhook: 'delivery.webhook.url (YUQING_ALERT_WEBHOOK_URL)',
};

/** Every channel with whether it is on (URL or SMTP host and recipients set). */
export function alertChannelStatus(config: Config): ChannelStatus[] {
  const { delivery, alerts } = config;
  const on: Record<ChannelId, boolean> = {
    email: Boolean(delivery.smtp.host) && alerts.emailTo.length > 0, wecom: Boolean(delivery.wecom.webhookUrl), dingtalk: Boolean(delivery.dingtalk.webhookUrl),
    feishu: Boolean(delivery.feishu.webhookUrl), webhook: Boolean(delivery.webhook.url),
  };
  return channelIds.map((id) => ({ id, isConfigured: on[id], isDefault: alerts.defaultChannels.includes(id), ...(on[id] ? {} : { howToConfigure: hints[id] }) }));
}

/**
 * Problems with the alert setup that mean high-risk posts would reach nobody, as sentences for the start-up log:
 * no channel configured at all, or none of the default channels configured.
 */
export function alertSetupWarnings(config: Config): string[] {
  if (!config.alerts.enabled) return [];
  const status = alertChannelStatus(config);
  if (!status.some((channel) => channel.isConfigured)) {
    return [`alerts are on but no channel is configured: high-risk posts are recorded but nobody is told. Set one of: ${status.map((channel) => channel.howToConfigure).join('; ')}`];
  }
  const warnings: string[] = [];
  if (!status.some((channel) => channel.isDefault && channel.isConfigured)) {
    warnings.push(`none of alerts.defaultChannels (${config.alerts.defaultChannels.join(', ') || 'none'}) is configured: alerts that match no route reach nobody`);
  }
  // Only once alerts go somewhere: links to 127.0.0.1 in a chat message cannot be opened on the phone that reads it.
  if (!config.review.publicUrl) warnings.push('review.publicUrl is unset: the links in alerts point at the local address of the review app, which a phone reading the alert cannot open');
  return warnings;
}
