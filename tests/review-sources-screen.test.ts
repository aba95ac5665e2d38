// The source-health screen and 发布时间未知, over real HTTP against a real index, with health records
// written by real crawls of the fixture site and "run now" going through the real scheduler.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceHealthProvider } from '../bin/source-health-provider.ts';
import type { Config } from '../config/config-schema.ts';
import { crawlSources } from '../crawlers/crawl-sources.ts';
import { readSourceHealth } from '../crawlers/source-health.ts';
import { startSourceScheduler, type SourceScheduler } from '../crawlers/source-scheduler.ts';
import { startReviewApp, type ReviewApp } from '../dashboards/review-app/start-review-app.ts';
import { startFixtureSite, type FixtureSite } from './support/fixture-sites/fixture-site.ts';
import { rawPost } from './support/raw-post-factory.ts';
import { createTestUsers, ingestThroughPipeline, reviewTestConfig, temporaryDataDir, testPassword } from './support/review-fixture.ts';
import { signIn } from './support/review-http-client.ts';
import { testElasticsearch } from './support/test-elasticsearch.ts';
import { testLogger } from './support/test-logger.ts';

const es = testElasticsearch(import.meta.url);
const data = temporaryDataDir();

describe('source-health screen', () => {
  let site: FixtureSite;
  let app: ReviewApp;
  let scheduler: SourceScheduler;
  let config: Config;
  beforeAll(async () => {
    await es.clean();
    site = await startFixtureSite();
    const base = reviewTestConfig(es.config, data.dataDir);
    config = {
      ...base,
      crawl: { ...base.crawl, maxRequestsPerMinute: 60_000, retryBackoffMillis: 20, maxRetries: 0 },
      sources: [
        { id: 'city-feed', name: '青禾日报', type: 'rss', startUrls: [`${site.origin}/news/rss.xml`] },
        { id: 'members-only', name: '<b>会员</b>论坛', type: 'rss', startUrls: [`${site.origin}/walls/members/feed.xml`] },
        { id: 'odd-dates', name: '老博客', type: 'rss', startUrls: [`${site.origin}/legacy/odd-dates.xml`] },
      ].map((source) => ({ enabled: true, schedule: '0 3 1 1 *', timeZone: 'Asia/Shanghai', weight: 1, tags: { labels: [] }, maxItemsPerRun: 500, refreshWindowHours: 24, ...source })) as Config['sources'],
    };
    await crawlSources(config, { logger: testLogger() });
    await createTestUsers(es.client, config, [{ username: 'boss', role: 'admin' }, { username: 'reader', role: 'analyst' }]);
    await ingestThroughPipeline(es.client, config, [rawPost({ n: 1, title: '无日期的帖子', publishedAt: undefined, publishedAtKnown: false, publishedAtIssue: 'unparseable', publishedAtText: '前几天' })]);
    scheduler = startSourceScheduler(config, { logger: testLogger(), catchUp: false });
    app = await startReviewApp({ client: es.client, config, logger: testLogger(), sources: sourceHealthProvider(config, testLogger(), scheduler) });
  });
  afterAll(async () => {
    await app?.close();
    await scheduler?.stop();
    await site.close();
    await es.clean();
    data.remove();
  });

  it('shows every source with its state, counts, reason and what to do, escaping crawled text, read only for analysts', async () => {
    const reader = await signIn(app.url, 'reader', testPassword);
    const api = await reader.send('GET', '/api/sources');
    const sources = (api.body as { sources: { id: string; status: string; advice?: string; lastRun?: { postsUndated: number } }[] }).sources;
    expect(sources.map((source) => [source.id, source.status])).toEqual([['city-feed', 'ok'], ['members-only', 'blocked'], ['odd-dates', 'degraded']]);
    expect(sources[1]!.advice).toContain('YUQING_COOKIES_MEMBERS_ONLY');
    expect(sources[2]!.lastRun?.postsUndated).toBe(2);
    const page = await reader.send('GET', '/sources');
    expect(page.status).toBe(200);
    expect(page.text).toContain('被拦截');
    expect(page.text).toContain('&lt;b&gt;会员&lt;/b&gt;论坛');
    expect(page.text).not.toContain('<b>会员</b>');
    expect(page.text).not.toContain('/api/sources/members-only/run');
    expect((await reader.send('POST', '/api/sources/members-only/run', { body: {} })).status).toBe(403);
  });

  it('lets an administrator run a source now and pause it, audited, the pause kept in the health record', async () => {
    const boss = await signIn(app.url, 'boss', testPassword);
    const page = await boss.send('GET', '/sources');
    expect(page.text).toContain('data-action="/api/sources/city-feed/run"');
    const before = (await readSourceHealth(config.storage.dataDir, 'city-feed')).lastRunAt;
    expect((await boss.send('POST', '/api/sources/city-feed/run', { body: {} })).body).toMatchObject({ ok: true });
    for (let waited = 0; (await readSourceHealth(config.storage.dataDir, 'city-feed')).lastRunAt === before && waited < 200; waited += 1) await sleep(50);
    expect((await readSourceHealth(config.storage.dataDir, 'city-feed')).lastRunAt).not.toBe(before);
    expect((await boss.send('POST', '/api/sources/odd-dates/pause', { body: {} })).status).toBe(200);
    expect(await readSourceHealth(config.storage.dataDir, 'odd-dates')).toMatchObject({ pausedBy: 'boss' });
    const listed = (await boss.send('GET', '/api/sources')).body as { sources: { id: string; status: string }[] };
    expect(listed.sources.find((source) => source.id === 'odd-dates')?.status).toBe('paused');
    expect((await boss.send('POST', '/api/sources/no-such-source/run', { body: {} })).status).toBe(404);
    await es.client.indices.refresh({ index: `${es.prefix}audit*` });
    const audit = await es.client.search({ index: `${es.prefix}audit`, query: { term: { targetType: 'source' } }, size: 10 });
    expect(audit.hits.hits.map((hit) => (hit._source as { action: string }).action).sort()).toEqual(['source.pause', 'source.run', 'source.run']);
  });

  it('shows 发布时间未知 for a post whose date is unknown, in the queue and on the post', async () => {
    const reader = await signIn(app.url, 'reader', testPassword);
    const queue = await reader.send('GET', '/queue?scope=all');
    expect(queue.text).toContain('发布时间未知');
    const posts = await es.client.search({ index: `${es.prefix}posts`, size: 1, query: { term: { publishedAtKnown: false } } });
    const post = await reader.send('GET', `/posts/${posts.hits.hits[0]!._id}`);
    expect(post.text).toContain('发布时间未知');
  });
});
