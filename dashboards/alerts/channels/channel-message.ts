import type { ChannelId } from '../../../config/delivery-schema.ts';

/**
 * A message as structured data. Each channel renders it in its own documented format, so crawled text is
 * escaped once per format at the edge instead of being pre-rendered into one markup that others must undo.
 */
export interface ChannelMessage {
  /** First line / subject, e.g. 【舆情预警】3 条高风险帖子. Written by us, never crawled text. */
  title: string;
  /** One block per post or spike. */
  items: MessageItem[];
  /** Last line, e.g. where the rest can be seen. */
  footer?: string | undefined;
  /** What the message is about, for the JSON webhook. */
  kind: 'alert' | 'digest';
}

/** One post, spike or summary block of a message. */
export interface MessageItem {
  /** Heading; for posts the crawled title (hostile). */
  heading: string;
  /** Link to the source page; only http(s) URLs are ever rendered as links. */
  url?: string | undefined;
  /** Short label/value facts, e.g. 来源 / 微博. Values may be crawled text. */
  facts: { label: string; value: string }[];
  /** A crawled excerpt (hostile), cut to a few hundred characters by the caller. */
  excerpt?: string | undefined;
  /** Highlights the item (critical posts). */
  isUrgent?: boolean;
  /** Structured fields for the JSON webhook (post id, level, score…). */
  data?: Record<string, unknown>;
  /** Buttons or links into the review app (认领, 查看…); the first primary one is the main action. http(s) only. */
  actions?: MessageAction[] | undefined;
}

/** A link a reader can act on: a button where the platform has buttons, a link otherwise. */
export interface MessageAction {
  label: string;
  url: string;
  isPrimary?: boolean | undefined;
}

/** What one delivery did: the parts sent (a long message is split to the channel's limit). */
export interface DeliveryReceipt { channel: ChannelId; parts: number }

/** A configured channel that can deliver a message. */
export interface MessageChannel {
  id: ChannelId;
  send(message: ChannelMessage): Promise<DeliveryReceipt>;
}

/** Raised when a channel refuses or cannot take a message; `isRetryable` says whether a later attempt may succeed. */
export class ChannelDeliveryError extends Error {
  constructor(readonly channel: ChannelId, message: string, readonly isRetryable: boolean) {
    super(`${channel}: ${message}`);
    this.name = 'ChannelDeliveryError';
  }
}
