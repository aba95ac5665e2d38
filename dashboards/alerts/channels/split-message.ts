import type { ChannelMessage, MessageItem } from './channel-message.ts';
import { truncateText } from './chat-markdown-text.ts';

/** Which part of how many a payload is; `text` is the label added to titles (empty for a single part). */
export interface PartLabel { text: string; index: number; count: number }

/** Widest part label, used while measuring so the final label never pushes a part over the limit. */
const widestLabel: PartLabel = { text: '（99/99）', index: 99, count: 99 };

/** Makes an item smaller: the excerpt first, then the heading, then fact values. Undefined when it cannot shrink further. */
function shrink(item: MessageItem): MessageItem | undefined {
  const excerptLength = item.excerpt ? [...item.excerpt].length : 0;
  if (excerptLength > 40) return { ...item, excerpt: truncateText(item.excerpt!, Math.floor(excerptLength / 2)) };
  if (item.excerpt !== undefined) return { ...item, excerpt: undefined };
  const headingLength = [...item.heading].length;
  if (headingLength > 30) return { ...item, heading: truncateText(item.heading, Math.floor(headingLength / 2)) };
  if (item.facts.some((fact) => [...fact.value].length > 24)) return { ...item, facts: item.facts.map((fact) => ({ ...fact, value: truncateText(fact.value, 24) })) };
  return undefined;
}

/**
 * Packs a message's items into as few parts as fit `maxBytes` each (measured on the rendered payload), shrinking an
 * item that is too big on its own, and renders every part with its label (（1/3）…) when there is more than one.
 */
export function splitMessage<P>(
  message: ChannelMessage,
  render: (part: ChannelMessage, label: PartLabel) => P,
  sizeOf: (payload: P) => number,
  maxBytes: number,
): P[] {
  const fits = (items: MessageItem[]) => sizeOf(render({ ...message, items }, widestLabel)) <= maxBytes;
  if (!fits([])) throw new Error(`the message title alone exceeds the channel limit of ${maxBytes} bytes`);
  const parts: MessageItem[][] = [];
  let current: MessageItem[] = [];
  for (const original of message.items) {
    if (fits([...current, original])) {
      current.push(original);
      continue;
    }
    if (current.length > 0) parts.push(current);
    let item: MessageItem | undefined = original;
    while (item && !fits([item])) item = shrink(item);
    if (!item) throw new Error(`one item cannot be made to fit the channel limit of ${maxBytes} bytes`);
    current = [item];
  }
  if (current.length > 0 || parts.length === 0) parts.push(current);
  return parts.map((items, index) => render({ ...message, items }, {
    text: parts.length > 1 ? `（${index + 1}/${parts.length}）` : '', index: index + 1, count: parts.length,
  }));
}

/** UTF-8 size of a string in bytes. */
export const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');
