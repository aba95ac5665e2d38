// npm run bench:ingest — 50,000 posts built from real texts of ../shared/datasets through the whole pipeline
// (raw spool → normalise → redact → jieba/analysis → route → bulk) into a real node, against a bare
// helpers.bulk of the same prepared documents in the same process. Prints docs/s, the ratio and peak RSS.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { parseConfig } from '../config/load-config.ts';
import type { RawPost } from '../crawlers/raw-post.ts';
import { RawSpoolWriter } from '../crawlers/raw-spool-writer.ts';
import { createPostAnalyzer } from '../pipeline/analyze-post.ts';
import { ensurePostIndices } from '../pipeline/ensure-indices.ts';
import type { IndexOperation } from '../pipeline/index-operation.ts';
import { Pipeline } from '../pipeline/run-pipeline.ts';
import { benchElasticsearch } from './bench-elasticsearch.ts';
import { hasDatasets, readOnlineShopping, readWaimai10k, readWeibo2018, readWeiboSenti100k } from './eval-datasets.ts';
import { printTable } from './eval-metrics.ts';

const total = Number(process.env.BENCH_POSTS ?? 50_000);

if (!hasDatasets) {
  console.error('bench:ingest needs ../shared/datasets (real post texts); it is not present in this checkout.');
  process.exit(1);
}

const texts = [...readWeiboSenti100k('dev'), ...readWeiboSenti100k('test'), ...readWeibo2018('train'), ...readWaimai10k(), ...readOnlineShopping()]
  .map((row) => row.text).filter((text) => text.trim() !== '');
const crawledAt = new Date().toISOString();
const posts: RawPost[] = Array.from({ length: total }, (_, i) => ({
  sourceId: `bench-${i % 5}`,
  sourceType: 'rss',
  url: `https://bench.example.cn/post/${i}`,
  platformPostId: `b${i}`,
  title: texts[(i * 7) % texts.length]!.slice(0, 24),
  content: texts[i % texts.length]!,
  authorName: `用户${i % 997}`,
  publishedAt: new Date(Date.now() - (i % 86_400) * 60_000).toISOString(),
  crawledAt,
  engagement: { reposts: i % 50, comments: i % 120, likes: i % 300 },
}));

const es = await benchElasticsearch();
const logger = pino({ level: 'warn' });
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

async function dropIndices(prefix: string): Promise<void> {
  const indices = Object.keys(await es.client.indices.get({ index: `${prefix}*`, allow_no_indices: true }));
  if (indices.length) await es.client.indices.delete({ index: indices });
}

/** (a) The pipeline end to end, starting from the raw spool a crawler writes (written before the clock starts). */
async function runPipeline(prefix: string, batch: RawPost[]): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'yuqing-bench-ingest-'));
  const config = parseConfig({ storage: { dataDir }, elasticsearch: { url: es.url, indexPrefix: prefix } }, 'bench', {});
  const writer = new RawSpoolWriter(dataDir, 'bench');
  for (const post of batch) await writer.write(post);
  await writer.close();
  const names = await ensurePostIndices(es.client, config.elasticsearch);
  const pipeline = new Pipeline({ client: es.client, config, names, analyzer: createPostAnalyzer(config), logger, analysisWorkers: config.pipeline.analysisWorkers });
  const started = performance.now();
  const report = await pipeline.processRawSpool();
  const seconds = (performance.now() - started) / 1000;
  await pipeline.close();
  await es.client.indices.refresh({ index: names.posts });
  const stored = (await es.client.count({ index: names.posts })).count;
  if (stored !== batch.length || report.spooled > 0) throw new Error(`pipeline stored ${stored} of ${batch.length} posts (${report.spooled} spooled)`);
  return seconds;
}

/**
 * (b) A bare helpers.bulk of the same operations (posts plus the copy-count updates of their originals),
 * prepared by the pipeline's stages before the clock starts.
 */
async function runBareBulk(prefix: string, batch: RawPost[]): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'yuqing-bench-ingest-'));
  const config = parseConfig({ storage: { dataDir }, elasticsearch: { url: es.url, indexPrefix: prefix } }, 'bench', {});
  const names = await ensurePostIndices(es.client, config.elasticsearch);
  const preparer = new Pipeline({ client: es.client, config, names, analyzer: createPostAnalyzer(config), logger });
  const prepared: IndexOperation[] = [];
  async function* stream() {
    for (const post of batch) yield post;
  }
  for await (const operation of preparer.operations(stream())) prepared.push(operation);
  // Copy-count updates last: sent in one stream with concurrent requests, an update could overtake the post it
  // updates (the pipeline retries that case; a bare helpers.bulk does not).
  prepared.sort((a, b) => Number(a.upsert === undefined) - Number(b.upsert === undefined));
  const started = performance.now();
  const result = await es.client.helpers.bulk<IndexOperation>({
    datasource: prepared,
    onDocument: (operation) => [{ update: { _index: operation.index, _id: operation.id, retry_on_conflict: 5 } }, { doc: operation.doc, upsert: operation.upsert }] as never,
    flushBytes: config.elasticsearch.bulk.flushBytes,
    concurrency: config.elasticsearch.bulk.concurrency,
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.successful !== prepared.length) throw new Error(`bare bulk wrote ${result.successful} of ${prepared.length}`);
  return seconds;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

try {
  // Warm-up: JIT, jieba's dictionary, the node's caches. Not reported.
  const warmup = posts.slice(0, 5000);
  await runBareBulk('bench-warm-b-', warmup);
  await runPipeline('bench-warm-a-', warmup);
  await dropIndices('bench-warm-');

  const pipelineSeconds: number[] = [];
  const bareSeconds: number[] = [];
  // Interleaved rounds on fresh indices, so neither side always meets a busier node.
  for (let round = 1; round <= rounds; round += 1) {
    bareSeconds.push(await runBareBulk(`bench-b${round}-`, posts));
    await dropIndices(`bench-b${round}-`);
    pipelineSeconds.push(await runPipeline(`bench-a${round}-`, posts));
    await dropIndices(`bench-a${round}-`);
  }
  const pipelineRate = total / median(pipelineSeconds);
  const bareRate = total / median(bareSeconds);
  console.log(`\nbench:ingest — ${total.toLocaleString('en')} posts from ../shared/datasets, ${rounds} interleaved rounds after a warm-up, Elasticsearch ${es.url}\n`);
  printTable(['run', 'seconds per round', 'median docs/s'], [
    ['(a) pipeline end to end (raw spool → normalise → redact → analysis → route → bulk)', pipelineSeconds.map((s) => s.toFixed(1)).join(', '), pipelineRate.toFixed(0)],
    ['(b) bare helpers.bulk of the same prepared documents', bareSeconds.map((s) => s.toFixed(1)).join(', '), bareRate.toFixed(0)],
  ]);
  console.log();
  printTable(['measure', 'value', 'target'], [
    ['ratio a/b', (pipelineRate / bareRate).toFixed(2), '≥ 0.70'],
    ['peak RSS (MB, whole process incl. both prepared sets)', (process.resourceUsage().maxRSS / 1024).toFixed(0), ''],
  ]);
} finally {
  await es.close();
}
