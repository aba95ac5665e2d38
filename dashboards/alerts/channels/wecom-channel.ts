import type { WecomChannelConfig } from '../../../config/delivery-schema.ts';
import { ChannelDeliveryError, type ChannelMessage, type DeliveryReceipt, type MessageChannel } from './channel-message.ts';
import { renderChatMarkdown } from './chat-markdown.ts';
import { postJson } from './post-json.ts';
import { splitMessage, utf8Bytes } from './split-message.ts';

/** 企业微信 error codes worth trying again later (45009: API call frequency over the limit). */
const retryableErrorCodes = new Set([-1, 45009]);

/** The 企业微信 group-robot markdown payload(s) of a message, each within the content byte limit. */
export function wecomPayloads(message: ChannelMessage, maxMessageBytes: number): { msgtype: 'markdown'; markdown: { content: string } }[] {
  const style = { urgent: (text: string) => `<font color="warning">${text}</font>` };
  return splitMessage(message, (part, label) => ({ msgtype: 'markdown' as const, markdown: { content: renderChatMarkdown(part, label.text, style) } }),
    (payload) => utf8Bytes(payload.markdown.content), maxMessageBytes);
}

/** 企业微信 group robot: POST {msgtype: markdown} to the webhook URL; success is errcode 0. */
export function createWecomChannel(config: WecomChannelConfig & { webhookUrl: string }): MessageChannel {
  return {
    id: 'wecom',
    async send(message: ChannelMessage): Promise<DeliveryReceipt> {
      const payloads = wecomPayloads(message, config.maxMessageBytes);
      for (const payload of payloads) {
        const answer = await postJson('wecom', config.webhookUrl, JSON.stringify(payload), { timeoutSeconds: config.timeoutSeconds }) as { errcode?: number; errmsg?: string };
        if (answer.errcode !== 0) throw new ChannelDeliveryError('wecom', `errcode ${answer.errcode}: ${answer.errmsg}`, retryableErrorCodes.has(answer.errcode ?? -1));
      }
      return { channel: 'wecom', parts: payloads.length };
    },
  };
}
