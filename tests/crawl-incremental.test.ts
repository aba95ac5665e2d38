// A scheduled re-run fetches only what is new, from state persisted on disk (so it survives a
// restart), and refreshes the engagement counts of items newer than the refresh window.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSources } from '../crawlers/crawl-sources.ts';
import type { CrawlRunReport } from '../crawlers/crawl-run-report.ts';
import { startFixtureSite, type FixtureSite } from './support/fixture-sites/fixture-site.ts';
import { crawlTestConfig, fixtureSources, readSegment, temporaryDataDir } from './support/fixture-sites/fixture-sources.ts';
import { testLogger } from './support/test-logger.ts';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const withBrowser = existsSync(chromiumPath) || !!process.env.CI;

describe('incremental crawling', () => {
  let site: FixtureSite;
  const data = temporaryDataDir();
  beforeAll(async () => {
    site = await startFixtureSite({ forumThreads: 6, floorsPerThread: 13, weiboPosts: 24 });
  });
  afterAll(async () => {
    await site.close();
    data.remove();
  });

  /** Each pass builds its config anew from the file-less declarations, as a restarted process would. */
  async function pass(ids: string[]): Promise<Record<string, CrawlRunReport>> {
    const fixture = fixtureSources(site.origin);
    const declarations = [fixture.newsRss, fixture.newsHtml, fixture.forum, fixture.api, ...(withBrowser ? [fixture.weibo] : [])]
      .filter((source) => ids.includes(source.id))
      .map((source) => ({ ...source, refreshWindowHours: 0 }));
    const config = crawlTestConfig(data.dataDir, declarations, { chromiumPath, maxParallelSources: 2 });
    const reports = await crawlSources(config, { logger: testLogger() });
    return Object.fromEntries(reports.map((report) => [report.sourceId, report]));
  }

  it('fetches only the posts published since the last run, for every source type', async () => {
    const ids = ['news-rss', 'news-html', 'qinghe-bbs', 'qinghe-api', ...(withBrowser ? ['qinghe-weibo'] : [])];
    const first = await pass(ids);
    for (const id of ids) expect(first[id]!.status, id).toBe('ok');
    const forumThread = site.content.threads.at(-1)!; // the oldest thread, on the board's last list page
    const requestsBefore = site.requests.length;

    site.content.publish({ news: 2, threads: 1, floorsPerThread: 3, repliesTo: { tid: forumThread.tid, count: 2 }, api: 3, weibo: 2 });
    const second = await pass(ids);
    const secondRequests = site.requests.slice(requestsBefore);

    const ids2 = (id: string) => readSegment(second[id]!.segmentPath).map((post) => post.platformPostId ?? post.url);
    expect(ids2('news-rss').sort()).toEqual(site.content.news.slice(0, 2).map((article) => `${site.origin}/news/2026/${article.id}.html`).sort());
    expect(ids2('news-html').sort()).toEqual(site.content.news.slice(0, 2).map((article) => article.id).sort());
    const newThread = site.content.threads.find((thread) => thread.floors.length === 3)!;
    expect(ids2('qinghe-bbs').sort()).toEqual([...newThread.floors.map((floor) => floor.id), ...forumThread.floors.slice(-2).map((floor) => floor.id)].sort());
    expect(ids2('qinghe-api').sort()).toEqual(site.content.api.slice(0, 3).map((item) => item.id).sort());
    if (withBrowser) expect(ids2('qinghe-weibo').sort()).toEqual(site.content.weibo.slice(0, 2).map((item) => item.id).sort());

    // Only new detail pages were fetched, and paging stopped at the first list page with nothing new.
    const articlePages = secondRequests.filter((path) => path.startsWith('/news/2026/'));
    expect(articlePages.sort()).toEqual(site.content.news.slice(0, 2).map((article) => `/news/2026/${article.id}.html`).sort());
    expect(secondRequests).not.toContain('/news/index_3.html');
    // The thread with new replies was re-read from its last page, not from the start.
    expect(secondRequests).not.toContain(`/bbs/thread-${forumThread.tid}-1-1.html`);
    expect(secondRequests).toContain(`/bbs/thread-${forumThread.tid}-2-1.html`);

    const third = await pass(ids);
    for (const id of ids) expect(third[id]!.postsWritten, id).toBe(0);
  });

  it('re-reads items inside the refresh window and writes those whose counts changed', async () => {
    const fixture = fixtureSources(site.origin);
    const config = (refreshWindowHours: number) => crawlTestConfig(data.dataDir, [{ ...fixture.api, id: 'api-refresh', refreshWindowHours }]);
    await crawlSources(config(1), { logger: testLogger() });

    const fresh = site.content.api[0]!; // minutes old
    const old = site.content.api.find((item) => Date.now() - item.publishedAt.getTime() > 2 * 3_600_000)
      ?? site.content.api.at(-1)!;
    fresh.likes += 500;
    old.likes += 500;
    const [report] = await crawlSources(config(1), { logger: testLogger() });
    const posts = readSegment(report!.segmentPath);
    expect(posts.map((post) => post.platformPostId)).toEqual([fresh.id]);
    expect(posts[0]!.engagement?.likes).toBe(fresh.likes);
    const withinWindow = site.content.api.filter((item) => Date.now() - item.publishedAt.getTime() < 3_600_000).length;
    expect(report!.postsUnchanged).toBe(withinWindow - 1);
  });
});
