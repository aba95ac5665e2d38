import type { StoryData, StoryPost } from '../../../digests/incident-brief/collect-brief.ts';
import { storyRoleNames } from '../../../digests/incident-brief/render-brief.ts';
import { formatTime } from '../../i18n/ui-language.ts';
import { html, safeLinkUrl, type SafeHtml } from '../../view/html.ts';
import { badge, renderPage, type PageContext } from '../../view/page-layout.ts';

function postItem(post: StoryPost, context: PageContext): SafeHtml {
  const { t } = context;
  const original = safeLinkUrl(post.url);
  return html`<li class="story-post role-${post.role}" data-post-id="${post.postId}">
    <div class="small muted">${formatTime(post.publishedAt, context.timeZone)} · ${post.sourceName}
      ${post.level ? badge('level', post.level, t.levels[post.level] ?? post.level) : ''}
      ${post.reviewStatus ? badge('status', post.reviewStatus, t.statuses[post.reviewStatus] ?? post.reviewStatus) : ''}
      <span class="tag story-role-${post.role}">${storyRoleNames[post.role]}</span></div>
    <a class="story-post-title" href="/posts/${encodeURIComponent(post.postId)}">${post.title}</a>${original ? html` <a class="small" href="${original}" target="_blank" rel="noopener noreferrer nofollow">${t.post.original} ↗</a>` : ''}
    ${post.response ? html`<div class="response-text small">${post.response.text}</div>` : ''}
  </li>`;
}

/** Hourly spread as bars (inline SVG: the CSP forbids inline styles). */
function spread(story: StoryData, context: PageContext): SafeHtml {
  const max = Math.max(1, ...story.perHour.map((bucket) => bucket.count));
  // At least 24 slots wide, so three hours of a young story are three slim bars, not three blocks.
  const width = Math.max(24, story.perHour.length);
  return html`<svg class="spread-chart" viewBox="0 0 ${width * 10} 60" preserveAspectRatio="none" role="img" aria-label="${context.t.stories.spread}">
    ${story.perHour.map((bucket, index) => html`<rect class="spread-bar" x="${index * 10 + 1}" y="${60 - (bucket.count / max) * 56}" width="8" height="${(bucket.count / max) * 56}"><title>${formatTime(bucket.at, context.timeZone)}：${bucket.count}</title></rect>`)}
  </svg><div class="small muted spread-axis"><span>${formatTime(story.perHour[0]?.at, context.timeZone)}</span><span>${formatTime(story.perHour.at(-1)?.at, context.timeZone)}</span></div>`;
}

/**
 * One story on one page: what it is and how it stands (assessment, handling, unit), how it spread, and its posts —
 * rumours and doubts next to official replies and debunks, so a rumour and its 辟谣 are read together — then the
 * whole timeline. Every post links to its page and back here.
 */
export function renderStoryPage(context: PageContext, story: StoryData): SafeHtml {
  const { t } = context;
  const { event } = story;
  const column = (role: StoryPost['role'], title: string) => {
    const posts = story.posts.filter((post) => post.role === role);
    return html`<section class="panel story-column" id="story-${role}"><h2>${title} <span class="count">${posts.length}</span></h2>
      ${posts.length ? html`<ol class="story-posts">${posts.map((post) => postItem(post, context))}</ol>` : html`<p class="muted small">—</p>`}</section>`;
  };
  const body = html`<div class="page-head story-head"><h1>${event.title}</h1><span class="spacer"></span>
      <a class="button button-primary" href="/stories/${encodeURIComponent(event.eventId)}/brief" target="_blank" rel="noopener">${t.stories.brief}</a></div>
    <section class="panel">
      <p class="risk-summary">${badge('level', event.maxRiskLevel, t.levels[event.maxRiskLevel] ?? event.maxRiskLevel)} <span class="risk-reason">${story.assessment}</span></p>
      <dl class="kv">
        <dt>${t.stories.status}</dt><dd class="story-status">${story.status}</dd>
        <dt>${t.stories.unit}</dt><dd>${story.unit ? html`${story.unit.name}${story.unit.isProposed ? html` <span class="muted small">${t.units.notYet}</span>` : ''}` : t.units.none}</dd>
        <dt>${t.stories.firstSeen}</dt><dd>${formatTime(event.firstSeenAt, context.timeZone)}</dd><dt>${t.stories.lastSeen}</dt><dd>${formatTime(event.lastSeenAt, context.timeZone)}</dd>
        <dt>${t.stories.sources}</dt><dd>${story.sources.map((source) => `${source.name} ${source.count}`).join('、')}</dd>
      </dl>
      <h3>${t.stories.spread} · ${t.stories.peak(formatTime(event.peakHourAt, context.timeZone), event.peakHourCount)}</h3>${spread(story, context)}
    </section>
    <div class="two-col story-columns">${column('rumour', t.stories.rumours)}${column('official', t.stories.official)}</div>
    <section class="panel" id="story-timeline"><h2>${t.stories.timeline} <span class="count">${story.posts.length}</span></h2>
      ${story.posts.length ? html`<ol class="story-posts timeline-list">${story.posts.map((post) => html`${postItem(post, context)}`)}</ol>` : html`<p class="muted">${t.stories.noPosts}</p>`}
    </section>`;
  return renderPage(context, { title: event.title, active: 'queue', body });
}
