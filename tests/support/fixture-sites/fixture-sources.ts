// Source declarations for the fixture sites, written as an operator would write them in the config
// file, and a config builder for crawl tests (temp data dir, no politeness delays on 127.0.0.1).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../../config/load-config.ts';
import type { Config, ConfigInput } from '../../../config/config-schema.ts';
import type { CrawlRunReport } from '../../../crawlers/crawl-run-report.ts';
import { crawlSource } from '../../../crawlers/crawl-source.ts';
import { rawPostSchema, type RawPost } from '../../../crawlers/raw-post.ts';
import { testLogger } from '../test-logger.ts';

type SourceInput = NonNullable<ConfigInput['sources']>[number];

/** The fixture site's sources, by what they imitate. */
export function fixtureSources(origin: string) {
  return {
    newsRss: { id: 'news-rss', name: '青禾日报 RSS', type: 'rss', startUrls: [`${origin}/news/rss.xml`], tags: { region: '青禾市', category: '新闻' } },
    newsAtom: { id: 'news-atom', name: '青禾日报 Atom', type: 'rss', startUrls: [`${origin}/news/atom.xml`] },
    newsJsonFeed: { id: 'news-json-feed', name: '青禾日报 JSON Feed', type: 'rss', startUrls: [`${origin}/news/feed.json`] },
    newsHtml: {
      id: 'news-html', name: '青禾日报 本地新闻', type: 'html', startUrls: [`${origin}/news/`],
      list: { itemSelector: 'ul.news-list li', linkSelector: 'a', timeSelector: 'span.date', nextPageSelector: 'div.pager a.next', maxPages: 10 },
      article: {
        titleSelector: 'h1.article-title', contentSelector: 'div.article-content', authorSelector: 'span.author',
        timeSelector: 'div.info span.time', engagement: { views: 'span.views', comments: 'span.comments' }, idPattern: '/(\\d+)\\.html$',
      },
      tags: { region: '青禾市', category: '新闻' },
    },
    traditionalNews: {
      id: 'tw-news', name: '臺北新聞', type: 'html', startUrls: [`${origin}/tw/news/`],
      list: { itemSelector: 'ul.news-list li' },
      article: { titleSelector: 'h1.article-title', contentSelector: 'div.article-content', timeSelector: 'span.time' },
    },
    forum: {
      id: 'qinghe-bbs', name: '青禾论坛 · 民生热线', type: 'html', startUrls: [`${origin}/bbs/forum-2-1.html`],
      list: { itemSelector: 'tbody[id^=normalthread_]', linkSelector: 'a.xst', timeSelector: 'td.by em', activitySelector: 'td.num a.xi2', nextPageSelector: 'div.pg a.nxt', maxPages: 20 },
      thread: {
        titleSelector: '#thread_subject', postSelector: 'div[id^=post_]', postIdPattern: '^post_(\\d+)$',
        contentSelector: 'td.t_f', authorSelector: 'a.xw1', timeSelector: 'em[id^=authorposton]',
        threadIdPattern: 'thread-(\\d+)-', nextPageSelector: 'div.pg a.nxt', maxPages: 20,
      },
      tags: { region: '青禾市', category: '论坛' },
    },
    weibo: {
      id: 'qinghe-weibo', name: '青禾同城微博', type: 'browser', startUrls: [`${origin}/weibo/`],
      itemSelector: 'div.card[data-mid]', idAttribute: 'data-mid', linkSelector: 'a.from', contentSelector: 'div.txt',
      authorSelector: 'a.name', timeSelector: 'a.from', engagement: { reposts: 'span.reposts', comments: 'span.comments', likes: 'span.likes' },
      scroll: { maxScrolls: 10, waitForMoreMillis: 5000 },
      tags: { region: '青禾市', category: '社交媒体' },
    },
    api: {
      id: 'qinghe-api', name: '青禾同城 API', type: 'json', startUrls: [`${origin}/api/v1/statuses`],
      itemsPath: 'data.statuses', urlTemplate: `${origin}/weibo/status/{id}`, contentIsHtml: true,
      fields: { id: 'idstr', content: 'text', author: 'user.screen_name', publishedAt: 'created_at', reposts: 'reposts_count', comments: 'comments_count', likes: 'attitudes_count' },
      pagination: { type: 'cursor', cursorPath: 'data.next_cursor', cursorParam: 'cursor' },
    },
  } satisfies Record<string, SourceInput>;
}

/** A temporary data dir, removed by the returned function. */
export function temporaryDataDir(): { dataDir: string; remove: () => void } {
  const dataDir = mkdtempSync(join(tmpdir(), 'yuqing-crawl-'));
  return { dataDir, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/**
 * A config for crawling the fixture site: no politeness delay (a local server), short timeouts and
 * backoff so failure tests finish quickly. robots.txt stays respected.
 */
export function crawlTestConfig(dataDir: string, sources: SourceInput[], crawl: ConfigInput['crawl'] = {}): Config {
  return parseConfig({
    storage: { dataDir },
    crawl: { maxRequestsPerMinute: 60_000, maxConcurrency: 2, requestTimeoutSeconds: 5, retryBackoffMillis: 20, maxRetries: 2, ...crawl },
    sources,
  }, 'crawl-test', {});
}

/** The posts of a closed spool segment, validated against the raw-post contract. */
export function readSegment(path: string | undefined): RawPost[] {
  if (!path) return [];
  return readFileSync(path, 'utf8').split('\n').filter((line) => line !== '').map((line) => rawPostSchema.parse(JSON.parse(line)));
}

/** Runs one source declaration once against the fixture site: its run report and the posts it spooled. */
export async function crawlOnce(dataDir: string, declaration: SourceInput, crawl: ConfigInput['crawl'] = {}): Promise<{ report: CrawlRunReport; posts: RawPost[] }> {
  const config = crawlTestConfig(dataDir, [declaration], crawl);
  const report = await crawlSource(config.sources[0]!, config, { logger: testLogger() });
  if (!report) throw new Error(`a run of ${declaration.id} was already going on`);
  return { report, posts: readSegment(report.segmentPath) };
}
