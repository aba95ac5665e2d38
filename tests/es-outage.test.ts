import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load-config.ts';
import { elasticsearchSchema } from '../config/elasticsearch-schema.ts';
import { createEsClient } from '../pipeline/es-client.ts';
import { ensurePostIndices } from '../pipeline/ensure-indices.ts';
import { EsSpool } from '../pipeline/es-spool.ts';
import { LocalNode } from '../pipeline/local-es/local-node.ts';
import { postId } from '../pipeline/post-id.ts';
import { Pipeline } from '../pipeline/run-pipeline.ts';
import { rawPost } from './support/raw-post-factory.ts';
import { noAnalysis } from './support/no-analysis.ts';
import { testLogger } from './support/test-logger.ts';

// This file needs a node it may stop, so it runs its own instead of the shared test node.
const node = new LocalNode({ name: `outage-test-${process.pid}`, version: elasticsearchSchema.parse({}).local.version, httpPort: 0, fresh: true });
const total = 20_000;

describe('an Elasticsearch outage in the middle of an ingest', () => {
  beforeAll(async () => {
    await node.start();
  });
  afterAll(async () => {
    await node.destroy();
  });

  it('loses no post and stores each exactly once after the node comes back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'yuqing-outage-'));
    const config = parseConfig({
      storage: { dataDir },
      // Small requests and few client retries, so the outage hits many requests in flight and is noticed fast.
      elasticsearch: { url: node.url, indexPrefix: 'outage-', maxRetries: 1, requestTimeoutSeconds: 10, bulk: { flushBytes: 100_000 } },
    }, 'test', {});
    const client = createEsClient(config.elasticsearch, node.url);
    const names = await ensurePostIndices(client, config.elasticsearch);
    let written = 0;
    let stopping: Promise<boolean> | undefined;
    const pipeline = new Pipeline({
      client, config, names, analyzer: noAnalysis, logger: testLogger(),
      onPostWritten: () => {
        written += 1;
        // Stop the real node once a quarter of the posts are in: the rest meets a dead node.
        if (written === total / 4) stopping = node.stop();
      },
    });
    const posts = Array.from({ length: total }, (_, i) => rawPost({
      n: i, platformPostId: `p${i}`, content: `第${i}条：东湖区居民反映供暖温度偏低，已多次拨打热线，希望尽快处理。`,
    }));
    async function* crawled() {
      for (const post of posts) yield post;
    }
    const report = await pipeline.ingest(crawled());
    await stopping;
    expect(stopping).toBeDefined();
    expect(report.spooled).toBeGreaterThan(0);
    expect(report.written + report.spooled).toBeGreaterThanOrEqual(total);
    expect(new EsSpool(dataDir).isEmpty()).toBe(false);

    await node.start();
    const back = createEsClient(config.elasticsearch, node.url);
    const replaying = new Pipeline({ client: back, config, names, analyzer: noAnalysis, logger: testLogger() });
    expect(await replaying.replaySpool()).toBe(true);

    await back.indices.refresh({ index: names.posts });
    expect((await back.count({ index: names.posts })).count).toBe(total);
    const stored: string[] = [];
    let after: (string | number)[] | undefined;
    for (;;) {
      const page = await back.search({ index: names.posts, size: 10_000, _source: false, sort: [{ postId: 'asc' }], ...(after ? { search_after: after } : {}) });
      if (page.hits.hits.length === 0) break;
      stored.push(...page.hits.hits.map((hit) => hit._id!));
      after = page.hits.hits.at(-1)!.sort as (string | number)[];
    }
    expect(stored).toHaveLength(total);
    expect(new Set(stored)).toEqual(new Set(posts.map((post) => postId(post.sourceId, post))));
    await back.close();
  }, 600_000);
});
