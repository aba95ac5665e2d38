import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewState } from '../../../pipeline/post-document.ts';
import { ingestThroughPipeline, reviewTestPosts, temporaryDataDir } from '../../../tests/support/review-fixture.ts';
import { testElasticsearch } from '../../../tests/support/test-elasticsearch.ts';
import { reviewIndexNames } from '../review-indices.ts';
import { PostStore } from './post-store.ts';

const es = testElasticsearch(import.meta.url);
const data = temporaryDataDir();
const config = es.config({ storage: { dataDir: data.dataDir } });
const names = reviewIndexNames(config);
const now = new Date('2026-11-26T06:00:00.000Z');
const claimBy = (username: string) => (post: { review: ReviewState }): ReviewState => ({ ...post.review, status: 'in_progress', assignee: username, revision: post.review.revision + 1 });

describe('writing review state with optimistic concurrency', () => {
  const store = new PostStore(es.client, names.shared);
  const [first] = reviewTestPosts(now);
  let id: string;
  beforeAll(async () => {
    await es.clean();
    await ingestThroughPipeline(es.client, config, [first!]);
    const response = await es.client.search({ index: names.shared.posts, query: { match_all: {} } });
    id = response.hits.hits[0]!._id!;
  });
  afterAll(async () => {
    await es.clean();
    data.remove();
  });

  it('lets exactly one of two simultaneous claims win; the other sees the winner\'s state', async () => {
    const results = await Promise.all([store.writeReview(id, 0, claimBy('zhang')), store.writeReview(id, 0, claimBy('liu'))]);
    const winners = results.filter((result) => result.outcome === 'ok');
    const losers = results.filter((result) => result.outcome === 'conflict');
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const winner = winners[0]!.outcome === 'ok' ? winners[0]!.after.review.assignee : undefined;
    expect(losers[0]!.outcome === 'conflict' && losers[0]!.current.review).toMatchObject({ assignee: winner, revision: 1 });
    expect((await store.load(id))!.review).toMatchObject({ assignee: winner, revision: 1 });
  });

  it('refuses a write based on a revision someone else has moved past', async () => {
    const stale = await store.writeReview(id, 0, claimBy('wang'));
    expect(stale.outcome).toBe('conflict');
    expect((await store.load(id))!.review.assignee).not.toBe('wang');
  });

  it('is not a conflict when only the pipeline refreshed the post in between, and keeps what the pipeline wrote', async () => {
    const before = await store.load(id);
    let calls = 0;
    const result = await store.writeReview(id, before!.review.revision, async (post) => {
      calls += 1;
      if (calls === 1) {
        // A re-crawl with new engagement counts lands between our read and our write.
        await ingestThroughPipeline(es.client, config, [{ ...first!, crawledAt: new Date(now.getTime() + 60_000).toISOString(), engagement: { reposts: 900, comments: 800, likes: 700 } }]);
      }
      return { ...post.review, status: 'escalated', revision: post.review.revision + 1 };
    });
    expect(calls).toBe(2);
    expect(result.outcome).toBe('ok');
    const after = await store.load(id);
    expect(after!.review).toMatchObject({ status: 'escalated', revision: before!.review.revision + 1 });
    expect(after!.document.engagement).toEqual({ reposts: 900, comments: 800, likes: 700 });
    expect(after!.document.lastSeenAt).toBe(new Date(now.getTime() + 60_000).toISOString());
  });

  it('finds nothing for unknown or malformed ids without asking Elasticsearch to parse them', async () => {
    expect(await store.load('AAAAAAAAAAAAAAAAAAAAAAAA')).toBeUndefined();
    expect(await store.load('../_search?q=*')).toBeUndefined();
  });
});
