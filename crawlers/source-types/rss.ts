import { HttpCrawler } from 'crawlee';
import type { RssSourceConfig } from '../../config/sources-schema.ts';
import { charsetProvenanceOf } from '../bounded-http-client.ts';
import { detectLanguage } from '../detect-language.ts';
import { readPublishedTime } from '../parse-published-time.ts';
import { boundedHttpClientFor, crawlFromStartUrls, domainThrottleHook, isolatedCrawleeConfiguration, politeCrawlerOptions } from '../polite-crawler-options.ts';
import { responseText } from '../response-text.ts';
import type { SourceRun } from '../source-run.ts';
import { identifyFeedItems, readFeed } from './feed-items.ts';

/** Content types feeds are served with in the wild (RSSHub answers `application/xml`). */
export const feedMimeTypes = ['application/rss+xml', 'application/atom+xml', 'application/rdf+xml', 'application/feed+json', 'application/json', 'text/xml', 'application/xml', 'text/plain'];

/**
 * The `rss` source type: RSS 2.0, Atom, RDF and JSON Feed documents (including self-hosted RSSHub
 * routes), parsed with feedsmith, over crawlee's HttpCrawler. Each feed URL is an entry: a feed that
 * fails to load or parse fails the run. Every item is kept (see `identifyFeedItems`); one that still
 * cannot be stored is counted with its reason.
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
      const charset = charsetProvenanceOf(context.response.headers);
      const { items, language } = readFeed(responseText(context), feedUrl);
      run.countPage();
      const identities = identifyFeedItems(items, feedUrl);
      for (const [index, item] of items.entries()) {
        const identity = identities[index];
        if (!identity) {
          run.tally.see();
          run.tally.drop('bad-link');
          continue;
        }
        const time = readPublishedTime(item.time, { timeZone: source.timeZone, now: run.now });
        const post = { ...identity, publishedAt: time.publishedAt };
        if (run.decidePost(post) === 'known') continue;
        if (!item.title?.trim() && !item.content.trim()) {
          run.tally.drop('no-text');
          continue;
        }
        const result = await run.emit({
          ...post,
          ...time,
          title: item.title,
          content: item.content,
          authorName: item.author,
          engagement: item.comments !== undefined ? { comments: item.comments } : undefined,
          language: detectLanguage(`${item.title ?? ''}${item.content}`, language ?? source.language, charset?.charset),
          charset,
        }, { isArticle: true });
        if (result === 'full') return;
      }
    },
  }, isolatedCrawleeConfiguration());

  await crawlFromStartUrls(run, crawler);
}
