import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startYuqing, type YuqingService } from '../bin/yuqing-service.ts';
import type { PostDocument } from '../pipeline/post-document.ts';
import { startWebhookReceiver } from './support/chat-robot-receivers.ts';
import { startFixtureSite, type FixtureSite } from './support/fixture-sites/fixture-site.ts';
import { fixtureSources } from './support/fixture-sites/fixture-sources.ts';
import { highRiskArticles, publishArticle } from './support/high-risk-articles.ts';
import type { RecordingHttpServer } from './support/recording-http-server.ts';
import { testElasticsearch } from './support/test-elasticsearch.ts';
import { testLogger } from './support/test-logger.ts';

const es = testElasticsearch(import.meta.url);

type AlertBody = { items: { heading: string; url?: string; data: { level?: string; type: string } }[] };

describe('alerts end to end: fixture site → crawl → pipeline → alert', () => {
  let site: FixtureSite;
  let webhook: RecordingHttpServer;
  let service: YuqingService | undefined;
  /** Per pipeline cycle: posts it created, and how many webhook requests had arrived once its alert check finished. */
  const cycles: { created: number; requestsAfterCheck: number }[] = [];

  beforeAll(async () => {
    await es.clean();
    site = await startFixtureSite({ newsArticles: 3, forumThreads: 0, weiboPosts: 0, apiPosts: 0 });
    webhook = await startWebhookReceiver('e2e-secret');
    const config = es.config({
      storage: { dataDir: mkdtempSync(join(tmpdir(), 'yuqing-alert-e2e-')) },
      crawl: { maxRequestsPerMinute: 6000 },
      // The RSS feed of the fixture news portal, crawled every 5 seconds.
      sources: [{ ...fixtureSources(site.origin).newsRss, schedule: '*/5 * * * * *' }],
      delivery: { webhook: { url: `${webhook.url}/alerts`, secret: 'e2e-secret' } },
      alerts: { defaultChannels: ['webhook'] },
      review: { enabled: false },
      digest: { enabled: false },
    });
    const firstCrawl = new Promise<void>((resolve) => {
      void startYuqing(config, testLogger(), {
        crawlAtStart: true,
        // startYuqing runs the alert check of each cycle before this callback.
        onCycle: (report, run) => {
          cycles.push({ created: report.postsCreated, requestsAfterCheck: webhook.requests.length });
          if (run) resolve();
        },
      }).then((started) => { service = started; });
    });
    await firstCrawl;
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
    await webhook?.close();
    await site?.close();
    await es.clean();
  });

  it('delivers an alert about a high-risk post published on the site within the next crawl and pipeline cycle', async () => {
    const article = highRiskArticles[0]!;
    const requestsBefore = webhook.requests.length;
    const cyclesBefore = cycles.length;
    const published = publishArticle(site.content, article, '90001');
    const publishedAtMillis = Date.now();

    const alerted = async () => webhook.requests.slice(requestsBefore).flatMap((request) => (JSON.parse(request.body.toString()) as AlertBody).items)
      .find((item) => item.heading === article.title);
    await expect.poll(alerted, { timeout: 60_000, interval: 100 }).toBeDefined();
    const arrival = webhook.requests.slice(requestsBefore).find((request) => request.body.toString().includes(article.title))!;
    const item = (await alerted())!;

    expect(item.url).toBe(`${site.origin}/news/2026/${published.id}.html`);
    expect(['high', 'critical']).toContain(item.data.level);
    // The alert went out at the end of the very cycle that indexed the post, not one cycle later.
    const arrivalIndex = webhook.requests.indexOf(arrival);
    await expect.poll(() => cycles.some((cycle) => cycle.requestsAfterCheck > arrivalIndex), { timeout: 30_000 }).toBe(true);
    const alertCycle = cycles.findIndex((cycle, index) => index >= cyclesBefore && cycle.requestsAfterCheck > arrivalIndex);
    const indexingCycle = cycles.findIndex((cycle, index) => index >= cyclesBefore && cycle.created > 0);
    expect(alertCycle).toBeGreaterThanOrEqual(cyclesBefore);
    expect(alertCycle).toBe(indexingCycle);
    await es.client.indices.refresh({ index: `${es.prefix}posts` });
    const stored = (await es.client.search<PostDocument>({ index: `${es.prefix}posts`, query: { term: { url: item.url! } } })).hits.hits[0]!._source!;
    expect(stored.risk!.levelRank).toBeGreaterThanOrEqual(3);
    // Measured, not asserted (timings belong to bench:alert).
    console.log(`publication → alert: ${((arrival.receivedAtMillis - publishedAtMillis) / 1000).toFixed(1)} s (crawl schedule 5 s)`);
  });
});
