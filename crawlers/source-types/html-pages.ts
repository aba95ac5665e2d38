// Extraction of the `html` source type's detail pages: one article per page, or a forum thread whose
// floors each become a post. Pure functions of a parsed page, so they are tested on fixtures alone.
import type { FieldSelector, HtmlSourceConfig } from '../../config/sources-schema.ts';
import type { Engagement } from '../raw-post.ts';
import { parseChineseCount } from '../parse-chinese-count.ts';
import { parseChineseTime, type TimeContext } from '../parse-chinese-time.ts';
import { readBlockField, readField, type HtmlDocument, type HtmlSelection } from '../read-html-field.ts';
import type { ExtractedPost } from '../source-run.ts';

type ArticleDeclaration = NonNullable<HtmlSourceConfig['article']>;
type ThreadDeclaration = NonNullable<HtmlSourceConfig['thread']>;

/** A link field reads `href` unless it names another attribute. */
export function hrefField(field: FieldSelector): FieldSelector {
  return typeof field === 'string' ? { selector: field, attribute: 'href' } : { ...field, attribute: field.attribute ?? 'href' };
}

/** An absolute http(s) URL for a link found on `baseUrl`, or undefined for `javascript:`, `mailto:` and the like. */
export function absoluteHttpUrl(href: string | undefined, baseUrl: string): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href, baseUrl);
    url.hash = '';
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

/** The article on a detail page, or undefined when its content selector matches nothing. */
export function extractArticle($: HtmlDocument, url: string, declaration: ArticleDeclaration, time: TimeContext): ExtractedPost | undefined {
  const content = readBlockField($, undefined, declaration.contentSelector);
  if (content === undefined) return undefined;
  return {
    url,
    platformPostId: firstGroup(declaration.idPattern, url),
    title: readField($, undefined, declaration.titleSelector),
    content,
    authorName: readField($, undefined, declaration.authorSelector),
    publishedAt: parseChineseTime(readField($, undefined, declaration.timeSelector), time),
    engagement: readEngagement($, undefined, declaration.engagement),
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
    floors.push({
      postId,
      post: {
        url,
        platformPostId: postId,
        content,
        authorName: readField($, floor, declaration.authorSelector),
        publishedAt: parseChineseTime(readField($, floor, declaration.timeSelector), time),
      },
    });
  });
  return { floors, matched: elements.length, title };
}
