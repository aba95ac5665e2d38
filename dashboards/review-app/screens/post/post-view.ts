import type { Config } from '../../../../config/config-schema.ts';
import type { PublicUser } from '../../auth/review-user.ts';
import type { AutosavedDraft } from '../../posts/draft-store.ts';
import { formatTime } from '../../i18n/ui-language.ts';
import { highlightText, type TextRange } from '../../view/highlight-text.ts';
import { publishedTime } from '../../view/published-time.ts';
import { html, safeLinkUrl, type SafeHtml } from '../../view/html.ts';
import { badge, renderPage, type PageContext } from '../../view/page-layout.ts';
import { textSnippet } from '../../view/text-snippet.ts';
import { readRuleHits, type StoredRuleHit } from '../rules/stored-rule-hit.ts';
import { renderHistory } from './post-history-view.ts';
import type { PostDetail, RelatedPost } from './post-detail-queries.ts';
import { fillPlaceholders, type ResponseTemplate } from '../templates/template-store.ts';
import { highlightLegend, renderRiskPanel, renderSentimentPanel } from './evidence-view.ts';
import { renderActionsPanel } from './post-actions-view.ts';
import { readEvidence, type StoredEvidence } from './stored-analysis.ts';

/** What the post page shows besides the post: people (display names, who may act), the autosave, templates. */
export interface PostPageData {
  people: readonly PublicUser[];
  autosaved?: AutosavedDraft | undefined;
  templates: ResponseTemplate[];
  intent?: 'claim' | undefined;
  /** Name of the organisation ({{单位}} in templates). */
  organisation?: string | undefined;
  riskWeights: Config['analysis']['riskWeights'];
}

function rangesFor(field: 'title' | 'content', hits: StoredRuleHit[], evidence: StoredEvidence[]): TextRange[] {
  const ranges: TextRange[] = [];
  for (const hit of hits) {
    for (const match of hit.matches) {
      if (match.field !== field || match.start === undefined || match.end === undefined) continue;
      ranges.push({ start: match.start, end: match.end, kind: 'hit', term: match.term, label: hit.ruleName ?? hit.ruleId });
    }
  }
  for (const item of evidence) {
    if (item.field !== field || item.start === undefined || item.end === undefined || !item.weight) continue;
    ranges.push({ start: item.start, end: item.end, kind: item.weight < 0 ? 'sent-neg' : 'sent-pos', term: item.text, label: `${item.weight > 0 ? '+' : ''}${item.weight.toFixed(2)}` });
  }
  return ranges;
}

function relatedList(items: RelatedPost[], context: PageContext, currentId?: string): SafeHtml {
  return html`<ul class="timeline">${items.map((item) => html`<li class="${item.id === currentId ? 'is-current' : ''}">
    <span class="muted small">${publishedTime(item.post, context.timeZone, context.language)}</span> · <span class="small">${item.post.sourceName ?? item.post.sourceId ?? ''}</span>
    ${item.post.risk?.level ? badge('level', item.post.risk.level, context.t.levels[item.post.risk.level] ?? item.post.risk.level) : ''}<br>
    <a href="/posts/${encodeURIComponent(item.id)}">${item.post.title || textSnippet(item.post.content, [], 50)}</a>
  </li>`)}</ul>`;
}

/** The post page: the post with highlighted evidence, analysis, related posts and history; actions at the side. */
export function renderPostPage(context: PageContext, detail: PostDetail, data: PostPageData): SafeHtml {
  const { t } = context;
  const post = detail.loaded.document;
  const unitName = context.review.responsibleUnits.find((unit) => unit.id === detail.loaded.review.unit)?.name;
  const values = {
    来源: post.sourceName ?? post.sourceId, 标题: post.title, 发布日期: formatTime(post.publishedAt, context.timeZone).slice(0, 10),
    今天: formatTime(new Date().toISOString(), context.timeZone).slice(0, 10), 单位: data.organisation, 责任单位: unitName,
  };
  const templates = data.templates.map((template) => ({ ...template, filled: fillPlaceholders(template.text, values) }));
  const hits = readRuleHits(post.risk?.hits);
  const evidence = readEvidence(post.sentiment?.evidence);
  const link = safeLinkUrl(post.url);
  const engagement = post.engagement ?? {};
  const status = detail.loaded.review.status;
  const head = html`<section class="panel post-head">
    <div class="button-row small"><a href="/queue">← ${t.post.back}</a></div>
    <div class="button-row">${post.risk ? badge('level', post.risk.level, `${t.levels[post.risk.level] ?? post.risk.level} · ${Math.round(post.risk.score)}`) : ''}
      ${badge('status', status, t.statuses[status] ?? status)}
      ${post.sentiment ? badge('sentiment', post.sentiment.label, t.sentiments[post.sentiment.label] ?? post.sentiment.label) : ''}</div>
    <h1 class="post-title-full">${post.title ? highlightText(post.title, rangesFor('title', hits, evidence)) : textSnippet(post.content, [], 60)}</h1>
    <div class="meta">
      <span>${t.post.source}: <b>${post.sourceName ?? post.sourceId}</b></span>
      ${post.authorName ? html`<span>${t.post.author}: <b class="post-author">${post.authorName}</b></span>` : ''}
      <span>${t.post.published}: <b>${publishedTime(post, context.timeZone, context.language)}</b></span>
      <span>${t.post.firstSeen}: ${formatTime(post.firstSeenAt ?? post.crawledAt, context.timeZone)}</span>
      <span>${t.post.lastSeen}: ${formatTime(post.lastSeenAt, context.timeZone)}</span>
    </div>
    <div class="meta">
      <span>${t.post.reposts} <b>${engagement.reposts ?? 0}</b></span><span>${t.post.comments} <b>${engagement.comments ?? 0}</b></span>
      <span>${t.post.likes} <b>${engagement.likes ?? 0}</b></span>${engagement.views !== undefined ? html`<span>${t.post.views} <b>${engagement.views}</b></span>` : ''}
      ${post.piiRedactions ? html`<span class="muted">${t.post.redactions(post.piiRedactions)}</span>` : ''}
    </div>
    <p class="small">${link ? html`<a class="original-link" href="${link}" target="_blank" rel="noopener noreferrer nofollow">${t.post.original} ↗</a> <span class="muted mono">${link}</span>`
      : html`<span class="muted">${t.post.originalUnsafe}</span> <span class="unsafe-url mono">${post.url}</span>`}</p>
    ${highlightLegend(context)}
    <div class="post-body">${highlightText(post.content, rangesFor('content', hits, evidence))}</div>
    ${post.titleOriginal || post.contentOriginal ? html`<details class="disclosure"><summary>${t.post.titleOriginal}</summary><div class="post-body">${post.titleOriginal ?? ''}\n${post.contentOriginal ?? ''}</div></details>` : ''}
  </section>`;
  const related = html`<section class="panel" id="related">
    <h2>${t.post.duplicatesTitle}</h2>
    ${post.copies && post.copies > 1 ? html`<p class="small muted">${t.post.copies(post.copies)}</p>` : ''}
    ${post.duplicateOf ? html`<p class="small">${t.post.duplicateOf} <a href="/posts/${encodeURIComponent(post.duplicateOf)}">${t.notifications.open} →</a></p>` : ''}
    ${detail.duplicates.length ? relatedList(detail.duplicates, context) : html`<p class="muted small">${t.post.noDuplicates}</p>`}
    <h2 class="event-title">${t.post.eventTitle}</h2>
    ${detail.event ? html`<p><a class="story-link" href="/stories/${encodeURIComponent(detail.event.eventId)}"><b>${detail.event.title}</b> · ${t.stories.open} →</a></p><p> <span class="muted small">${t.post.eventStats(detail.event.postCount, detail.event.sourceCount)} · ${formatTime(detail.event.firstSeenAt, context.timeZone)} – ${formatTime(detail.event.lastSeenAt, context.timeZone)}</span></p>
      <h3>${t.post.timeline}</h3>${relatedList(detail.timeline, context, detail.loaded.id)}
      ${detail.perHour.length > 1 ? html`<div class="small muted">${detail.perHour.map((bucket) => html`<div class="score-bar"><span>${formatTime(bucket.at, context.timeZone)}</span><meter min="0" max="${Math.max(...detail.perHour.map((b) => b.count))}" value="${bucket.count}"></meter><span>${bucket.count}</span></div>`)}</div>` : ''}`
      : html`<p class="muted small">${t.post.noEvent}</p>`}
  </section>`;
  const engagementHistory = html`<section class="panel" id="engagement">
    <h2>${t.post.engagementHistory}</h2>
    ${detail.engagement.length ? html`<table class="engagement-history"><thead><tr><th>${t.post.crawledAt}</th><th>${t.post.reposts}</th><th>${t.post.comments}</th><th>${t.post.likes}</th><th>${t.post.views}</th></tr></thead>
      <tbody>${detail.engagement.map((snapshot) => html`<tr><td>${formatTime(snapshot.at, context.timeZone)}</td><td>${snapshot.reposts ?? '–'}</td><td>${snapshot.comments ?? '–'}</td><td>${snapshot.likes ?? '–'}</td><td>${snapshot.views ?? '–'}</td></tr>`)}</tbody></table>`
      : html`<p class="muted small">${t.post.noEngagementHistory}</p>`}
  </section>`;
  const body = html`<div class="detail" data-post-id="${detail.loaded.id}" data-revision="${detail.loaded.review.revision}">
    <div class="detail-main">${head}<div class="two-col">${renderRiskPanel(post, hits, context, data.riskWeights)}${renderSentimentPanel(post, evidence, context)}</div>${related}${engagementHistory}
      <section class="panel" id="history"><h2>${t.post.historyTitle}</h2>${renderHistory(detail.history, context)}</section></div>
    <aside class="detail-side">${renderActionsPanel(detail.loaded, context, { people: data.people, autosaved: data.autosaved, templates, intent: data.intent })}</aside>
  </div>`;
  return renderPage(context, { title: post.title ?? t.post.content, active: 'queue', body, pageClass: 'page-post' });
}
