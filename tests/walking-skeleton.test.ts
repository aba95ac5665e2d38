import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startYuqing, type YuqingService } from '../bin/yuqing-service.ts';
import { defaultConfigPath } from '../config/load-config.ts';
import type { CrawlRunReport } from '../crawlers/crawl-run-report.ts';
import { startDemoSite, type DemoSite } from '../demo/demo-site.ts';
import type { PostDocument } from '../pipeline/post-document.ts';
import { testElasticsearch } from './support/test-elasticsearch.ts';
import { testLogger } from './support/test-logger.ts';

const es = testElasticsearch(import.meta.url);

describe('the walking skeleton: the bundled demo, crawled and indexed end to end', () => {
  let demo: DemoSite;
  let service: YuqingService | undefined;
  const runs: CrawlRunReport[] = [];
  let banner = '';

  beforeAll(async () => {
    await es.clean();
    demo = await startDemoSite({ port: 0, newPostEveryMinutes: 0 });
    // The bundled config, pointed at this demo instance, the test node and a fresh data folder.
    const bundled = parse(readFileSync(defaultConfigPath, 'utf8')) as { sources: { startUrls: string[] }[] };
    const sources = bundled.sources.map((source) => ({ ...source, startUrls: source.startUrls.map((url) => url.replace('http://127.0.0.1:8790', demo.url)) }));
    const config = es.config({
      ...bundled, sources, demo: { enabled: false },
      storage: { dataDir: mkdtempSync(join(tmpdir(), 'yuqing-skeleton-')) },
      crawl: { maxRequestsPerMinute: 600 },
      review: { port: 0 },
    } as never);
    const allRan = new Promise<void>((resolve) => {
      void startYuqing(config, testLogger(), {
        crawlAtStart: true,
        write: (text) => { banner += text; },
        onCycle: (_report, run) => {
          if (run) runs.push(run);
          if (new Set(runs.map((r) => r.sourceId)).size === config.sources.length) resolve();
        },
      }).then((started) => { service = started; });
    });
    await allRan;
  }, 240_000);

  afterAll(async () => {
    await service?.stop();
    await demo?.close();
    await es.clean();
  });

  it('crawls the RSS feed, the HTML news portal and the JavaScript-rendered feed without errors', () => {
    expect(runs.map((run) => [run.sourceId, run.sourceType, run.status]).sort()).toEqual([
      ['demo-hotline', 'rss', 'ok'], ['demo-news', 'html', 'ok'], ['demo-weibo', 'browser', 'ok'],
    ]);
    for (const run of runs) expect(run.postsWritten, run.sourceId).toBeGreaterThan(5);
  });

  it('stores every crawled post segmented, scored and searchable by a Chinese phrase', async () => {
    await es.client.indices.refresh({ index: `${es.prefix}posts` });
    const total = (await es.client.count({ index: `${es.prefix}posts` })).count;
    expect(total).toBe(runs.reduce((sum, run) => sum + run.postsWritten, 0));
    const found = await es.client.search<PostDocument>({ index: `${es.prefix}posts`, query: { match_phrase: { content: '路面突然塌陷' } } });
    const post = found.hits.hits[0]!._source!;
    expect(post).toMatchObject({ sourceId: 'demo-news', sourceType: 'html', title: '南港新区一路段突发塌陷，暂无人员伤亡' });
    expect(post.tokens).toEqual(expect.arrayContaining(['塌陷', '南港']));
    expect(post.risk?.ruleIds.length).toBeGreaterThan(0);
    expect(post.sentiment?.label).toBe('negative');
    expect(post.eventId).toBeDefined();
  });

  it('serves the review app and creates the first administrator, printing the password once', async () => {
    expect(service?.reviewUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(banner).toContain(`Review app (研判工作台): ${service!.reviewUrl}`);
    expect(banner).toMatch(/user name: admin[\s\S]*password: {2}\S{12,}/);
    const page = await fetch(`${service!.reviewUrl}/login`);
    expect(page.status).toBe(200);
  });

  it('redacts the phone number in the hotline complaint and keeps the traditional original of the visitor\'s post', async () => {
    const hotline = await es.client.search<PostDocument>({ index: `${es.prefix}posts`, query: { match_phrase: { content: '锦绣花园3栋' } } });
    expect(hotline.hits.hits[0]!._source!.content).toContain('联系电话[手机号]');
    const visitor = await es.client.search<PostDocument>({ index: `${es.prefix}posts`, query: { match_phrase: { content: '第一次来青禾旅游' } } });
    expect(visitor.hits.hits[0]!._source!).toMatchObject({ sourceType: 'browser', contentOriginal: expect.stringContaining('第一次來青禾旅遊') });
  });
});
