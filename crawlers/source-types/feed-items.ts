// Maps the four feed formats feedsmith understands onto one shape, so the `rss` source type
// handles RSS 2.0, Atom, RDF (RSS 1.0) and JSON Feed alike.
import { createHash } from 'node:crypto';
import { parseFeed, type AnyFeed } from 'feedsmith';
import { BrokenSourceError } from '../crawl-errors.ts';
import { htmlToText } from '../read-html-field.ts';
import { absoluteHttpUrl } from './html-pages.ts';

/** One entry of a feed, format differences removed; `time` is the feed's own text. */
export interface FeedItem {
  id: string | undefined;
  url: string | undefined;
  title: string | undefined;
  content: string;
  author: string | undefined;
  time: string | undefined;
  comments: number | undefined;
}

/** The feed's items and declared language; a document that is not a feed is a broken source. */
export function readFeed(text: string, url: string): { items: FeedItem[]; language: string | undefined } {
  let parsed: AnyFeed<string>;
  try {
    parsed = parseFeed<string>(text);
  } catch (error) {
    throw new BrokenSourceError('malformed-markup', `not a readable RSS/Atom/JSON feed: ${(error as Error).message}`, url, { cause: error });
  }
  const markup = (value: string | undefined) => (value ? htmlToText(value) : '');
  switch (parsed.format) {
    case 'rss':
      return {
        language: parsed.feed.language,
        items: (parsed.feed.items ?? []).map((item) => ({
          id: item.guid?.value, url: item.link ?? (item.guid?.isPermaLink !== false ? item.guid?.value : undefined),
          title: item.title, content: markup(item.content?.encoded ?? item.description),
          author: item.authors?.[0]?.name ?? item.dc?.creators?.[0], time: item.pubDate ?? item.dc?.dates?.[0],
          comments: item.slash?.comments,
        })),
      };
    case 'atom':
      return {
        language: undefined,
        items: (parsed.feed.entries ?? []).map((entry) => ({
          id: entry.id, url: (entry.links?.find((link) => !link.rel || link.rel === 'alternate') ?? entry.links?.[0])?.href,
          title: entry.title?.value ? htmlToText(entry.title.value) : undefined,
          content: markup(entry.content?.value ?? entry.summary?.value),
          author: entry.authors?.[0]?.name, time: entry.published ?? entry.updated, comments: undefined,
        })),
      };
    case 'rdf':
      return {
        language: parsed.feed.dc?.languages?.[0],
        items: (parsed.feed.items ?? []).map((item) => ({
          id: item.rdf?.about, url: item.link, title: item.title, content: markup(item.content?.encoded ?? item.description),
          author: item.dc?.creators?.[0], time: item.dc?.dates?.[0], comments: item.slash?.comments,
        })),
      };
    case 'json':
      return {
        language: parsed.feed.language,
        items: (parsed.feed.items ?? []).map((item) => ({
          id: item.id, url: item.url ?? item.external_url, title: item.title,
          content: item.content_text ?? markup(item.content_html ?? item.summary),
          author: item.authors?.[0]?.name, time: item.date_published ?? item.date_modified, comments: undefined,
        })),
      };
  }
}

/** Who a feed item is: the URL stored with it, and the id it is remembered under when the URL is not enough. */
export interface FeedItemIdentity { url: string; platformPostId: string | undefined }

/**
 * The identity of every item of one feed: its guid; else its link — keeping the `#fragment` when that is
 * all that tells two items apart (one page listing several posts); else a hash of title and date. Items
 * without a link are kept, stored under the guid when it is a URL, else under the feed's URL; an item whose
 * link is not http(s) is left out (undefined), for the caller to count.
 */
export function identifyFeedItems(items: FeedItem[], feedUrl: string): (FeedItemIdentity | undefined)[] {
  const links = items.map((item) => absoluteHttpUrl(item.url, feedUrl, { keepFragment: true }));
  const withoutFragment = (url: string) => url.replace(/#.*$/, '');
  const sharing = new Map<string, number>();
  for (const link of links) if (link) sharing.set(withoutFragment(link), (sharing.get(withoutFragment(link)) ?? 0) + 1);
  return items.map((item, index) => {
    const link = links[index];
    // A link that is there but not http(s) (javascript:, data:) is hostile, not missing: the item is not stored.
    if (!link && item.url?.trim()) return undefined;
    const guid = item.id?.trim() || undefined;
    const guidUrl = absoluteHttpUrl(guid, feedUrl, { keepFragment: true });
    const base = link ?? (guid && /^https?:/i.test(guid) ? guidUrl : undefined);
    const isShared = base !== undefined && (sharing.get(withoutFragment(base)) ?? 0) > 1;
    const url = base ? (isShared ? base : withoutFragment(base)) : feedUrl;
    // guids are only unique within a feed, but so is everything here; a guid that is just the link adds nothing.
    if (guid && guid !== url && guid !== base) return { url, platformPostId: guid };
    if (base && (!isShared || withoutFragment(base) !== base)) return { url, platformPostId: undefined };
    // No link, or several items on one link with no fragment to tell them apart: the item's own words are its identity.
    const digest = createHash('sha1').update(`${item.title ?? ''}\n${item.time ?? ''}\n${item.title || item.time ? '' : item.content}`).digest('hex').slice(0, 16);
    return { url, platformPostId: `item:${digest}` };
  });
}
