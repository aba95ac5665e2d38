import { createHmac } from 'node:crypto';
import type { DingtalkChannelConfig } from '../../../config/delivery-schema.ts';
import { ChannelDeliveryError, type ChannelMessage, type DeliveryReceipt, type MessageChannel } from './channel-message.ts';
import { renderChatMarkdown } from './chat-markdown.ts';
import { chatMarkdownText, safeLinkUrl } from './chat-markdown-text.ts';
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

/** A 钉钉 request body: markdown, or an 独立跳转 ActionCard when the message carries buttons. */
export type DingtalkPayload =
  | { msgtype: 'markdown'; markdown: { title: string; text: string } }
  | { msgtype: 'actionCard'; actionCard: { title: string; text: string; btnOrientation: '0' | '1'; btns: { title: string; actionURL: string }[] } };

/**
 * The 钉钉 payload(s) of a message, each within the text byte limit. With actions it is an ActionCard whose text is
 * the same markdown (every item with its own links) and whose buttons are those of the part's first, most severe
 * item (认领 / 查看 / 原文); without, plain markdown.
 */
export function dingtalkPayloads(message: ChannelMessage, maxMessageBytes: number): DingtalkPayload[] {
  const style = { urgent: (text: string) => `🔴 ${text}` };
  return splitMessage(message, (part, label): DingtalkPayload => {
    const title = `${message.title}${label.text}`;
    const text = renderChatMarkdown(part, label.text, style);
    const btns = (part.items.find((item) => item.actions?.length)?.actions ?? []).flatMap((action) => {
      const url = safeLinkUrl(action.url);
      return url ? [{ title: chatMarkdownText(action.label), actionURL: url }] : [];
    });
    return btns.length > 0 ? { msgtype: 'actionCard', actionCard: { title, text, btnOrientation: btns.length > 2 ? '0' : '1', btns } } : { msgtype: 'markdown', markdown: { title, text } };
  }, (payload) => utf8Bytes(payload.msgtype === 'markdown' ? payload.markdown.text : payload.actionCard.text), maxMessageBytes);
}

/** 钉钉 custom robot: POST an ActionCard (or markdown) to the signed webhook URL; success is errcode 0. */
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
