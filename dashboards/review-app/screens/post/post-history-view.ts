import type { AuditEntry } from '../../audit/audit-entry.ts';
import type { Messages } from '../../i18n/messages-zh-cn.ts';
import { formatTime } from '../../i18n/ui-language.ts';
import { html, type SafeHtml } from '../../view/html.ts';
import type { PageContext } from '../../view/page-layout.ts';

const shownFields = ['status', 'assignee', 'responseStatus', 'approvalStageId', 'dismissReason', 'unit'] as const;

function describeValue(field: (typeof shownFields)[number], value: unknown, t: Messages, stageNames: Readonly<Record<string, string>>, nameOf: (username: string) => string): string {
  if (value === undefined || value === null || value === '') return '—';
  if (field === 'assignee') return nameOf(String(value));
  if (field === 'approvalStageId') return stageNames[String(value)] ?? String(value);
  if (field === 'status') return t.statuses[String(value)] ?? String(value);
  if (field === 'responseStatus') return t.responseStatuses[String(value)] ?? String(value);
  return String(value);
}

/** The review fields that changed between two audit snapshots, as "field: before → after" (stages by name). */
export function describeChange(before: unknown, after: unknown, t: Messages, stageNames: Readonly<Record<string, string>> = {}, nameOf: (username: string) => string = (username) => username): string[] {
  const from = (before ?? {}) as Record<string, unknown>;
  const to = (after ?? {}) as Record<string, unknown>;
  return shownFields.filter((field) => JSON.stringify(from[field]) !== JSON.stringify(to[field]))
    .map((field) => `${t.history.fields[field] ?? field}: ${describeValue(field, from[field], t, stageNames, nameOf)} → ${describeValue(field, to[field], t, stageNames, nameOf)}`);
}

/** Names of the configured approval stages in the UI language. */
export function stageNamesOf(context: PageContext): Record<string, string> {
  return Object.fromEntries(context.review.approvalStages.map((stage) => [stage.id, context.language === 'en' ? stage.nameEn : stage.name]));
}

/** A post's own history: every action on it, oldest first, with what changed. */
export function renderHistory(entries: AuditEntry[], context: PageContext): SafeHtml {
  const { t } = context;
  if (entries.length === 0) return html`<p class="muted small">${t.post.noHistory}</p>`;
  return html`<ol class="history">${entries.map((entry) => {
    const changes = describeChange(entry.before, entry.after, t, stageNamesOf(context), context.nameOf);
    const details = (entry.details ?? {}) as Record<string, unknown>;
    return html`<li data-action="${entry.action}">
      <span class="muted">${formatTime(entry.at, context.timeZone)}</span>
      <span class="who">${context.nameOf(entry.actor)}</span>${entry.actorRole ? html` <span class="muted">(${t.roles[entry.actorRole] ?? entry.actorRole})</span>` : ''}
      · ${t.history.actions[entry.action] ?? entry.action}${entry.outcome !== 'ok' ? html` <span class="outcome-${entry.outcome}">[${t.history.outcomes[entry.outcome] ?? entry.outcome}]</span>` : ''}
      ${changes.length ? html`<div class="muted">${changes.join('；')}</div>` : ''}
      ${typeof details.text === 'string' ? html`<div class="note">${details.text}</div>` : ''}
      ${entry.comment ? html`<div class="note">${entry.comment}</div>` : ''}
    </li>`;
  })}</ol>`;
}
