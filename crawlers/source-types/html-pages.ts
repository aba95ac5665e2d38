// Extraction of the `html` source type's detail pages: one article per page, or a forum thread whose
// floors each become a post. Pure functions of a parsed page, so they are tested on fixtures alone.
import type { FieldSelector, HtmlSourceConfig } from '../../config/sources-schema.ts';
import type { Engagement, FieldOrigin } from '../raw-post.ts';
import { parseChineseCount } from '../parse-chinese-count.ts';
import { extractArticle } from '../extract-article.ts';
import type { TimeContext } from '../parse-chinese-time.ts';
import { readPublishedTime, type PublishedTime } from '../parse-published-time.ts';
import { readBlockField, readField, type HtmlDocument, type HtmlSelection } from '../read-html-field.ts';
import type { ExtractedPost } from '../source-run.ts';

type ArticleDeclaration = NonNullable<HtmlSourceConfig['article']>;
type ThreadDeclaration = NonNullable<HtmlSourceConfig['thread']>;

/** A link field reads `href` unless it names another attribute. */
export function hrefField(field: FieldSelector): FieldSelector {
  return typeof field === 'string' ? { selector: field, attribute: 'href' } : { ...field, attribute: field.attribute ?? 'href' };
}

/**
 * An absolute http(s) URL for a link found on `baseUrl`, or undefined for `javascript:`, `mailto:` and the
 * like. The fragment is dropped (it names a place in the page, not a page) unless `keepFragment`.
 */
export function absoluteHttpUrl(href: string | undefined, baseUrl: string, options: { keepFragment?: boolean } = {}): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href.trim(), baseUrl);
    if (!options.keepFragment) url.hash = '';
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Engagement counts read with the declared selectors; undefined when none is declared or found. */
export function readEngagement($: HtmlDocument, scope: HtmlSelection | undefined, selectors: Partial<Record<keyof Engagement, FieldSelector>>): Engagement | undefined {
  const counts = Object.fromEntries(Object.entries(selectors)
    .map(([key, field]) => [key, parseChineseCount(readField($, scope, field))])
    .filter(([, value]) => value !== undefined));
  return Object.keys(counts).length > 0 ? counts as Engagement : undefined;
}

/** The first group of `pattern` in `text`, or undefined. */
export function firstGroup(pattern: string | undefined, text: string | undefined): string | undefined {
  if (!pattern || !text) return undefined;
  return new RegExp(pattern).exec(text)?.[1] || undefined;
}

/** A declared selector that found nothing on the page (automatic extraction stood in, or found nothing either). */
export interface SelectorMiss { field: 'title' | 'content' | 'authorName' | 'publishedAt'; selector: string }

/** An article page as read: the post (undefined when no body was found), where each field came from, and the selectors that missed. */
export interface ArticleReading { post: ExtractedPost | undefined; misses: SelectorMiss[]; extracted: boolean }

function selectorText(field: FieldSelector): string {
  return typeof field === 'string' ? field : `${field.selector}${field.attribute ? ` @${field.attribute}` : ''}`;
}

/**
 * The article on a detail page. Declared selectors are read first; what they do not give — no
 * declaration, a selector that matched nothing, no title or time selector — comes from automatic
 * extraction (Readability and Chinese-news heuristics, `extractArticle`). Each field records its origin.
 */
export function readArticlePage($: HtmlDocument, html: string, url: string, declaration: ArticleDeclaration | undefined, time: TimeContext, listedTime?: PublishedTime): ArticleReading {
  const misses: SelectorMiss[] = [];
  const read = <T>(field: SelectorMiss['field'], selector: FieldSelector | undefined, value: (selector: FieldSelector) => T | undefined): T | undefined => {
    if (!selector) return undefined;
    const found = value(selector);
    if (found === undefined) misses.push({ field, selector: selectorText(selector) });
    return found;
  };
  const content = read('content', declaration?.contentSelector, (selector) => readBlockField($, undefined, selector));
  const title = read('title', declaration?.titleSelector, (selector) => readField($, undefined, selector));
  const authorName = read('authorName', declaration?.authorSelector, (selector) => readField($, undefined, selector));
  const timeText = read('publishedAt', declaration?.timeSelector, (selector) => readField($, undefined, selector));
  const selectedTime = timeText === undefined ? undefined : readPublishedTime(timeText, time);
  const needsExtraction = content === undefined || title === undefined || !selectedTime?.publishedAt || misses.length > 0;
  const auto = needsExtraction ? extractArticle(html, url, time) : undefined;
  const pick = <T>(selected: T | undefined, extracted: T | undefined): [T | undefined, FieldOrigin | undefined] =>
    (selected !== undefined ? [selected, 'selector'] : extracted !== undefined ? [extracted, 'extracted'] : [undefined, undefined]);
  const [body, contentOrigin] = pick(content, auto?.content);
  if (body === undefined) return { post: undefined, misses, extracted: auto !== undefined };
  const [headline, titleOrigin] = pick(title, auto?.title);
  const [author, authorOrigin] = pick(authorName, declaration?.authorSelector || auto ? auto?.authorName : undefined);
  const [published, timeOrigin]: [PublishedTime, FieldOrigin | undefined] = selectedTime?.publishedAt ? [selectedTime, 'selector']
    : auto?.time.publishedAt ? [auto.time, 'extracted']
      : listedTime?.publishedAt ? [listedTime, 'list']
        : [selectedTime ?? auto?.time ?? listedTime ?? { publishedAtIssue: 'missing' }, undefined];
  return {
    post: {
      url,
      platformPostId: firstGroup(declaration?.idPattern, url),
      title: headline,
      content: body,
      authorName: author,
      ...published,
      engagement: declaration ? readEngagement($, undefined, declaration.engagement) : undefined,
      fieldOrigins: { content: contentOrigin, title: titleOrigin, authorName: authorOrigin, publishedAt: timeOrigin },
    },
    misses,
    extracted: auto !== undefined,
  };
}

/** One floor of a forum thread page. */
export interface ThreadFloor {
  postId: string;
  post: Omit<ExtractedPost, 'threadId' | 'replyToId'>;
}

/**
 * The floors of one thread page, in page order. Floors without an id or without text (deleted,
 * hidden for moderation) are left out; an empty list means the floor selector matched nothing.
 */
export function extractThreadFloors($: HtmlDocument, url: string, declaration: ThreadDeclaration, time: TimeContext): { floors: ThreadFloor[]; matched: number; title: string | undefined } {
  const title = readField($, undefined, declaration.titleSelector);
  const elements = $(declaration.postSelector);
  const floors: ThreadFloor[] = [];
  elements.each((_, element) => {
    const floor = $(element);
    const postId = firstGroup(declaration.postIdPattern, floor.attr(declaration.postIdAttribute));
    const content = readBlockField($, floor, declaration.contentSelector);
    if (!postId || !content) return;
    const floorTime = readPublishedTime(readField($, floor, declaration.timeSelector), time);
    floors.push({
      postId,
      post: {
        url,
        platformPostId: postId,
        content,
        authorName: readField($, floor, declaration.authorSelector),
        ...floorTime,
        fieldOrigins: { content: 'selector', ...(declaration.authorSelector ? { authorName: 'selector' } : {}), ...(floorTime.publishedAt ? { publishedAt: 'selector' } : {}) },
      },
    });
  });
  return { floors, matched: elements.length, title };
}
