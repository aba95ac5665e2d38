import type { ChannelMessage, MessageItem } from './channel-message.ts';
import { chatMarkdownText, safeLinkUrl } from './chat-markdown-text.ts';

/** How a platform's markdown marks urgent items (企业微信 has <font color>, 钉钉 only bold). */
export interface ChatMarkdownStyle { urgent(text: string): string }

/** The item's actions as inline links (`[认领](…)　[查看](…)`), http(s) only. */
export function actionLinks(item: MessageItem): string {
  return (item.actions ?? []).flatMap((action) => {
    const url = safeLinkUrl(action.url);
    return url ? [`[${chatMarkdownText(action.label)}](${url})`] : [];
  }).join('　');
}

/** A message as the markdown subset 企业微信 and 钉钉 share: heading, bold link per item, quoted facts and excerpt, app links. */
export function renderChatMarkdown(message: ChannelMessage, partLabel: string, style: ChatMarkdownStyle): string {
  const blocks = message.items.map((item) => {
    const heading = chatMarkdownText(item.heading) || '（无标题）';
    const url = safeLinkUrl(item.url);
    const headline = url ? `**[${heading}](${url})**` : `**${heading}**`;
    const facts = item.facts.map((fact) => `${fact.label}：${chatMarkdownText(fact.value)}`).join('　');
    const lines = [item.isUrgent ? style.urgent(headline) : headline];
    if (facts) lines.push(`> ${facts}`);
    if (item.excerpt) lines.push(`> ${chatMarkdownText(item.excerpt)}`);
    const links = actionLinks(item);
    if (links) lines.push(links);
    return lines.join('\n');
  });
  const footer = message.footer ? [chatMarkdownText(message.footer)] : [];
  return [`### ${message.title}${partLabel}`, ...blocks, ...footer].join('\n\n');
}
