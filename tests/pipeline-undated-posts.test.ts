// A post whose publication time is unknown is stored flagged, filed by when it was first seen, and stays
// there when it is crawled again later; a time past the crawl is not believed either.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostAnalyzer } from '../pipeline/analyze-post.ts';
import { ensurePostIndices } from '../pipeline/ensure-indices.ts';
import type { PostDocument } from '../pipeline/post-document.ts';
import { Pipeline } from '../pipeline/run-pipeline.ts';
import { rawPost, streamOf } from './support/raw-post-factory.ts';
import { testElasticsearch } from './support/test-elasticsearch.ts';
import { testLogger } from './support/test-logger.ts';

const es = testElasticsearch(import.meta.url);

describe('undated posts', () => {
  let pipeline: Pipeline;
  beforeAll(async () => {
    await es.clean();
    const config = es.config({ storage: { dataDir: mkdtempSync(join(tmpdir(), 'yuqing-undated-')) } });
    const names = await ensurePostIndices(es.client, config.elasticsearch);
    pipeline = new Pipeline({ client: es.client, config, names, analyzer: createPostAnalyzer(config), logger: testLogger() });
  });
  afterAll(() => es.clean());

  const stored = async () => {
    await es.client.indices.refresh({ index: `${es.prefix}posts` });
    const response = await es.client.search<PostDocument>({ index: `${es.prefix}posts`, size: 10, sort: ['postId'] });
    return response.hits.hits.map((hit) => ({ index: hit._index, doc: hit._source! }));
  };

  it('is filed by first-seen time with publishedAtKnown false and the reason, and a later crawl does not move it', async () => {
    const undated = rawPost({ n: 1, platformPostId: 'undated-1', publishedAt: undefined, publishedAtKnown: false, publishedAtIssue: 'unparseable', publishedAtText: '前几天', crawledAt: '2026-11-30T23:00:00.000Z',
      charset: { charset: 'gb18030', decidedBy: 'detected', isFallback: true, isDoubtful: false, reason: 'header said utf-8; decoded as gb18030' },
      fieldOrigins: { title: 'extracted', content: 'selector' } });
    await pipeline.ingest(streamOf([undated]));
    const [first] = await stored();
    expect(first!.index).toBe(`${es.prefix}posts-2026.11`);
    expect(first!.doc).toMatchObject({
      publishedAt: '2026-11-30T23:00:00.000Z', publishedAtKnown: false,
      provenance: { publishedAtIssue: 'unparseable', publishedAtText: '前几天', charset: 'gb18030', charsetDecidedBy: 'detected', charsetFallback: true, extractedFields: ['title'], selectorFields: ['content'] },
    });
    await pipeline.ingest(streamOf([{ ...undated, crawledAt: '2026-12-02T08:00:00.000Z', engagement: { reposts: 9, comments: 9, likes: 9 } }]));
    const [again] = await stored();
    expect(again!.index).toBe(`${es.prefix}posts-2026.11`);
    expect(again!.doc.publishedAt).toBe('2026-11-30T23:00:00.000Z');
    expect(again!.doc.lastSeenAt).toBe('2026-12-02T08:00:00.000Z');
  });

  it('does not believe a publication time later than the crawl', async () => {
    await es.clean();
    await ensurePostIndices(es.client, es.config().elasticsearch);
    await pipeline.ingest(streamOf([rawPost({ n: 2, publishedAt: '2026-12-25T00:00:00.000Z', crawledAt: '2026-11-26T02:00:00.000Z' })]));
    const [post] = await stored();
    expect(post!.doc).toMatchObject({ publishedAt: '2026-11-26T02:00:00.000Z', publishedAtKnown: false, provenance: { publishedAtIssue: 'future', publishedAtText: '2026-12-25T00:00:00.000Z' } });
  });
});
