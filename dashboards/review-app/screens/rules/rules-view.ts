import { formatTime } from '../../i18n/ui-language.ts';
import { html, type SafeHtml } from '../../view/html.ts';
import { renderPage, type PageContext } from '../../view/page-layout.ts';
import type { RuleFeedback } from './rule-feedback-query.ts';

/** Rules listed by precision, least precise first, each linking to its hits in the queue. */
export function renderRulesPage(context: PageContext, rows: RuleFeedback[], days: number | undefined): SafeHtml {
  const { t } = context;
  const periods = [7, 30, 90, undefined];
  const table = rows.length === 0 ? html`<div class="empty">${t.rules.none}</div>` : html`<table class="grid rules-table">
    <thead><tr><th>${t.rules.rule}</th><th>${t.rules.pack}</th><th>${t.rules.category}</th><th class="num">${t.rules.hits}</th><th class="num">${t.rules.decided}</th>
      <th class="num">${t.rules.falsePositives}</th><th>${t.rules.precision}</th><th>${t.rules.latest}</th></tr></thead>
    <tbody>${rows.map((row) => html`<tr data-rule-id="${row.ruleId}">
      <td><a href="/queue?scope=all&amp;rule=${encodeURIComponent(row.ruleId)}">${row.ruleName ?? row.ruleId}</a><div class="muted small mono">${row.ruleId}</div></td>
      <td class="mono">${row.packId ?? ''}${row.packVersion ? `@${row.packVersion}` : ''}</td>
      <td>${t.categories[row.category ?? ''] ?? row.category ?? ''}</td>
      <td class="num">${row.hits}</td><td class="num">${row.decided}</td>
      <td class="num false-positives">${row.falsePositives > 0 ? html`<a href="/queue?scope=all&amp;status=dismissed&amp;rule=${encodeURIComponent(row.ruleId)}">${row.falsePositives}</a>` : '0'}</td>
      <td>${row.precision !== undefined ? html`<div class="precision"><meter min="0" max="1" low="0.6" high="0.85" optimum="1" value="${row.precision.toFixed(3)}"></meter><span class="num precision-value">${Math.round(row.precision * 100)}%</span></div>` : html`<span class="muted">${t.rules.notEnough}</span>`}</td>
      <td class="nowrap small">${formatTime(row.latestHitAt, context.timeZone)}</td>
    </tr>`)}</tbody></table>`;
  const body = html`<div class="page-head"><h1>${t.rules.title}</h1><span class="spacer"></span>
    <span class="button-row">${periods.map((period) => html`<a class="button${period === days ? ' button-primary' : ''}" href="/rules${period ? `?days=${period}` : ''}">${period ? `${period}d` : t.statuses.all}</a>`)}</span></div>
    <p class="muted">${t.rules.intro}</p>
    <section class="panel panel-tight">${table}</section>`;
  return renderPage(context, { title: t.rules.title, active: 'rules', body });
}
