import type { ChannelMessage, DeliveryReceipt, MessageChannel } from './channel-message.ts';
import { safeLinkUrl } from './chat-markdown-text.ts';
import { escapeHtml } from './escape-html.ts';
import type { MailSender } from './mail-sender.ts';

/** A message as an HTML e-mail body (every crawled string escaped) and its plain-text alternative. */
export function renderEmail(message: ChannelMessage): { html: string; text: string } {
  const htmlItems = message.items.map((item) => {
    const url = safeLinkUrl(item.url);
    const heading = escapeHtml(item.heading || '（无标题）');
    const title = url ? `<a href="${escapeHtml(url)}">${heading}</a>` : heading;
    const facts = item.facts.map((fact) => `${escapeHtml(fact.label)}：${escapeHtml(fact.value)}`).join('　');
    const actions = (item.actions ?? []).flatMap((action) => {
      const target = safeLinkUrl(action.url);
      return target ? [`<a href="${escapeHtml(target)}" style="display:inline-block;margin:6px 8px 0 0;padding:4px 12px;border-radius:4px;text-decoration:none;${action.isPrimary ? 'background:#2f6fed;color:#fff' : 'border:1px solid #cfd5e1;color:#1d2433'}">${escapeHtml(action.label)}</a>`] : [];
    }).join('');
    return `<li style="margin:0 0 14px"><div style="font-weight:600${item.isUrgent ? ';color:#b42318' : ''}">${item.isUrgent ? '【紧急】' : ''}${title}</div>`
      + (facts ? `<div style="color:#475467;font-size:13px">${facts}</div>` : '')
      + (item.excerpt ? `<div style="color:#344054;font-size:13px;margin-top:4px">${escapeHtml(item.excerpt)}</div>` : '')
      + (actions ? `<div>${actions}</div>` : '')
      + '</li>';
  });
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(message.title)}</title></head>`
    + `<body style="font-family:'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;color:#101828">`
    + `<h2 style="font-size:18px">${escapeHtml(message.title)}</h2><ol style="padding-left:20px">${htmlItems.join('')}</ol>`
    + (message.footer ? `<p style="color:#667085;font-size:12px">${escapeHtml(message.footer)}</p>` : '')
    + '</body></html>';
  const text = [
    message.title, '',
    ...message.items.flatMap((item, index) => [
      `${index + 1}. ${item.isUrgent ? '【紧急】' : ''}${item.heading || '（无标题）'}`,
      ...(item.url ? [`   ${item.url}`] : []),
      ...(item.facts.length ? [`   ${item.facts.map((fact) => `${fact.label}：${fact.value}`).join('　')}`] : []),
      ...(item.excerpt ? [`   ${item.excerpt}`] : []),
      ...(item.actions ?? []).map((action) => `   ${action.label}：${action.url}`),
      '',
    ]),
    ...(message.footer ? [message.footer] : []),
  ].join('\n');
  return { html, text };
}

/** E-mail channel: one message per alert batch to the configured recipients (e-mail has no practical size limit). */
export function createEmailChannel(sender: MailSender, to: string[]): MessageChannel {
  return {
    id: 'email',
    async send(message: ChannelMessage): Promise<DeliveryReceipt> {
      await sender.send({ to, subject: message.title, ...renderEmail(message) });
      return { channel: 'email', parts: 1 };
    },
  };
}
