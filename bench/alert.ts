// npm run bench:alert — latency from publication to alert through the whole product: a fixture news portal
// on 127.0.0.1, its RSS feed crawled on a 1-minute schedule by the real scheduler, the pipeline (rule engine,
// events, spikes) into a real Elasticsearch, and the alert dispatcher after every cycle posting to a local
// JSON webhook. Twenty distinct high-risk articles are published at random moments; the table reports the
// median and maximum latency against the target (schedule interval + 15 s).
//
// Knobs: BENCH_ALERT_POSTS (20), BENCH_ALERT_MINUTES (window in which they are published, 10),
// BENCH_ALERT_SCHEDULE (cron of the crawl, "* * * * *"), BENCH_ALERT_INTERVAL_SECONDS (its interval, 60),
// ES_URL (an existing node; otherwise a fresh local one).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { startYuqing } from '../bin/yuqing-service.ts';
import { parseConfig } from '../config/load-config.ts';
import { startWebhookReceiver } from '../tests/support/chat-robot-receivers.ts';
import { startFixtureSite } from '../tests/support/fixture-sites/fixture-site.ts';
import { fixtureSources } from '../tests/support/fixture-sites/fixture-sources.ts';
import { highRiskArticles, publishArticle } from '../tests/support/high-risk-articles.ts';
import { benchElasticsearch } from './bench-elasticsearch.ts';
import { printTable } from './eval-metrics.ts';

const postCount = Math.min(highRiskArticles.length, Number(process.env.BENCH_ALERT_POSTS ?? 20));
const windowMillis = Number(process.env.BENCH_ALERT_MINUTES ?? 10) * 60_000;
const schedule = process.env.BENCH_ALERT_SCHEDULE ?? '* * * * *';
const intervalSeconds = Number(process.env.BENCH_ALERT_INTERVAL_SECONDS ?? 60);
const targetSeconds = intervalSeconds + 15;

const es = await benchElasticsearch();
const prefix = `bench-alert-${Date.now()}-`;
const site = await startFixtureSite({ newsArticles: 3, forumThreads: 0, weiboPosts: 0, apiPosts: 0 });
const webhook = await startWebhookReceiver('bench-secret');
const logger = pino({ level: process.env.BENCH_LOG_LEVEL ?? 'warn' });
const config = parseConfig({
  elasticsearch: { url: es.url, indexPrefix: prefix },
  storage: { dataDir: mkdtempSync(join(tmpdir(), 'yuqing-bench-alert-')) },
  crawl: { maxRequestsPerMinute: 6000 },
  sources: [{ ...fixtureSources(site.origin).newsRss, schedule }],
  delivery: { webhook: { url: `${webhook.url}/alerts`, secret: 'bench-secret' } },
  // Every article must alert, even where two of them share enough words to form one event: the bench measures
  // the path to the alert, not the cool-down.
  alerts: { defaultChannels: ['webhook'], cooldownMinutes: 0 },
  review: { enabled: false },
  digest: { enabled: false },
}, 'bench:alert', {});
// startYuqing is `yuqing start`: its alert dispatcher checks after every pipeline cycle.
const service = await startYuqing(config, logger, { crawlAtStart: true });

/** When each article's alert first arrived (its title in a webhook body). */
const arrivals = new Map<string, number>();
const scan = setInterval(() => {
  for (const request of webhook.requests) {
    const body = JSON.parse(request.body.toString()) as { items: { heading: string }[] };
    for (const item of body.items) if (!arrivals.has(item.heading)) arrivals.set(item.heading, request.receivedAtMillis);
  }
}, 200);

const started = Date.now();
const moments = Array.from({ length: postCount }, () => Math.random() * windowMillis).sort((a, b) => a - b);
const published: { title: string; atMillis: number }[] = [];
console.error(`bench:alert: publishing ${postCount} high-risk articles at random moments over ${windowMillis / 60_000} min; crawl schedule "${schedule}"`);
await Promise.all(moments.map((offset, index) => new Promise<void>((resolve) => setTimeout(() => {
  const article = highRiskArticles[index]!;
  publishArticle(site.content, article, String(80_000 + index));
  published.push({ title: article.title, atMillis: Date.now() });
  resolve();
}, offset))));

const deadline = Date.now() + (intervalSeconds + 120) * 1000;
while (Date.now() < deadline && published.some((post) => !arrivals.has(post.title))) await new Promise((resolve) => setTimeout(resolve, 500));
clearInterval(scan);

const rows = published.map((post) => {
  const arrival = arrivals.get(post.title);
  return { ...post, latencySeconds: arrival === undefined ? undefined : (arrival - post.atMillis) / 1000 };
});
const latencies = rows.map((row) => row.latencySeconds).filter((value): value is number => value !== undefined).sort((a, b) => a - b);
const median = latencies.length === 0 ? NaN : latencies.length % 2 ? latencies[(latencies.length - 1) / 2]! : (latencies[latencies.length / 2 - 1]! + latencies[latencies.length / 2]!) / 2;
const max = latencies.at(-1) ?? NaN;

console.log('\nPer article (seconds from publication on the site to the alert at the webhook)');
printTable(['#', 'published at (s)', 'latency (s)', 'title'], rows.map((row, index) => [
  index + 1, ((row.atMillis - started) / 1000).toFixed(0), row.latencySeconds === undefined ? 'MISSED' : row.latencySeconds.toFixed(1), row.title,
]));
console.log('\nbench:alert — crawl → pipeline → alert');
printTable(['articles', 'alerted', 'crawl interval (s)', 'median (s)', 'max (s)', 'target max (s)', 'met'], [[
  postCount, latencies.length, intervalSeconds, median.toFixed(1), max.toFixed(1), targetSeconds, latencies.length === postCount && max <= targetSeconds ? 'yes' : 'no',
]]);

await service.stop();
await webhook.close();
await site.close();
const indices = Object.keys(await es.client.indices.get({ index: `${prefix}*`, allow_no_indices: true }));
if (indices.length > 0) await es.client.indices.delete({ index: indices });
const templates = await es.client.indices.getIndexTemplate({ name: `${prefix}*` }).catch(() => ({ index_templates: [] }));
for (const { name } of templates.index_templates) await es.client.indices.deleteIndexTemplate({ name });
await es.close();
