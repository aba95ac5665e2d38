import { HttpCrawler } from 'crawlee';
import type { RssSourceConfig } from '../../config/sources-schema.ts';
import { detectLanguage } from '../detect-language.ts';
import { parseChineseTime } from '../parse-chinese-time.ts';
import { boundedHttpClientFor, crawlFromStartUrls, domainThrottleHook, isolatedCrawleeConfiguration, politeCrawlerOptions } from '../polite-crawler-options.ts';
import { responseText } from '../response-text.ts';
import type { SourceRun } from '../source-run.ts';
import { absoluteHttpUrl } from './html-pages.ts';
import { readFeed } from './feed-items.ts';

/** Content types feeds are served with in the wild (RSSHub answers `application/xml`). */
export const feedMimeTypes = ['application/rss+xml', 'application/atom+xml', 'application/rdf+xml', 'application/feed+json', 'application/json', 'text/xml', 'application/xml', 'text/plain'];

/**
 * The `rss` source type: RSS 2.0, Atom, RDF and JSON Feed documents (including self-hosted RSSHub
 * routes), parsed with feedsmith, over crawlee's HttpCrawler. Each feed URL is an entry: a feed that
 * fails to load or parse fails the run.
 */
export async function crawlRssSource(run: SourceRun<RssSourceConfig>): Promise<void> {
  const { source, politeness } = run;
  const crawler = new HttpCrawler({
    ...politeCrawlerOptions(run),
    httpClient: boundedHttpClientFor(run),
    navigationTimeoutSecs: politeness.requestTimeoutSeconds + 5,
    additionalMimeTypes: feedMimeTypes,
    preNavigationHooks: [domainThrottleHook(run)],
    requestHandler: async (context) => {
      const feedUrl = context.request.loadedUrl ?? context.request.url;
      const { items, language } = readFeed(responseText(context), feedUrl);
      run.countPage();
      for (const item of items) {
        const url = absoluteHttpUrl(item.url, feedUrl);
        if (!url) continue;
        const publishedAt = parseChineseTime(item.time, { timeZone: source.timeZone, now: run.now });
        // guids are only unique within a feed; the link is the site's own identity of the post.
        const post = { url, platformPostId: item.id && item.id !== url ? item.id : undefined, publishedAt };
        if (run.decidePost(post) === 'known') continue;
        const result = await run.emit({
          ...post,
          title: item.title,
          content: item.content,
          authorName: item.author,
          engagement: item.comments !== undefined ? { comments: item.comments } : undefined,
          language: detectLanguage(`${item.title ?? ''}${item.content}`, language ?? source.language),
        });
        if (result === 'full') return;
      }
    },
  }, isolatedCrawleeConfiguration());

  await crawlFromStartUrls(run, crawler);
}
