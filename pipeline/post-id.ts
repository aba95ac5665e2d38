import { createHash } from 'node:crypto';

// Query parameters that only track where a click came from; two URLs differing in them are the same page.
const trackingParameter = /^(utm_\w+|spm|from|share_\w+|share|isappinstalled|scene|srcid|clicktime|enterid|wfr|timestamp|_t|ref|refer|source)$/i;

/** Canonical form of a post URL: lower-case host, no default port, no fragment, no tracking parameters, sorted query. */
export function canonicalUrl(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  parsed.hostname = parsed.hostname.toLowerCase();
  if ((parsed.protocol === 'http:' && parsed.port === '80') || (parsed.protocol === 'https:' && parsed.port === '443')) parsed.port = '';
  const kept = [...parsed.searchParams.entries()].filter(([key]) => !trackingParameter.test(key)).sort(([a], [b]) => a.localeCompare(b));
  parsed.search = new URLSearchParams(kept).toString();
  return parsed.toString();
}

/**
 * Stable document id: the same post gets the same id on every crawl and replay, so writes update instead of
 * duplicating. Based on the site's own post id when it has one (replies on one thread page share a URL),
 * else on the canonical URL.
 */
export function postId(sourceId: string, post: { platformPostId?: string | undefined; url: string }): string {
  const identity = post.platformPostId ? `id:${post.platformPostId}` : `url:${canonicalUrl(post.url)}`;
  return createHash('sha256').update(`${sourceId}\n${identity}`).digest('base64url').slice(0, 24);
}
