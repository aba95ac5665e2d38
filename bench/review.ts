// npm run bench:review — the review queue API under load: 100,000 posts built from real texts of
// ../shared/datasets run through the real pipeline (analysis, risk, duplicates, events) into a real node, then
// 20 signed-in users hit GET /api/queue for 60 s with a realistic mix (first page, filters, Chinese phrase
// search, deep paging with search_after, status tabs). Prints requests/s, p50/p95/p99 and errors.
// BENCH_POSTS, BENCH_USERS, BENCH_SECONDS override the sizes; BENCH_REUSE=1 keeps an already indexed set.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { parseConfig } from '../config/load-config.ts';
import type { RawPost } from '../crawlers/raw-post.ts';
import { UserStore } from '../dashboards/review-app/auth/user-store.ts';
import { ensureReviewIndices } from '../dashboards/review-app/review-indices.ts';
import { startReviewApp } from '../dashboards/review-app/start-review-app.ts';
import { createPostAnalyzer } from '../pipeline/analyze-post.ts';
import { ensurePostIndices } from '../pipeline/ensure-indices.ts';
import { Pipeline } from '../pipeline/run-pipeline.ts';
import { benchElasticsearch } from './bench-elasticsearch.ts';
import { hasDatasets, readOnlineShopping, readWaimai10k, readWeibo2018, readWeiboSenti100k } from './eval-datasets.ts';
import { printTable } from './eval-metrics.ts';

const totalPosts = Number(process.env.BENCH_POSTS ?? 100_000);
const userCount = Number(process.env.BENCH_USERS ?? 20);
const durationSeconds = Number(process.env.BENCH_SECONDS ?? 60);
const prefix = 'bench-review-';
const password = 'bench-password-long-enough';

if (!hasDatasets) {
  console.error('bench:review needs ../shared/datasets (real post texts); it is not present in this checkout.');
  process.exit(1);
}

const texts = [...readWeiboSenti100k('dev'), ...readWeiboSenti100k('test'), ...readWeibo2018('train'), ...readWaimai10k(), ...readOnlineShopping()]
  .map((row) => row.text.trim()).filter((text) => text !== '');

function benchPosts(now: number): RawPost[] {
  const crawledAt = new Date(now).toISOString();
  return Array.from({ length: totalPosts }, (_, i) => ({
    sourceId: `bench-source-${i % 20}`, sourceType: 'rss', url: `https://bench.example.cn/post/${i}`, platformPostId: `r${i}`,
    title: texts[(i * 7) % texts.length]!.slice(0, 28), content: texts[i % texts.length]!, authorName: `用户${i % 997}`,
    // Spread over 60 days: two or three monthly indices behind the alias, as in production.
    publishedAt: new Date(now - (i % 86_400) * 60_000).toISOString(), crawledAt,
    engagement: { reposts: (i * 13) % 500, comments: (i * 7) % 900, likes: (i * 31) % 3000 },
  }));
}

/** Words to search for, taken from the texts themselves (two to four characters), as a reviewer would type them. */
function searchPhrases(): string[] {
  const phrases: string[] = [];
  for (let i = 0; phrases.length < 200; i += 97) {
    const text = [...texts[i % texts.length]!.replace(/[\s\p{P}\p{S}a-zA-Z0-9]/gu, '')];
    if (text.length < 6) continue;
    const start = i % (text.length - 4);
    phrases.push(text.slice(start, start + 2 + (i % 3)).join(''));
  }
  return phrases;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const es = await benchElasticsearch();
const logger = pino({ level: 'warn' });
try {
  const dataDir = mkdtempSync(join(tmpdir(), 'yuqing-bench-review-'));
  const config = parseConfig({
    storage: { dataDir }, elasticsearch: { url: es.url, indexPrefix: prefix },
    review: { port: 0, passwordHashCost: 1024, loginRateLimit: { maxAttempts: 1000 } },
  }, 'bench', {});
  const names = await ensurePostIndices(es.client, config.elasticsearch);
  const existing = await es.client.count({ index: names.posts, ignore_unavailable: true, allow_no_indices: true });
  if (process.env.BENCH_REUSE === '1' && existing.count >= totalPosts) {
    console.error(`reusing ${existing.count.toLocaleString('en')} indexed posts under ${prefix}`);
  } else {
    const indices = Object.keys(await es.client.indices.get({ index: `${prefix}*`, allow_no_indices: true }));
    if (indices.length) await es.client.indices.delete({ index: indices });
    await ensurePostIndices(es.client, config.elasticsearch);
    const started = performance.now();
    const pipeline = new Pipeline({ client: es.client, config, names, analyzer: createPostAnalyzer(config), logger });
    async function* stream() {
      yield* benchPosts(Date.now());
    }
    const report = await pipeline.ingest(stream());
    console.error(`indexed ${report.postsCreated.toLocaleString('en')} posts through the pipeline in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    await es.client.indices.refresh({ index: names.posts });
  }
  const { count } = await es.client.count({ index: names.posts });

  const reviewNames = await ensureReviewIndices(es.client, config);
  const users = new UserStore(es.client, reviewNames.users, { passwordMinLength: 12, passwordHashCost: 1024 });
  for (let i = 0; i < userCount; i += 1) await users.create({ username: `bench-user-${i}`, role: 'commentator', password, createdBy: 'bench' }).catch(() => undefined);
  const app = await startReviewApp({ client: es.client, config, logger });
  const cookies: string[] = [];
  for (let i = 0; i < userCount; i += 1) {
    const response = await fetch(`${app.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `bench-user-${i}`, password }) });
    cookies.push(response.headers.getSetCookie().map((line) => line.split(';')[0]).join('; '));
  }

  const phrases = searchPhrases();
  const facets = (await es.client.search({ index: names.posts, size: 0, aggs: { categories: { terms: { field: 'risk.categories', size: 20 } }, sources: { terms: { field: 'sourceId', size: 20 } } } })).aggregations as Record<string, { buckets: { key: string }[] }>;
  const categories = facets.categories!.buckets.map((bucket) => bucket.key);
  const sources = facets.sources!.buckets.map((bucket) => bucket.key);
  const pick = <T>(values: T[], i: number) => values[i % values.length]!;
  type Kind = 'first page' | 'filtered' | 'phrase search' | 'deep paging' | 'status tab';
  const kinds: [Kind, number][] = [['first page', 30], ['filtered', 20], ['phrase search', 20], ['deep paging', 20], ['status tab', 10]];
  const latencies = new Map<Kind, number[]>(kinds.map(([kind]) => [kind, []]));
  let errors = 0;
  let deepestPage = 0;
  const errorSamples: string[] = [];

  async function call(cookie: string, query: string): Promise<{ nextCursor?: string | null }> {
    const response = await fetch(`${app.url}/api/queue?${query}`, { headers: { cookie } });
    const body = await response.json() as { nextCursor?: string | null };
    if (response.status !== 200) throw new Error(`HTTP ${response.status} ${JSON.stringify(body).slice(0, 200)}`);
    return body;
  }

  // Warm-up, not measured: JIT, caches, first searches of each index.
  for (let i = 0; i < 50; i += 1) await call(cookies[0]!, `q=${encodeURIComponent(pick(phrases, i))}`);

  const deadline = performance.now() + durationSeconds * 1000;
  const started = performance.now();
  await Promise.all(cookies.map(async (cookie, worker) => {
    let cursor: string | undefined;
    let depth = 1;
    for (let i = worker * 7919; performance.now() < deadline; i += 1) {
      const roll = (i * 37) % 100;
      let cumulative = 0;
      const kind = kinds.find(([, weight]) => (cumulative += weight) > roll)![0];
      const query = kind === 'first page' ? ''
        : kind === 'filtered' ? new URLSearchParams({ category: pick(categories, i), source: pick(sources, i * 3), ...(i % 2 ? { sentiment: 'negative' } : { level: 'high' }) }).toString()
          : kind === 'phrase search' ? `scope=all&q=${encodeURIComponent(pick(phrases, i))}`
            : kind === 'deep paging' ? `scope=all${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
              : `status=${pick(['new', 'in_progress', 'dismissed'], i)}`;
      const begin = performance.now();
      try {
        const body = await call(cookie, query);
        latencies.get(kind)!.push(performance.now() - begin);
        // Deep paging follows the cursor page after page, like someone working through the whole queue.
        if (kind === 'deep paging') {
          cursor = body.nextCursor ?? undefined;
          depth = cursor ? depth + 1 : 1;
          deepestPage = Math.max(deepestPage, depth);
        }
      } catch (error) {
        errors += 1;
        if (errorSamples.length < 5) errorSamples.push(String(error));
      }
    }
  }));
  const elapsedSeconds = (performance.now() - started) / 1000;
  await app.close();

  const all = [...latencies.values()].flat().sort((a, b) => a - b);
  const row = (label: string, values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return [label, sorted.length, (sorted.length / elapsedSeconds).toFixed(1), percentile(sorted, 50).toFixed(1), percentile(sorted, 95).toFixed(1), percentile(sorted, 99).toFixed(1), (sorted.at(-1) ?? 0).toFixed(1)];
  };
  console.log(`\nbench:review — GET /api/queue, ${count.toLocaleString('en')} posts (real texts through the pipeline), ${userCount} concurrent signed-in users for ${durationSeconds} s, Elasticsearch ${es.url}\n`);
  printTable(['requests', 'count', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'], [...kinds.map(([kind]) => row(kind, latencies.get(kind)!)), row('all', all)]);
  console.log();
  printTable(['measure', 'value', 'target'], [
    ['p95 of all requests (ms)', percentile(all, 95).toFixed(1), '< 200'],
    ['errors', errors, '0'],
    ['deepest queue page reached with search_after (50 posts a page)', deepestPage, ''],
  ]);
  if (errorSamples.length) console.log(`\nerror samples:\n${errorSamples.join('\n')}`);
} finally {
  await es.close();
}
