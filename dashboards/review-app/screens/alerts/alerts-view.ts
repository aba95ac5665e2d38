import type { ChannelStatus } from '../../../alerts/channel-status.ts';
import { alertKindNames, alertReasonNames, alertStatusNames, channelNames } from '../../../display-names.ts';
import { formatTime } from '../../i18n/ui-language.ts';
import { html, type SafeHtml } from '../../view/html.ts';
import { badge, renderPage, type PageContext } from '../../view/page-layout.ts';
import type { AlertHistoryQuery } from './alert-history-query.ts';
import type { AlertHistoryItem } from './alerts-routes.ts';

/** What the alert screen shows. */
export interface AlertsPageData {
  channels: ChannelStatus[];
  items: AlertHistoryItem[];
  droppedForNoChannel: number;
  nextCursor?: string | undefined;
  query: AlertHistoryQuery;
}

/** The alert setup (each channel on or off, how to turn it on, a test button) and the history of every alert decision. */
export function renderAlertsPage(context: PageContext, data: AlertsPageData): SafeHtml {
  const { t, user } = context;
  const channels = data.channels.map((channel) => html`<li class="channel channel-${channel.isConfigured ? 'on' : 'off'}" data-channel="${channel.id}">
    <b>${channelNames[channel.id] ?? channel.id}</b> ${channel.isConfigured ? html`<span class="badge status-responded">${t.alertsScreen.configured}</span>` : html`<span class="badge status-dismissed">${t.alertsScreen.notConfigured}</span>`}
    ${channel.isDefault ? html`<span class="tag">${t.alertsScreen.isDefault}</span>` : ''}
    ${channel.howToConfigure ? html`<div class="small muted mono">${t.alertsScreen.howTo(channel.howToConfigure)}</div>` : ''}
    ${user.role === 'admin' && channel.isConfigured ? html`<form class="inline" data-action="/api/alerts/channels/${channel.id}/test" data-stay="true"><button class="button" type="submit">${t.alertsScreen.sendTest}</button></form>` : ''}
  </li>`);
  const subjectOf = (item: AlertHistoryItem) => {
    const subject = item.record.subject as { postId?: string; title?: string; dimension?: string; value?: string; level?: string };
    if (item.record.kind === 'spike') return html`${subject.dimension ?? ''}：${subject.value ?? ''}`;
    return html`<a href="/posts/${encodeURIComponent(subject.postId ?? item.record.subjectId)}">${subject.title ?? item.record.subjectId}</a>${subject.level ? html` ${badge('level', subject.level, t.levels[subject.level] ?? subject.level)}` : ''}`;
  };
  const rows = data.items.map((item) => html`<tr data-status="${item.record.status}" data-kind="${item.record.kind}">
    <td class="nowrap">${formatTime(item.record.updatedAt, context.timeZone)}</td>
    <td class="nowrap">${alertKindNames[item.record.kind] ?? item.record.kind}</td>
    <td class="post-cell">${subjectOf(item)}</td>
    <td><span class="alert-status alert-${item.record.status}">${alertStatusNames[item.record.status] ?? item.record.status}</span>${item.record.reason ? html`<div class="small muted">${alertReasonNames[item.record.reason] ?? item.record.reason}</div>` : ''}
      ${item.record.lastError ? html`<div class="small outcome-failed">${item.record.lastError.slice(0, 200)}</div>` : ''}</td>
    <td class="small">${item.record.deliveredChannels.map((id) => channelNames[id] ?? id).join('、') || '—'}</td>
  </tr>`);
  const filters = ['', 'sent', 'suppressed', 'held', 'dropped', 'failed'];
  const body = html`<div class="page-head"><h1>${t.alertsScreen.title}</h1></div>
    <p class="muted">${t.alertsScreen.intro}</p>
    <section class="panel"><h2>${t.alertsScreen.channels}</h2>
      ${data.droppedForNoChannel > 0 ? html`<p class="banner banner-warning">${t.alertsScreen.dropped(data.droppedForNoChannel)}</p>` : ''}
      <ul class="channel-list">${channels}</ul></section>
    <section class="panel panel-tight"><nav class="status-tabs">${filters.map((status) => html`<a class="status-tab${(data.query.status ?? '') === status ? ' is-active' : ''}" href="/alerts${status ? `?status=${status}` : ''}">${status ? alertStatusNames[status] ?? status : t.statuses.all}</a>`)}</nav>
      ${rows.length ? html`<table class="grid alerts-table"><thead><tr><th>${t.alertsScreen.at}</th><th>${t.alertsScreen.kind}</th><th>${t.alertsScreen.subject}</th><th>${t.alertsScreen.status}</th><th>${t.alertsScreen.delivered}</th></tr></thead><tbody>${rows}</tbody></table>`
        : html`<div class="empty">${t.alertsScreen.empty}</div>`}
      <div class="pager"><span></span>${data.nextCursor ? html`<a class="button" href="/alerts?${new URLSearchParams({ ...(data.query.status ? { status: data.query.status } : {}), cursor: data.nextCursor }).toString()}">${t.alertsScreen.more} →</a>` : ''}</div>
    </section>`;
  return renderPage(context, { title: t.alertsScreen.title, active: 'alerts', body });
}
