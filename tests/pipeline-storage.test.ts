import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../config/config-schema.ts';
import { rawSpoolDir } from '../crawlers/raw-post.ts';
import { createPostAnalyzer } from '../pipeline/analyze-post.ts';
import { bulkIndex } from '../pipeline/bulk-index.ts';
import { DeadLetterFile } from '../pipeline/dead-letter.ts';
import { createEsClient } from '../pipeline/es-client.ts';
import { ensurePostIndices } from '../pipeline/ensure-indices.ts';
import { EsSpool } from '../pipeline/es-spool.ts';
import type { EngagementSnapshot, PostDocument } from '../pipeline/post-document.ts';
import { postId } from '../pipeline/post-id.ts';
import { Pipeline } from '../pipeline/run-pipeline.ts';
import { rawPost, streamOf } from './support/raw-post-factory.ts';
import { testElasticsearch } from './support/test-elasticsearch.ts';
import { testLogger } from './support/test-logger.ts';

const es = testElasticsearch(import.meta.url);

function configIn(dataDir: string): Config {
  return es.config({ storage: { dataDir } });
}

async function pipelineFor(config: Config, client = es.client): Promise<Pipeline> {
  const names = await ensurePostIndices(es.client, config.elasticsearch);
  return new Pipeline({ client, config, names, analyzer: createPostAnalyzer(config), logger: testLogger() });
}

async function storedPosts(): Promise<{ _id: string; _index: string; _source: PostDocument }[]> {
  await es.client.indices.refresh({ index: `${es.prefix}posts` });
  const response = await es.client.search<PostDocument>({ index: `${es.prefix}posts`, size: 1000, sort: ['postId'] });
  return response.hits.hits.map((hit) => ({ _id: hit._id!, _index: hit._index, _source: hit._source! }));
}

describe('storing posts', () => {
  beforeAll(() => es.clean());
  afterAll(() => es.clean());

  it('indexes posts into monthly indices behind one alias, found by a Chinese substring search', async () => {
    const config = configIn(mkdtempSync(join(tmpdir(), 'yuqing-store-')));
    const pipeline = await pipelineFor(config);
    const report = await pipeline.ingest(streamOf([1, 2, 3].map((n) => rawPost({ n }))));
    expect(report).toMatchObject({ postsCreated: 3, postsUpdated: 0, spooled: 0, rejected: 0 });
    const posts = await storedPosts();
    expect(posts.map((post) => post._index)).toEqual(Array(3).fill(`${es.prefix}posts-2026.11`));
    const phrase = await es.client.search({ index: `${es.prefix}posts`, query: { match_phrase: { content: '温度偏' } } });
    expect((phrase.hits.total as { value: number }).value).toBe(3);
    expect(posts[0]!._source.review).toEqual({ status: 'new', revision: 0 });
  });

  it('keeps a reviewer\'s work when the same post is crawled again, even with another publication month', async () => {
    await es.clean();
    const config = configIn(mkdtempSync(join(tmpdir(), 'yuqing-store-')));
    const pipeline = await pipelineFor(config);
    const first = rawPost({ n: 7, platformPostId: 'p-7' });
    await pipeline.ingest(streamOf([first]));
    const [stored] = await storedPosts();
    const review = { status: 'dismissed', revision: 1, assignee: 'reviewer-a', updatedAt: '2026-11-26T03:00:00.000Z', updatedBy: 'reviewer-a' };
    await es.client.update({ index: stored!._index, id: stored!._id, doc: { review }, refresh: true });

    const recrawl = { ...first, publishedAt: '2026-10-31T23:59:00.000Z', crawledAt: '2026-11-26T05:00:00.000Z', engagement: { reposts: 50, comments: 80, likes: 120 } };
    await pipeline.ingest(streamOf([recrawl]));
    const posts = await storedPosts();
    expect(posts).toHaveLength(1);
    expect(posts[0]!._index).toBe(`${es.prefix}posts-2026.11`);
    expect(posts[0]!._source.review).toEqual(review);
    expect(posts[0]!._source.engagement).toEqual({ reposts: 50, comments: 80, likes: 120 });
    expect(posts[0]!._source.firstSeenAt).toBe(first.crawledAt);
    expect(posts[0]!._source.lastSeenAt).toBe(recrawl.crawledAt);

    // Each crawl's counts are kept as engagement history.
    await es.client.indices.refresh({ index: `${es.prefix}engagement` });
    const history = await es.client.search<EngagementSnapshot>({ index: `${es.prefix}engagement`, sort: [{ at: 'asc' }], query: { term: { postId: stored!._id } } });
    expect(history.hits.hits.map((hit) => [hit._source!.at, hit._source!.total])).toEqual([[first.crawledAt, 6], [recrawl.crawledAt, 250]]);
  });

  it('redacts personal identifiers and keeps traditional originals beside the simplified text', async () => {
    await es.clean();
    const config = configIn(mkdtempSync(join(tmpdir(), 'yuqing-store-')));
    const pipeline = await pipelineFor(config);
    await pipeline.ingest(streamOf([rawPost({
      n: 9,
      title: '市民反映供暖問題',
      content: '聯繫電話13812345678，郵箱 someone@example.com，身份證110105199003071234。',
    })]));
    const [post] = await storedPosts();
    expect(post!._source.title).toBe('市民反映供暖问题');
    expect(post!._source.titleOriginal).toBe('市民反映供暖問題');
    expect(post!._source.content).toBe('联系电话[手机号]，邮箱 [邮箱]，身份证[身份证号]。');
    expect(post!._source.contentOriginal).toBe('聯繫電話[手机号]，郵箱 [邮箱]，身份證[身份证号]。');
    expect(post!._source.piiRedactions).toBe(3);
  });

  it('stores the same analysed documents whether the analysis runs in worker threads or on the main thread', async () => {
    await es.clean();
    const config = configIn(mkdtempSync(join(tmpdir(), 'yuqing-store-')));
    const names = await ensurePostIndices(es.client, config.elasticsearch);
    const posts = [
      rawPost({ n: 1, content: '小区供暖温度不达标，多次投诉没人管，太气人了！联系电话13912345678' }),
      rawPost({ n: 2, title: '點讚', content: '政務服務中心辦事效率很高，工作人員非常熱情[赞]' }),
    ];
    const inWorkers = new Pipeline({ client: es.client, config, names, analyzer: createPostAnalyzer(config), logger: testLogger(), analysisWorkers: 2 });
    const onMainThread = new Pipeline({ client: es.client, config, names, analyzer: createPostAnalyzer(config), logger: testLogger() });
    const collect = async (pipeline: Pipeline) => {
      const prepared = [];
      for await (const post of pipeline.preparedPosts(streamOf(posts))) prepared.push(post.document);
      return prepared;
    };
    const [fromWorkers, fromMain] = [await collect(inWorkers), await collect(onMainThread)];
    await inWorkers.close();
    expect(fromWorkers).toEqual(fromMain);
    expect(fromWorkers[0]).toMatchObject({ content: expect.stringContaining('[手机号]'), sentiment: { label: 'negative' } });
    expect(fromWorkers[1]).toMatchObject({ title: '点赞', titleOriginal: '點讚', sentiment: { label: 'positive' } });
  });

  it('puts malformed raw posts in the dead-letter file with the reason and processes the rest', async () => {
    await es.clean();
    const dataDir = mkdtempSync(join(tmpdir(), 'yuqing-store-'));
    const config = configIn(dataDir);
    const pipeline = await pipelineFor(config);
    mkdirSync(rawSpoolDir(dataDir), { recursive: true });
    const lines = [
      JSON.stringify(rawPost({ n: 1 })),
      '{"sourceId": "broken", "url": ',
      JSON.stringify({ ...rawPost({ n: 2 }), url: 'not a url' }),
      JSON.stringify({ ...rawPost({ n: 3 }), content: '', title: undefined }),
      JSON.stringify(rawPost({ n: 4 })),
    ];
    writeFileSync(join(rawSpoolDir(dataDir), '2026-11-26T02-00-00-000Z-test-source-abc123.ndjson'), `${lines.join('\n')}\n`);
    const report = await pipeline.processRawSpool();
    expect(report).toMatchObject({ segments: 1, read: 2, invalid: 3, postsCreated: 2 });
    const deadLetters = readdirSync(join(dataDir, 'dead-letter')).flatMap((file) =>
      readFileSync(join(dataDir, 'dead-letter', file), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { reason: string; origin: string }));
    expect(deadLetters.map((entry) => entry.origin)).toEqual([expect.stringMatching(/:2$/), expect.stringMatching(/:3$/), expect.stringMatching(/:4$/)]);
    expect(deadLetters[0]!.reason).toMatch(/not JSON/);
    expect(deadLetters[1]!.reason).toMatch(/^url:/);
    expect(deadLetters[2]!.reason).toMatch(/non-empty content or title/);
    expect(readdirSync(rawSpoolDir(dataDir)).filter((name) => name.endsWith('.ndjson'))).toEqual([]);
  });

  it('dead-letters documents Elasticsearch refuses, with its reason', async () => {
    await es.clean();
    const dataDir = mkdtempSync(join(tmpdir(), 'yuqing-store-'));
    const config = configIn(dataDir);
    const names = await ensurePostIndices(es.client, config.elasticsearch);
    const deadLetter = new DeadLetterFile(dataDir);
    const stats = await bulkIndex(es.client, streamOf([
      { index: names.postsIndexFor('2026-11-01'), id: 'good', doc: { postId: 'good', content: '正常' }, upsert: { postId: 'good', content: '正常' } },
      { index: names.postsIndexFor('2026-11-01'), id: 'bad', doc: { postId: 'bad', noSuchField: 1 }, upsert: { postId: 'bad', noSuchField: 1 } },
    ]), { ...config.elasticsearch.bulk, deadLetter });
    expect(stats).toMatchObject({ written: 1, rejected: 1 });
    const [line] = readFileSync(join(deadLetter.dir, readdirSync(deadLetter.dir)[0]!), 'utf8').trim().split('\n');
    expect(JSON.parse(line!).reason).toMatch(/strict_dynamic_mapping_exception/);
  });

  it('spools every post while Elasticsearch is unreachable and replays them exactly once when it answers', async () => {
    await es.clean();
    const dataDir = mkdtempSync(join(tmpdir(), 'yuqing-store-'));
    const config = configIn(dataDir);
    const unreachable = createEsClient({ ...config.elasticsearch, maxRetries: 0, requestTimeoutSeconds: 2 }, 'http://127.0.0.1:9');
    const offline = await pipelineFor(config, unreachable);
    const posts = Array.from({ length: 60 }, (_, i) => rawPost({ n: i + 1 }));
    const report = await offline.ingest(streamOf(posts));
    // Each post and its engagement snapshot.
    expect(report).toMatchObject({ written: 0, postsCreated: 0, spooled: 120 });
    expect(new EsSpool(dataDir).isEmpty()).toBe(false);

    const online = await pipelineFor(config);
    expect(await online.replaySpool()).toBe(true);
    expect(new EsSpool(dataDir).isEmpty()).toBe(true);
    const stored = await storedPosts();
    expect(stored.map((post) => post._id).sort()).toEqual(posts.map((post) => postId(post.sourceId, post)).sort());
  });
});
