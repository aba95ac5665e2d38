import type { ChannelId, DeliveryConfig } from '../../../config/delivery-schema.ts';
import type { MessageChannel } from './channel-message.ts';
import { createDingtalkChannel } from './dingtalk-channel.ts';
import { createEmailChannel } from './email-channel.ts';
import { createFeishuChannel } from './feishu-channel.ts';
import type { MailSender } from './mail-sender.ts';
import { createWebhookChannel } from './webhook-channel.ts';
import { createWecomChannel } from './wecom-channel.ts';

/** The channels that are configured (URL, or SMTP host and recipients), by id; the rest are absent. */
export function configuredChannels(delivery: DeliveryConfig, mail: { sender?: MailSender | undefined; to: string[] }): Map<ChannelId, MessageChannel> {
  const channels = new Map<ChannelId, MessageChannel>();
  if (mail.sender && mail.to.length > 0) channels.set('email', createEmailChannel(mail.sender, mail.to));
  const { wecom, dingtalk, feishu, webhook } = delivery;
  if (wecom.webhookUrl) channels.set('wecom', createWecomChannel({ ...wecom, webhookUrl: wecom.webhookUrl }));
  if (dingtalk.webhookUrl) channels.set('dingtalk', createDingtalkChannel({ ...dingtalk, webhookUrl: dingtalk.webhookUrl }));
  if (feishu.webhookUrl) channels.set('feishu', createFeishuChannel({ ...feishu, webhookUrl: feishu.webhookUrl }));
  if (webhook.url) channels.set('webhook', createWebhookChannel({ ...webhook, url: webhook.url }));
  return channels;
}
