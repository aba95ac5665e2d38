import { createHmac } from 'node:crypto';
import type { FeishuChannelConfig } from '../../../config/delivery-schema.ts';
import { ChannelDeliveryError, type ChannelMessage, type DeliveryReceipt, type MessageChannel } from './channel-message.ts';
import { safeLinkUrl } from './chat-markdown-text.ts';
import { postJson } from './post-json.ts';
import { splitMessage, utf8Bytes } from './split-message.ts';

/** 飞书 codes worth trying again later (11232: frequency limited). */
const retryableCodes = new Set([-1, 11232]);

/** 飞书 签名校验: Base64(HmacSHA256(key: timestamp + "\n" + secret, message: empty)), timestamp in seconds. */
export function feishuSignature(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

type PostElement = { tag: 'text'; text: string } | { tag: 'a'; text: string; href: string };

/** Crawled text in a rich-text element: plain text already, but `<at …>` must never become a mention. */
const plain = (text: string) => text.replace(/[<>]/g, (char) => (char === '<' ? '＜' : '＞'));

/** The 飞书 `post` (rich text) body of one part, without signature fields. */
function postContent(message: ChannelMessage, label: string): { msg_type: 'post'; content: { post: { zh_cn: { title: string; content: PostElement[][] } } } } {
  const rows: PostElement[][] = [];
  for (const item of message.items) {
    const url = safeLinkUrl(item.url);
    const heading = `${item.isUrgent ? '🔴 ' : ''}${plain(item.heading) || '（无标题）'}`;
    rows.push([url ? { tag: 'a', text: heading, href: url } : { tag: 'text', text: heading }]);
    const facts = item.facts.map((fact) => `${fact.label}：${plain(fact.value)}`).join('　');
    if (facts) rows.push([{ tag: 'text', text: facts }]);
    if (item.excerpt) rows.push([{ tag: 'text', text: plain(item.excerpt) }]);
  }
  if (message.footer) rows.push([{ tag: 'text', text: plain(message.footer) }]);
  return { msg_type: 'post', content: { post: { zh_cn: { title: `${message.title}${label}`, content: rows } } } };
}

/** The signed 飞书 request bodies of a message, each within the body size limit. */
export function feishuBodies(message: ChannelMessage, config: Pick<FeishuChannelConfig, 'secret' | 'maxMessageBytes'>, timestampSeconds: number): string[] {
  const signature = config.secret ? { timestamp: String(timestampSeconds), sign: feishuSignature(config.secret, timestampSeconds) } : {};
  return splitMessage(message, (part, label) => JSON.stringify({ ...signature, ...postContent(part, label.text) }), utf8Bytes, config.maxMessageBytes);
}

/** 飞书 custom bot: POST a signed `post` message to the webhook URL; success is code 0. */
export function createFeishuChannel(config: FeishuChannelConfig & { webhookUrl: string }, now: () => number = Date.now): MessageChannel {
  return {
    id: 'feishu',
    async send(message: ChannelMessage): Promise<DeliveryReceipt> {
      const bodies = feishuBodies(message, config, Math.floor(now() / 1000));
      for (const body of bodies) {
        const answer = await postJson('feishu', config.webhookUrl, body, { timeoutSeconds: config.timeoutSeconds }) as { code?: number; msg?: string; StatusCode?: number };
        const code = answer.code ?? answer.StatusCode;
        if (code !== 0) throw new ChannelDeliveryError('feishu', `code ${code}: ${answer.msg}`, retryableCodes.has(code ?? -1));
      }
      return { channel: 'feishu', parts: bodies.length };
    },
  };
}
