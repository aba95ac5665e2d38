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

/** Crawled text in a card's plain_text: literal already, but `<at …>` must never become a mention. */
const plain = (text: string) => text.replace(/[<>]/g, (char) => (char === '<' ? '＜' : '＞'));
const plainText = (content: string) => ({ tag: 'plain_text' as const, content: plain(content) });

type CardElement = Record<string, unknown>;

/**
 * The 飞书 interactive card (消息卡片) of one part: a coloured header (red when a critical item is in it), per item
 * its heading, facts as short fields, the excerpt as a note and its actions as buttons (认领 primary), divided by
 * rules. Every crawled string is `plain_text`, so nothing in it is read as lark_md links or mentions.
 */
function cardContent(message: ChannelMessage, label: string): { msg_type: 'interactive'; card: Record<string, unknown> } {
  const elements: CardElement[] = [];
  message.items.forEach((item, index) => {
    if (index > 0) elements.push({ tag: 'hr' });
    elements.push({ tag: 'div', text: plainText(`${item.isUrgent ? '🔴 ' : ''}${item.heading || '（无标题）'}`) });
    if (item.facts.length > 0) elements.push({ tag: 'div', fields: item.facts.map((fact) => ({ is_short: true, text: plainText(`${fact.label}：${fact.value}`) })) });
    if (item.excerpt) elements.push({ tag: 'note', elements: [plainText(item.excerpt)] });
    const source = safeLinkUrl(item.url);
    const buttons = [
      ...(item.actions ?? []).flatMap((action) => {
        const url = safeLinkUrl(action.url);
        return url ? [{ tag: 'button', text: plainText(action.label), url, type: action.isPrimary ? 'primary' : 'default' }] : [];
      }),
      ...(source ? [{ tag: 'button', text: plainText('查看原文'), url: source, type: 'default' }] : []),
    ];
    if (buttons.length > 0) elements.push({ tag: 'action', actions: buttons });
  });
  if (message.footer) elements.push({ tag: 'note', elements: [plainText(message.footer)] });
  const isUrgent = message.items.some((item) => item.isUrgent);
  return {
    msg_type: 'interactive',
    card: { config: { wide_screen_mode: true }, header: { title: plainText(`${message.title}${label}`), template: isUrgent ? 'red' : message.kind === 'digest' ? 'blue' : 'orange' }, elements },
  };
}

/** The signed 飞书 request bodies of a message, each within the body size limit. */
export function feishuBodies(message: ChannelMessage, config: Pick<FeishuChannelConfig, 'secret' | 'maxMessageBytes'>, timestampSeconds: number): string[] {
  const signature = config.secret ? { timestamp: String(timestampSeconds), sign: feishuSignature(config.secret, timestampSeconds) } : {};
  return splitMessage(message, (part, label) => JSON.stringify({ ...signature, ...cardContent(part, label.text) }), utf8Bytes, config.maxMessageBytes);
}

/** 飞书 custom bot: POST a signed interactive card to the webhook URL; success is code 0. */
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
