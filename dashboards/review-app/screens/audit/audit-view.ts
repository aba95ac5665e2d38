import type { AuditEntry } from '../../audit/audit-entry.ts';
import { formatTime } from '../../i18n/ui-language.ts';
import { html, type SafeHtml } from '../../view/html.ts';
import { renderPage, type PageContext } from '../../view/page-layout.ts';
import { describeChange, stageNamesOf } from '../post/post-history-view.ts';
import type { AuditQuery } from './audit-query.ts';

function queryString(query: AuditQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, cursor: undefined, ...extra })) if (value) params.set(key, String(value));
  return params.toString();
}

/** An entry's details as 标签：值 pairs in the UI language (refusal codes and user names translated), never raw JSON. */
function readableDetails(details: unknown, context: PageContext): string {
  const { t } = context;
  if (!details || typeof details !== 'object') return '';
  return Object.entries(details as Record<string, unknown>).map(([key, value]) => {
    const text = key === 'refusal' ? t.refusals[String(value)] ?? String(value)
      : key === 'assignee' ? context.nameOf(String(value))
        : key === 'undone' ? t.history.actions[`post.${String(value)}`] ?? String(value)
          : typeof value === 'object' ? Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined && item !== '').map(([name, item]) => `${name}=${String(item)}`).join('，')
            : String(value);
    return `${t.history.details[key] ?? key}：${text.slice(0, 200)}`;
  }).join('；');
}

/** The audit log: filters, export links, entries newest first with what changed. */
export function renderAuditPage(context: PageContext, query: AuditQuery, entries: AuditEntry[], nextCursor: string | undefined): SafeHtml {
  const { t } = context;
  const targetLink = (entry: AuditEntry) => (entry.targetType === 'post' && entry.targetId
    ? html`<a class="mono" href="/posts/${encodeURIComponent(entry.targetId)}">${entry.targetId}</a>` : html`<span class="mono">${entry.targetId ?? ''}</span>`);
  const rows = entries.map((entry) => html`<tr data-action="${entry.action}">
    <td class="nowrap">${formatTime(entry.at, context.timeZone)}</td>
    <td class="nowrap"><b title="${entry.actor}">${context.nameOf(entry.actor)}</b> <span class="muted small">${t.roles[entry.actorRole ?? ''] ?? entry.actorRole ?? ''}</span></td>
    <td title="${entry.action}">${t.history.actions[entry.action] ?? entry.action}</td>
    <td>${t.history.targets[entry.targetType] ?? entry.targetType} ${targetLink(entry)}</td>
    <td class="outcome-${entry.outcome}">${t.history.outcomes[entry.outcome] ?? entry.outcome}</td>
    <td class="audit-change">${describeChange(entry.before, entry.after, t, stageNamesOf(context), context.nameOf).join('；')}${entry.details ? html`<div>${readableDetails(entry.details, context)}</div>` : ''}</td>
    <td class="small">${entry.comment ?? ''}</td>
  </tr>`);
  const field = (name: keyof AuditQuery, label: string, type = 'text') => html`<div class="field"><label for="a-${name}">${label}</label><input id="a-${name}" name="${name}" type="${type}" value="${query[name] ?? ''}"></div>`;
  const body = html`<div class="page-head"><h1>${t.audit.title}</h1><span class="spacer"></span>
      <a class="button" href="/api/audit/export?${queryString(query, { format: 'csv' })}" download>${t.audit.exportCsv}</a>
      <a class="button" href="/api/audit/export?${queryString(query, { format: 'ndjson' })}" download>${t.audit.exportJson}</a></div>
    <p class="muted">${t.audit.intro}</p>
    <form class="panel field-row" method="get" action="/audit">
      ${field('actor', t.audit.actor)}${field('action', t.audit.action)}${field('targetId', t.audit.target)}${field('from', t.audit.from, 'date')}${field('to', t.audit.to, 'date')}
      <button class="button button-primary" type="submit">${t.audit.filter}</button><a class="button" href="/audit">${t.queue.reset}</a>
    </form>
    <section class="panel panel-tight">${rows.length ? html`<table class="grid audit-table"><thead><tr><th>${t.audit.at}</th><th>${t.audit.actor}</th><th>${t.audit.action}</th>
      <th>${t.audit.target}</th><th>${t.audit.outcome}</th><th>${t.audit.change}</th><th>${t.audit.comment}</th></tr></thead><tbody>${rows}</tbody></table>` : html`<div class="empty">${t.audit.empty}</div>`}
      <div class="pager"><span></span>${nextCursor ? html`<a class="button" href="/audit?${queryString(query, { cursor: nextCursor })}">${t.audit.more} →</a>` : ''}</div>
    </section>`;
  return renderPage(context, { title: t.audit.title, active: 'audit', body });
}
