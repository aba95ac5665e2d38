import type { PostDocument } from '../../../../pipeline/post-document.ts';
import { riskLevels, sentimentLabels } from '../../../../pipeline/post-document.ts';
import type { PublicUser } from '../../auth/review-user.ts';
import { publishedTime } from '../../view/published-time.ts';
import { html, type SafeHtml } from '../../view/html.ts';
import { deadlineOf, openStatuses } from '../../../handling-deadline.ts';
import { badge, renderPage, type PageContext } from '../../view/page-layout.ts';
import { durationText, slaBadge } from '../../view/sla-badge.ts';
import { markPhrases, textSnippet } from '../../view/text-snippet.ts';
import type { RuleInfo } from '../rules/rule-catalogue.ts';
import { parseSearchPhrases, type QueueQuery } from './queue-filters.ts';
import type { QueueFacets } from './queue-facets.ts';
import type { QueuePage } from './queue-query.ts';

/** The query string of the queue with some filters replaced (the cursor is dropped unless given). */
export function queueHref(query: QueueQuery, overrides: Partial<Record<keyof QueueQuery, string | string[] | undefined>>): string {
  const params = new URLSearchParams();
  const merged: Record<string, unknown> = { ...query, cursor: undefined, ...overrides };
  for (const [key, value] of Object.entries(merged)) {
    for (const item of [value].flat()) if (item !== undefined && item !== '' && item !== null) params.append(key, String(item));
  }
  if (params.get('scope') === 'flagged') params.delete('scope');
  if (params.get('sort') === 'risk') params.delete('sort');
  const search = params.toString();
  return search ? `/queue?${search}` : '/queue';
}

function select(name: string, label: string, current: string | undefined, anyLabel: string, options: { value: string; label: string }[]): SafeHtml {
  return html`<div class="field"><label for="f-${name}">${label}</label><select id="f-${name}" name="${name}">
    <option value="">${anyLabel}</option>
    ${options.map((option) => html`<option value="${option.value}"${option.value === current ? html` selected` : ''}>${option.label}</option>`)}
  </select></div>`;
}

export interface QueueViewData {
  query: QueueQuery;
  page: QueuePage;
  facets: QueueFacets;
  rules: Map<string, RuleInfo>;
  users: PublicUser[];
}

function riskCell(post: Partial<PostDocument>, context: PageContext): SafeHtml {
  const risk = post.risk;
  if (!risk || typeof risk.score !== 'number') return html`<span class="muted">—</span>`;
  const level = typeof risk.level === 'string' ? risk.level : 'low';
  return html`<span class="risk-score"><b class="score-${level}">${Math.round(risk.score)}</b>${badge('level', level, context.t.levels[level] ?? level)}</span>`;
}

function row(item: QueuePage['items'][number], data: QueueViewData, context: PageContext, phrases: string[]): SafeHtml {
  const { t } = context;
  const post = item.post;
  const review = post.review;
  const status = review?.status ?? 'new';
  const ruleIds = Array.isArray(post.risk?.ruleIds) ? post.risk.ruleIds : [];
  const href = `/posts/${encodeURIComponent(item.id)}`;
  const engagement = post.engagement ?? {};
  const responseStatus = review?.responseStatus;
  const isOpen = (openStatuses as readonly string[]).includes(status);
  const deadline = isOpen ? deadlineOf(post, context.review.sla) : undefined;
  const seenAt = post.firstSeenAt ?? post.crawledAt;
  const age = seenAt ? durationText((Date.now() - Date.parse(seenAt)) / 60_000, context.language === 'en') : undefined;
  const isOverdue = deadline !== undefined && deadline.getTime() < Date.now();
  return html`<tr data-href="${href}" data-post-id="${item.id}"${isOverdue ? html` class="is-overdue"` : ''}>
    <td class="nowrap">${riskCell(post, context)}</td>
    <td class="post-cell">
      <a class="post-title" href="${href}">${post.title ? markPhrases(post.title, phrases) : textSnippet(post.content, phrases, 40)}</a>
      <div class="post-snippet">${textSnippet(post.content, phrases)}</div>
      <div class="post-tags">
        ${ruleIds.slice(0, 4).map((ruleId) => html`<span class="tag tag-rule" title="${ruleId}">${data.rules.get(ruleId)?.ruleName ?? ruleId}</span>`)}
        ${ruleIds.length > 4 ? html`<span class="tag">+${ruleIds.length - 4}</span>` : ''}
        ${post.copies && post.copies > 1 ? html`<span class="tag">${t.queue.duplicates(post.copies)}</span>` : ''}
      </div>
    </td>
    <td><div>${post.sourceName ?? post.sourceId ?? ''}</div><div class="muted small">${post.authorName ?? ''}</div></td>
    <td class="nowrap cell-time"><div>${publishedTime(post, context.timeZone, context.language)}</div>${age ? html`<div class="small muted">${t.sla.seen(age)}</div>` : ''}${deadline ? html`<div>${slaBadge(deadline, context)}</div>` : ''}</td>
    <td>${post.sentiment?.label ? badge('sentiment', post.sentiment.label, t.sentiments[post.sentiment.label] ?? post.sentiment.label) : ''}</td>
    <td>${badge('status', status, t.statuses[status] ?? status)}${responseStatus && responseStatus !== 'none' ? html`<div class="small">${badge('response', responseStatus, t.responseStatuses[responseStatus] ?? responseStatus)}</div>` : ''}</td>
    <td class="nowrap cell-assignee">${review?.assignee ? context.nameOf(review.assignee) : html`<span class="muted">—</span>`}</td>
    <td class="num">${engagement.reposts ?? 0} / ${engagement.comments ?? 0} / ${engagement.likes ?? 0}</td>
  </tr>`;
}

/** The queue page: filters, status tabs with counts, the table, and the next-page link. */
export function renderQueuePage(context: PageContext, data: QueueViewData): SafeHtml {
  const { t } = context;
  const { query, page, facets } = data;
  const phrases = parseSearchPhrases(query.q);
  const currentStatus = query.status.length === 1 ? query.status[0] : undefined;
  const tabs = (['all', 'new', 'in_progress', 'escalated', 'responded', 'dismissed'] as const).map((status) => {
    const active = status === 'all' ? query.status.length === 0 : currentStatus === status;
    return html`<a class="status-tab${active ? ' is-active' : ''}" href="${queueHref(query, { status: status === 'all' ? undefined : status })}" data-status="${status}">${t.statuses[status]}<span class="count">${page.counts[status] ?? 0}</span></a>`;
  });
  const hidden = query.status.map((status) => html`<input type="hidden" name="status" value="${status}">`);
  const ruleOptions = facets.ruleIds.map((rule) => ({ value: rule.id, label: `${data.rules.get(rule.id)?.ruleName ?? rule.id} (${rule.count})` }));
  const assignees = [{ value: 'me', label: t.queue.me }, { value: 'none', label: t.queue.unassigned },
    ...data.users.filter((user) => ['commentator', 'reviewer', 'admin'].includes(user.role)).map((user) => ({ value: user.username, label: user.displayName }))];
  const filters = html`<form class="filters panel" method="get" action="/queue">
    ${hidden}${query.inbox ? html`<input type="hidden" name="inbox" value="${query.inbox}">` : ''}
    <div class="field"><label for="f-q">${t.queue.search}</label><input id="f-q" name="q" type="search" value="${query.q ?? ''}" placeholder="${t.queue.search}"></div>
    ${select('level', t.queue.level, query.level[0], t.queue.any, riskLevels.toReversed().map((level) => ({ value: level, label: t.levels[level] ?? level })))}
    ${select('sentiment', t.queue.sentiment, query.sentiment[0], t.queue.any, sentimentLabels.map((label) => ({ value: label, label: t.sentiments[label] ?? label })))}
    ${select('sort', t.queue.sort, query.sort, t.queue.byRisk, [{ value: 'recent', label: t.queue.byRecent }])}
    <div class="filter-actions"><button class="button button-primary" type="submit">${t.queue.apply}</button><a class="button" href="/queue">${t.queue.reset}</a>
      <button class="button filters-toggle" type="button" aria-expanded="false">${t.queue.moreFilters}</button></div>
    <div class="filters-more">
      <div class="field"><label for="f-from">${t.queue.from}</label><input id="f-from" name="from" type="date" value="${query.from?.slice(0, 10) ?? ''}"></div>
      <div class="field"><label for="f-to">${t.queue.to}</label><input id="f-to" name="to" type="date" value="${query.to?.slice(0, 10) ?? ''}"></div>
      ${select('source', t.queue.source, query.source[0], t.queue.any, facets.sources.map((source) => ({ value: source.id, label: `${source.name} (${source.count})` })))}
      ${select('category', t.queue.category, query.category[0], t.queue.any, facets.categories.map((category) => ({ value: category.id, label: `${t.categories[category.id] ?? category.id} (${category.count})` })))}
      ${select('rule', t.queue.rule, query.rule[0], t.queue.any, ruleOptions)}
      ${select('assignee', t.queue.assignee, query.assignee, t.queue.anyone, assignees)}
      ${select('scope', t.queue.scope, query.scope === 'all' ? 'all' : undefined, t.queue.flagged, [{ value: 'all', label: t.queue.allPosts }])}
    </div>
  </form>`;
  const rows = page.items.map((item) => row(item, data, context, phrases));
  const table = rows.length === 0 ? html`<div class="empty">${t.queue.empty}</div>` : html`<table class="grid queue-table">
    <thead><tr><th>${t.queue.columns.risk}</th><th>${t.queue.columns.post}</th><th>${t.queue.columns.source}</th><th>${t.queue.columns.published}</th>
    <th>${t.queue.columns.sentiment}</th><th>${t.queue.columns.status}</th><th>${t.queue.columns.assignee}</th><th class="num">${t.queue.columns.engagement}</th></tr></thead>
    <tbody>${rows}</tbody></table>`;
  const pager = html`<div class="pager"><span>${t.queue.shown(page.items.length)}</span><span class="button-row">
    ${query.cursor ? html`<a class="button" href="${queueHref(query, {})}">${t.queue.first}</a>` : ''}
    ${page.nextCursor ? html`<a class="button" rel="next" href="${queueHref(query, { cursor: page.nextCursor })}">${t.queue.next} →</a>` : ''}
  </span></div>`;
  const since = new Date().toISOString();
  const updates = `/api/queue/updates?${new URLSearchParams([...new URLSearchParams(queueHref(query, {}).split('?')[1] ?? ''), ['since', since]]).toString()}`;
  const title = query.inbox ? t.inbox[query.inbox] : t.queue.title;
  const body = html`<div class="page-head"><h1>${title}</h1><span class="spacer"></span><span class="muted small keys-hint">${t.queue.keys}</span></div>
    ${query.inbox ? html`<p class="muted inbox-hint">${t.inbox.hints[query.inbox]}</p>` : ''}
    <div class="live-bar" id="live-bar" data-updates="${updates}" hidden><button class="button" type="button" id="live-refresh"></button></div>
    ${filters}
    <section class="panel panel-tight"><nav class="status-tabs">${tabs}</nav>${table}${pager}</section>`;
  return renderPage(context, { title, active: 'queue', body, pageClass: 'page-queue' });
}
