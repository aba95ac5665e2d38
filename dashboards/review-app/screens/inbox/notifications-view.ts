import { formatTime } from '../../i18n/ui-language.ts';
import type { ReviewNotification } from '../../notifications/notification-store.ts';
import { html, type SafeHtml } from '../../view/html.ts';
import { renderPage, type PageContext } from '../../view/page-layout.ts';

/** The notifications of the signed-in user, newest first, unread ones marked; each links to its post. */
export function renderNotificationsPage(context: PageContext, items: ReviewNotification[]): SafeHtml {
  const { t } = context;
  const rows = items.map((item) => {
    const text = t.notifications.kinds[item.kind]?.(context.nameOf(item.actor), item.details ?? {}) ?? item.kind;
    return html`<li class="notification${item.readAt ? '' : ' is-unread'}" data-kind="${item.kind}" data-notification-id="${item.notificationId}">
      <a href="/posts/${encodeURIComponent(item.postId)}"><span class="notification-text">${text}</span><span class="notification-post">${item.postTitle}</span></a>
      <span class="muted small">${formatTime(item.at, context.timeZone)}${item.readAt ? '' : html` · <b>${t.notifications.unread}</b>`}</span>
    </li>`;
  });
  const body = html`<div class="page-head"><h1>${t.notifications.title}</h1><span class="spacer"></span>
    <form class="inline" data-action="/api/notifications/read"><button class="button" type="submit">${t.notifications.markAll}</button></form></div>
    <section class="panel">${rows.length ? html`<ul class="notification-list">${rows}</ul>` : html`<p class="empty">${t.notifications.empty}</p>`}</section>`;
  return renderPage(context, { title: t.notifications.title, active: undefined, body });
}
