import { createHmac } from 'node:crypto';
import type { DingtalkChannelConfig } from '../../../config/delivery-schema.ts';
import { ChannelDeliveryError, type ChannelMessage, type DeliveryReceipt, type MessageChannel } from './channel-message.ts';
import { renderChatMarkdown } from './chat-markdown.ts';
import { postJson } from './post-json.ts';
import { splitMessage, utf8Bytes } from './split-message.ts';

/** 钉钉 error codes worth trying again later (130101: sending too fast, 20 messages a minute per robot). */
const retryableErrorCodes = new Set([-1, 130101]);

/** 钉钉 加签: Base64(HmacSHA256(key: secret, message: timestamp + "\n" + secret)); the caller URL-encodes it. */
export function dingtalkSignature(secret: string, timestampMillis: number): string {
  return createHmac('sha256', secret).update(`${timestampMillis}\n${secret}`, 'utf8').digest('base64');
}

/** The robot URL with `timestamp` and `sign` added when a secret is configured. */
export function signedDingtalkUrl(webhookUrl: string, secret: string | undefined, timestampMillis: number): string {
  if (!secret) return webhookUrl;
  const url = new URL(webhookUrl);
  url.searchParams.set('timestamp', String(timestampMillis));
  url.searchParams.set('sign', dingtalkSignature(secret, timestampMillis));
  return url.href;
}

/** The 钉钉 markdown payload(s) of a message, each within the text byte limit. */
export function dingtalkPayloads(message: ChannelMessage, maxMessageBytes: number): { msgtype: 'markdown'; markdown: { title: string; text: string } }[] {
  const style = { urgent: (text: string) => `🔴 ${text}` };
  return splitMessage(message, (part, label) => ({ msgtype: 'markdown' as const, markdown: { title: `${message.title}${label.text}`, text: renderChatMarkdown(part, label.text, style) } }),
    (payload) => utf8Bytes(payload.markdown.text), maxMessageBytes);
}

/** 钉钉 custom robot: POST {msgtype: markdown} to the signed webhook URL; success is errcode 0. */
export function createDingtalkChannel(config: DingtalkChannelConfig & { webhookUrl: string }, now: () => number = Date.now): MessageChannel {
  return {
    id: 'dingtalk',
    async send(message: ChannelMessage): Promise<DeliveryReceipt> {
      const payloads = dingtalkPayloads(message, config.maxMessageBytes);
      for (const payload of payloads) {
        const url = signedDingtalkUrl(config.webhookUrl, config.secret, now());
        const answer = await postJson('dingtalk', url, JSON.stringify(payload), { timeoutSeconds: config.timeoutSeconds }) as { errcode?: number; errmsg?: string };
        if (answer.errcode !== 0) throw new ChannelDeliveryError('dingtalk', `errcode ${answer.errcode}: ${answer.errmsg}`, retryableErrorCodes.has(answer.errcode ?? -1));
      }
      return { channel: 'dingtalk', parts: payloads.length };
    },
  };
}
