import { formatTime } from '../../i18n/ui-language.ts';
import { html, safeLinkUrl, type SafeHtml } from '../../view/html.ts';
import { badge, renderPage, type PageContext } from '../../view/page-layout.ts';
import type { SourceHealthView } from './source-health-provider.ts';
import { sourcesMessages } from './sources-messages.ts';

const stateKind: Record<string, string> = { ok: 'low', degraded: 'medium', failing: 'high', blocked: 'critical', broken: 'critical' };

function actions(source: SourceHealthView, context: PageContext, canAct: { run: boolean; pause: boolean }): SafeHtml {
  const m = sourcesMessages(context.language);
  if (context.user.role !== 'admin') return html``;
  const id = encodeURIComponent(source.id);
  return html`<div class="button-row">
    ${canAct.run ? html`<form class="inline" data-action="/api/sources/${id}/run" data-reload="true"><button class="button button-primary" type="submit"${source.isRunning ? html` disabled` : ''}>${source.isRunning ? m.running : m.runNow}</button></form>` : ''}
    ${canAct.pause ? html`<form class="inline" data-action="/api/sources/${id}/${source.pausedAt ? 'resume' : 'pause'}" data-reload="true"><button class="button" type="submit">${source.pausedAt ? m.resume : m.pause}</button></form>` : ''}
  </div>`;
}

function problem(source: SourceHealthView, context: PageContext): SafeHtml {
  const m = sourcesMessages(context.language);
  const link = source.lastError?.url ? safeLinkUrl(source.lastError.url) : undefined;
  const showError = source.lastError && !['ok', 'degraded', 'never-run', 'disabled'].includes(source.status);
  return html`${showError ? html`<div><span class="mono small">${source.lastError!.reason}</span> ${source.lastError!.message}${link ? html` <a href="${link}" rel="noopener noreferrer nofollow" target="_blank">↗</a>` : ''}</div>` : ''}
    ${source.advice ? html`<div class="small"><b>${m.whatToDo}</b>${source.advice}</div>` : ''}
    ${source.backoffUntil && Date.parse(source.backoffUntil) > Date.now() ? html`<div class="small muted">${m.backoff(formatTime(source.backoffUntil, context.timeZone))}</div>` : ''}
    ${source.pausedAt ? html`<div class="small muted">${m.pausedBy(source.pausedBy ?? '?', formatTime(source.pausedAt, context.timeZone))}</div>` : ''}
    ${source.warnings.length > 0 ? html`<ul class="small warnings">${source.warnings.map((warning) => html`<li data-warning="${warning.code}">${warning.message}</li>`)}</ul>` : ''}`;
}

/** Every source with its state, last run's counts, the reason and what to do; admins get run now / pause / resume. */
export function renderSourcesPage(context: PageContext, sources: SourceHealthView[], canAct: { run: boolean; pause: boolean }): SafeHtml {
  const m = sourcesMessages(context.language);
  const rows = sources.map((source) => {
    const last = source.lastRun;
    const dropped = last ? Object.values(last.dropped).reduce((sum, count) => sum + count, 0) : undefined;
    return html`<tr data-source-id="${source.id}" data-state="${source.status}">
      <td><b>${source.name}</b><div class="muted small mono">${source.id} · ${source.type} · ${source.schedule}</div></td>
      <td>${badge('level', stateKind[source.status] ?? 'low', m.states[source.status] ?? source.status)}</td>
      <td class="nowrap small">${formatTime(source.lastRunAt, context.timeZone)}</td>
      <td class="nowrap small">${formatTime(source.lastSuccessAt, context.timeZone)}</td>
      <td class="num">${last ? `${last.itemsSeen} / ${last.postsWritten} / ${dropped}` : '—'}</td>
      <td class="num">${last ? `${last.postsUndated} / ${last.postsUntitled} / ${last.postsFallbackCharset} / ${last.postsExtracted}` : '—'}</td>
      <td>${problem(source, context)}</td>
      <td>${actions(source, context, canAct)}</td>
    </tr>`;
  });
  const table = sources.length === 0 ? html`<div class="empty">${m.none}</div>` : html`<table class="grid sources-table">
    <thead><tr><th>${m.columns.source}</th><th>${m.columns.state}</th><th>${m.columns.lastRun}</th><th>${m.columns.lastSuccess}</th>
      <th class="num">${m.columns.counts}</th><th class="num">${m.columns.quality}</th><th>${m.columns.problem}</th><th>${context.user.role === 'admin' ? m.columns.actions : ''}</th></tr></thead>
    <tbody>${rows}</tbody></table>`;
  const body = html`<div class="page-head"><h1>${m.title}</h1></div>
    <p class="muted">${m.intro}${!canAct.run && context.user.role === 'admin' ? html` ${m.unavailable}` : ''}</p>
    <section class="panel panel-tight">${table}</section>`;
  return renderPage(context, { title: m.title, active: 'sources', body });
}
