// Where a news page says when it was published, in the order yuqing trusts: machine-readable metadata,
// <time datetime>, an element named for it (pubTime, publish-date, post-time…), a label (发布时间：…),
// and finally the first full date printed just below the title — as Chinese portals print it.
import { parsePublishedTime, type PublishedTime } from './parse-published-time.ts';
import type { TimeContext } from './parse-chinese-time.ts';

/** The minimal DOM the heuristics need (linkedom's and the browser's both have it). */
export interface ArticleDocument {
  querySelectorAll(selector: string): ArrayLike<ArticleElement>;
  body: ArticleElement | null;
}
export interface ArticleElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
  parentElement: ArticleElement | null;
}

const metaNames = [
  'article:published_time', 'og:article:published_time', 'og:published_time', 'article:published', 'og:release_date',
  'datepublished', 'pubdate', 'publishdate', 'publish_date', 'publish-date', 'publication_date', 'publishtime', 'pubtime',
  'weibo: article:create_at', 'dc.date.issued', 'dc.date', 'dcterms.created', 'sailthru.date', 'parsely-pub-date', 'date',
];
const timeClass = /(^|[-_\s])(pub|publish|published|post|article|news|create|created|release)[-_]?(time|date|at)\b|\b(pubtime|pubdate|publish|publishdate|posttime|post-date|entry-date|date|time|datetime)\b/i;
// Dates in comments, related links and sidebars belong to other posts.
const otherPosts = /comment|reply|respond|discuss|related|recommend|relate|hot|rank|side|aside|footer|foot|nav|menu|list|share/i;
const labelledTime = /(发布时间|發佈時間|发表时间|發表時間|发稿时间|發稿時間|发布日期|發佈日期|更新时间|时间|時間|日期|发表于|發表於|发布于|Published|Posted|Updated)\s*[:：]?\s*([^|｜\n]{6,40})/i;
const printedDate = /\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*(\d{1,2}[:：时時]\d{1,2}([:：分]\d{1,2})?)?/;

/** A candidate time: its instant and whether it carries a time of day (a date-only meta gives way to a printed clock on that day). */
interface Candidate { at: string; hasClock: boolean; text: string }

function candidateOf(text: string | null | undefined, context: TimeContext): Candidate | undefined {
  const written = text?.replace(/\s+/g, ' ').trim();
  if (!written || written.length > 120) return undefined;
  const at = parsePublishedTime(written, context);
  if (!at) return undefined;
  return { at, hasClock: /\d{1,2}\s*[:：时時]\s*\d{2}/.test(written) || /T\d{2}/.test(written), text: written };
}

function isInsideOtherPost(element: ArticleElement): boolean {
  for (let node: ArticleElement | null = element.parentElement, depth = 0; node && depth < 8; node = node.parentElement, depth += 1) {
    if (otherPosts.test(`${node.getAttribute('class') ?? ''} ${node.getAttribute('id') ?? ''}`)) return true;
  }
  return false;
}

function fromMetadata(document: ArticleDocument, context: TimeContext): Candidate | undefined {
  const metas = Array.from(document.querySelectorAll('meta'));
  for (const name of metaNames) {
    const meta = metas.find((element) => (element.getAttribute('property') ?? element.getAttribute('name') ?? element.getAttribute('itemprop') ?? '').trim().toLowerCase() === name);
    const found = candidateOf(meta?.getAttribute('content'), context);
    if (found) return found;
  }
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    const match = /"datePublished"\s*:\s*"([^"]+)"/.exec(script.textContent ?? '');
    const found = candidateOf(match?.[1], context);
    if (found) return found;
  }
  return undefined;
}

function fromMarkup(document: ArticleDocument, context: TimeContext): Candidate | undefined {
  for (const element of Array.from(document.querySelectorAll('time[datetime], [itemprop="datePublished"]'))) {
    if (isInsideOtherPost(element)) continue;
    const found = candidateOf(element.getAttribute('datetime') ?? element.getAttribute('content') ?? element.textContent, context);
    if (found) return found;
  }
  for (const element of Array.from(document.querySelectorAll('[class], [id]'))) {
    if (!timeClass.test(`${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`)) continue;
    const text = element.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    if (text.length === 0 || text.length > 120 || isInsideOtherPost(element)) continue;
    const found = candidateOf(labelledTime.exec(text)?.[2] ?? printedDate.exec(text)?.[0] ?? text, context);
    if (found) return found;
  }
  return undefined;
}

function fromText(bodyText: string, title: string | undefined, context: TimeContext): Candidate | undefined {
  const start = title ? Math.max(0, bodyText.indexOf(title)) : 0;
  const head = bodyText.slice(start, start + 600);
  const label = labelledTime.exec(head);
  const labelled = label ? candidateOf(printedDate.exec(label[2]!)?.[0] ?? label[2], context) : undefined;
  if (labelled) return labelled;
  return candidateOf(printedDate.exec(head)?.[0], context);
}

/**
 * The publication time of an article page, or why there is none. Metadata is trusted first, but a
 * date-only value (`<meta name="publishdate" content="2017-03-10">`) gives way to a time printed on the
 * page for the same day. A time later than the crawl is reported, not stored.
 */
export function findArticleTime(document: ArticleDocument, context: TimeContext, options: { title?: string | undefined; bodyText?: string | undefined }): PublishedTime & { origin?: 'metadata' | 'markup' | 'text' } {
  const bodyText = options.bodyText ?? document.body?.textContent?.replace(/\s+/g, ' ') ?? '';
  const metadata = fromMetadata(document, context);
  let chosen: { candidate: Candidate; origin: 'metadata' | 'markup' | 'text' } | undefined = metadata ? { candidate: metadata, origin: 'metadata' } : undefined;
  if (!chosen || !chosen.candidate.hasClock) {
    const markup = fromMarkup(document, context);
    const text = markup ? undefined : fromText(bodyText, options.title, context);
    const printed = markup ? { candidate: markup, origin: 'markup' as const } : text ? { candidate: text, origin: 'text' as const } : undefined;
    const sameDay = (a: Candidate, b: Candidate) => Math.abs(Date.parse(a.at) - Date.parse(b.at)) < 36 * 3_600_000;
    if (printed && (!chosen || (printed.candidate.hasClock && sameDay(printed.candidate, chosen.candidate)))) chosen = printed;
  }
  if (!chosen) return { publishedAtIssue: 'missing' };
  if (Date.parse(chosen.candidate.at) > context.now.getTime() + 10 * 60_000) return { publishedAtIssue: 'future', publishedAtText: chosen.candidate.text.slice(0, 200) };
  return { publishedAt: chosen.candidate.at, origin: chosen.origin };
}
