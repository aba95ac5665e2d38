import { createHmac } from 'node:crypto';
import type { WebhookChannelConfig } from '../../../config/delivery-schema.ts';
import type { ChannelMessage, DeliveryReceipt, MessageChannel } from './channel-message.ts';
import { postJson } from './post-json.ts';
import { splitMessage, utf8Bytes } from './split-message.ts';

/** Signature header value: sha256=hex(HmacSHA256(secret, timestamp + "." + body)). */
export function webhookSignature(secret: string, timestampSeconds: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampSeconds}.${body}`, 'utf8').digest('hex')}`;
}

/** The JSON bodies of a message (schema in dashboards/alerts/README.md), each within the size limit. */
export function webhookBodies(message: ChannelMessage, maxMessageBytes: number, sentAt: string): string[] {
  return splitMessage(message, (part, label) => JSON.stringify({
    source: 'yuqing', kind: message.kind, title: message.title, part: label.index, parts: label.count, sentAt,
    items: part.items.map((item) => ({ heading: item.heading, url: item.url, facts: item.facts, excerpt: item.excerpt, isUrgent: item.isUrgent ?? false,
      ...(item.actions?.length ? { actions: item.actions.map((action) => ({ label: action.label, url: action.url, isPrimary: action.isPrimary ?? false })) } : {}),
      ...(item.data ? { data: item.data } : {}) })),
    ...(message.footer ? { footer: message.footer } : {}),
  }), utf8Bytes, maxMessageBytes);
}

/** Generic JSON webhook, signed with X-Yuqing-Timestamp / X-Yuqing-Signature when a secret is set; any 2xx is success. */
export function createWebhookChannel(config: WebhookChannelConfig & { url: string }, now: () => number = Date.now): MessageChannel {
  return {
    id: 'webhook',
    async send(message: ChannelMessage): Promise<DeliveryReceipt> {
      const bodies = webhookBodies(message, config.maxMessageBytes, new Date(now()).toISOString());
      for (const body of bodies) {
        const timestampSeconds = Math.floor(now() / 1000);
        const headers: Record<string, string> = config.secret
          ? { 'x-yuqing-timestamp': String(timestampSeconds), 'x-yuqing-signature': webhookSignature(config.secret, timestampSeconds, body) }
          : {};
        await postJson('webhook', config.url, body, { timeoutSeconds: config.timeoutSeconds, headers });
      }
      return { channel: 'webhook', parts: bodies.length };
    },
  };
}
