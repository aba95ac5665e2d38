import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostDocument, ReviewState } from '../../../../pipeline/post-document.ts';
import { ingestThroughPipeline, reviewTestPosts, temporaryDataDir } from '../../../../tests/support/review-fixture.ts';
import { testElasticsearch } from '../../../../tests/support/test-elasticsearch.ts';
import { PostStore } from '../../posts/post-store.ts';
import { reviewIndexNames } from '../../review-indices.ts';
import { buildRuleFeedbackSearch, readRuleFeedback } from './rule-feedback-query.ts';

const es = testElasticsearch(import.meta.url);
const data = temporaryDataDir();
const config = es.config({ storage: { dataDir: data.dataDir } });
const names = reviewIndexNames(config);
// Published well before the machine's today, so a "last N days" window can leave them out.
const published = new Date(Date.now() - 30 * 86_400_000);

describe('rule feedback query (against a real index)', () => {
  const posts = new Map<string, { id: string; ruleIds: string[] }>();
  beforeAll(async () => {
    await es.clean();
    await ingestThroughPipeline(es.client, config, reviewTestPosts(published));
    const response = await es.client.search<PostDocument>({ index: names.shared.posts, size: 50 });
    for (const hit of response.hits.hits) posts.set(hit._source!.title!, { id: hit._id!, ruleIds: hit._source!.risk?.ruleIds ?? [] });
    const store = new PostStore(es.client, names.shared);
    const decide = (title: string, review: Partial<ReviewState>) => store.writeReview(posts.get(title)!.id, 0, (post) => ({ ...post.review, ...review, revision: 1 }) as ReviewState);
    await decide('冒充社保局工作人员电话诈骗，老人被骗八万', { status: 'dismissed', dismissReason: 'false-positive' });
    await decide('锦绣花园业主集体维权：物业乱收费还拒绝退款', { status: 'responded' });
    await decide('快递驿站丢件没人管，投诉无门', { status: 'dismissed', dismissReason: 'not-relevant' });
  });
  afterAll(async () => {
    await es.clean();
    data.remove();
  });

  it('counts hits, judged hits and false positives per rule, least precise first, with names from the stored hits', async () => {
    const rows = readRuleFeedback(await es.client.search(buildRuleFeedbackSearch(names.shared.posts, 'false-positive')));
    const scamRules = posts.get('冒充社保局工作人员电话诈骗，老人被骗八万')!.ruleIds;
    const complaintRules = posts.get('锦绣花园业主集体维权：物业乱收费还拒绝退款')!.ruleIds;
    expect(scamRules.length).toBeGreaterThan(0);
    for (const ruleId of scamRules.filter((id) => !complaintRules.includes(id))) {
      const row = rows.find((candidate) => candidate.ruleId === ruleId)!;
      expect(row.falsePositives).toBeGreaterThanOrEqual(1);
      expect(row.precision).toBeLessThan(1);
      expect(row.ruleName).toBeTruthy();
      expect(row.packVersion).toMatch(/^\d+\.\d+\.\d+$/);
    }
    // Dismissed for another reason is judged but not a false positive.
    const relevantOnly = posts.get('快递驿站丢件没人管，投诉无门')!.ruleIds.filter((id) => !scamRules.includes(id) && !complaintRules.includes(id));
    for (const ruleId of relevantOnly) expect(rows.find((row) => row.ruleId === ruleId)).toMatchObject({ falsePositives: 0, precision: 1 });
    const judged = rows.filter((row) => row.precision !== undefined);
    expect(judged.map((row) => row.precision)).toEqual(judged.map((row) => row.precision).sort((a, b) => a! - b!));
    expect(rows.slice(judged.length).every((row) => row.precision === undefined && row.decided === 0)).toBe(true);
    expect(rows.reduce((sum, row) => sum + row.hits, 0)).toBeGreaterThanOrEqual([...posts.values()].reduce((sum, post) => sum + post.ruleIds.length, 0));
  });

  it('limits the counts to recent posts when asked', async () => {
    expect(readRuleFeedback(await es.client.search(buildRuleFeedbackSearch(names.shared.posts, 'false-positive', 7)))).toEqual([]);
    expect(readRuleFeedback(await es.client.search(buildRuleFeedbackSearch(names.shared.posts, 'false-positive', 60))).length).toBeGreaterThan(0);
  });
});
