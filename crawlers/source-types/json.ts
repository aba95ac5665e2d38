import { HttpCrawler } from 'crawlee';
import type { JsonSourceConfig } from '../../config/sources-schema.ts';
import { charsetProvenanceOf } from '../bounded-http-client.ts';
import { BrokenSourceError } from '../crawl-errors.ts';
import { detectLanguage } from '../detect-language.ts';
import { parseChineseCount } from '../parse-chinese-count.ts';
import { readPublishedTime } from '../parse-published-time.ts';
import { boundedHttpClientFor, crawlFromStartUrls, domainThrottleHook, isolatedCrawleeConfiguration, politeCrawlerOptions } from '../polite-crawler-options.ts';
import type { Engagement } from '../raw-post.ts';
import { htmlToText } from '../read-html-field.ts';
import { jsonScalarText, readJsonPath } from '../read-json-path.ts';
import { responseText } from '../response-text.ts';
import type { ExtractedPost, SourceRun } from '../source-run.ts';
import { absoluteHttpUrl } from './html-pages.ts';

interface ApiPageData { page: number; startUrl: string }

/** The posts of one API response, and how many items had no id or URL; a missing items array means the API changed (broken source). */
export function extractJsonPosts(document: unknown, source: JsonSourceConfig, pageUrl: string, now: Date): { posts: ExtractedPost[]; withoutId: number } {
  const items = readJsonPath(document, source.itemsPath);
  if (!Array.isArray(items)) throw new BrokenSourceError('selector-matched-nothing', `itemsPath "${source.itemsPath}" is not an array in ${pageUrl}`, pageUrl);
  const { fields } = source;
  const text = (item: unknown, path: string | undefined) => (path ? jsonScalarText(readJsonPath(item, path)) : undefined);
  const posts: ExtractedPost[] = [];
  let withoutId = 0;
  for (const item of items) {
    const id = text(item, fields.id);
    const rawUrl = text(item, fields.url) ?? (id && source.urlTemplate ? source.urlTemplate.replace('{id}', encodeURIComponent(id)) : undefined);
    const url = absoluteHttpUrl(rawUrl, pageUrl);
    const content = text(item, fields.content);
    if (!id || !url) {
      withoutId += 1;
      continue;
    }
    const counts = Object.fromEntries((['reposts', 'comments', 'likes', 'views'] as const)
      .map((key) => [key, fields[key] ? parseChineseCount(jsonScalarText(readJsonPath(item, fields[key]))) : undefined])
      .filter(([, value]) => value !== undefined)) as Engagement;
    const published = fields.publishedAt ? readJsonPath(item, fields.publishedAt) : undefined;
    posts.push({
      url,
      platformPostId: id,
      title: text(item, fields.title),
      content: content ? (source.contentIsHtml ? htmlToText(content) : content) : '',
      authorName: text(item, fields.author),
      ...readPublishedTime(typeof published === 'number' || typeof published === 'string' ? published : undefined, { timeZone: source.timeZone, now }),
      engagement: Object.keys(counts).length > 0 ? counts : undefined,
      threadId: text(item, fields.threadId),
      replyToId: text(item, fields.replyToId),
    });
  }
  return { posts, withoutId };
}

/** The URL of the next API page, or undefined when the API says there is none. */
function nextPageUrl(document: unknown, source: JsonSourceConfig, pageUrl: string, page: number): string | undefined {
  const { pagination } = source;
  const url = new URL(pageUrl);
  if (pagination.type === 'cursor') {
    const cursor = jsonScalarText(readJsonPath(document, pagination.cursorPath));
    if (!cursor || cursor === '0' || cursor === url.searchParams.get(pagination.cursorParam)) return undefined;
    url.searchParams.set(pagination.cursorParam, cursor);
    return url.href;
  }
  if (pagination.type === 'page') {
    url.searchParams.set(pagination.pageParam, String(pagination.firstPage + page));
    return url.href;
  }
  return undefined;
}

/**
 * The `json` source type: API endpoints whose items are mapped to posts by path, paged by cursor or
 * page number, over crawlee's HttpCrawler. Paging stops at `maxPages`, at the end of the data, or at
 * the first page holding nothing new.
 */
export async function crawlJsonSource(run: SourceRun<JsonSourceConfig>): Promise<void> {
  const { source, politeness } = run;
  const crawler = new HttpCrawler({
    ...politeCrawlerOptions(run),
    httpClient: boundedHttpClientFor(run),
    navigationTimeoutSecs: politeness.requestTimeoutSeconds + 5,
    additionalMimeTypes: ['application/json', 'text/json', 'text/plain', 'application/javascript'],
    preNavigationHooks: [domainThrottleHook(run), async ({ request }) => {
      request.headers = { accept: 'application/json', ...source.headers, ...request.headers };
    }],
    requestHandler: async (context) => {
      const { request } = context;
      const data = request.userData as ApiPageData;
      let document: unknown;
      try {
        document = JSON.parse(responseText(context));
      } catch (error) {
        throw new BrokenSourceError('malformed-markup', `response is not JSON: ${(error as Error).message}`, request.url, { cause: error });
      }
      const { posts, withoutId } = extractJsonPosts(document, source, request.url, run.now);
      const charset = charsetProvenanceOf(context.response.headers);
      run.countPage();
      run.tally.see(withoutId);
      run.tally.drop('no-id', withoutId);
      let fresh = 0;
      for (const post of posts) {
        if (run.decidePost(post) === 'known') continue;
        fresh += 1;
        if (!post.title?.trim() && !post.content.trim()) {
          run.tally.drop('no-text');
          continue;
        }
        const result = await run.emit({ ...post, charset, language: detectLanguage(`${post.title ?? ''}${post.content}`, source.language) });
        if (result === 'full') return;
      }
      // A page holding nothing new means the pages after it are older still.
      if ((fresh === 0 && !run.state.fullScanNeeded) || data.page >= source.maxPages || run.isStopping || posts.length === 0) return;
      const next = nextPageUrl(document, source, request.url, data.page);
      if (next) await context.addRequests(await run.admit([{ url: next, uniqueKey: next, userData: { page: data.page + 1, startUrl: data.startUrl } satisfies ApiPageData }]));
    },
  }, isolatedCrawleeConfiguration());

  await crawlFromStartUrls(run, crawler, (url) => ({ page: 1, startUrl: url } satisfies ApiPageData));
}
