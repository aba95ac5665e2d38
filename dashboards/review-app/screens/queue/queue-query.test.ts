import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostDocument } from '../../../../pipeline/post-document.ts';
import { ingestThroughPipeline, reviewTestPosts, temporaryDataDir } from '../../../../tests/support/review-fixture.ts';
import { testElasticsearch } from '../../../../tests/support/test-elasticsearch.ts';
import { PostStore } from '../../posts/post-store.ts';
import { reviewIndexNames } from '../../review-indices.ts';
import { reviewSchema, type ReviewRole } from '../../../../config/review-schema.ts';
import { applyReviewAction } from '../../posts/review-actions.ts';
import { queueQuerySchema } from './queue-filters.ts';
import { searchQueuePage, type QueuePage } from './queue-query.ts';

const es = testElasticsearch(import.meta.url);
const data = temporaryDataDir();
const config = es.config({ storage: { dataDir: data.dataDir } });
const names = reviewIndexNames(config);
const now = new Date('2026-11-26T06:00:00.000Z');

const review = reviewSchema.parse({});
async function queue(query: Record<string, unknown>, username = 'zhang', role: ReviewRole = 'commentator'): Promise<QueuePage> {
  return searchQueuePage(es.client, queueQuerySchema.parse(query), {
    postsAlias: names.shared.posts, pageSize: 50, flaggedMinimumLevel: 'medium', timeZone: 'Asia/Shanghai', username,
    inbox: { role, review, now: new Date(now.getTime() + 10 * 3_600_000) },
  });
}
const titles = (page: QueuePage) => page.items.map((item) => item.post.title);

describe('queue query (against a real index of posts from the pipeline)', () => {
  const byTitle = new Map<string, string>();
  beforeAll(async () => {
    await es.clean();
    await ingestThroughPipeline(es.client, config, reviewTestPosts(now));
    const all = await queue({ scope: 'all' });
    for (const item of all.items) byTitle.set(item.post.title!, item.id);
    const store = new PostStore(es.client, names.shared);
    const set = (title: string, review: Partial<PostDocument['review']>) =>
      store.writeReview(byTitle.get(title)!, 0, (post) => ({ ...post.review, ...review, revision: 1 }) as NonNullable<PostDocument['review']>);
    await set('锦绣花园业主集体维权：物业乱收费还拒绝退款', { status: 'in_progress', assignee: 'zhang' });
    await set('地铁三号线施工工地塌陷，路面出现大坑', { status: 'dismissed', dismissReason: 'false-positive', assignee: 'li' });
  });
  afterAll(async () => {
    await es.clean();
    data.remove();
  });

  it('lists flagged posts by risk, then most recent first, and leaves unflagged posts out', async () => {
    const page = await queue({});
    const scores = page.items.map((item) => item.post.risk!.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (let i = 1; i < page.items.length; i += 1) {
      const [previous, current] = [page.items[i - 1]!.post, page.items[i]!.post];
      if (previous.risk!.score === current.risk!.score) expect(Date.parse(previous.publishedAt!)).toBeGreaterThanOrEqual(Date.parse(current.publishedAt!));
    }
    expect(titles(page)).not.toContain('西岭区新开一家图书馆，周末人很多');
    expect(titles(await queue({ scope: 'all' }))).toContain('西岭区新开一家图书馆，周末人很多');
  });

  it('pages with search_after: every post exactly once, in the same order as one big page', async () => {
    const whole = await queue({ scope: 'all' });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await queue({ scope: 'all', size: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(whole.items.map((item) => item.id));
    expect(new Set(seen).size).toBe(reviewTestPosts(now).length);
  });

  it('counts every status under the other filters while the status filter narrows the list', async () => {
    const all = await queue({ scope: 'all' });
    const dismissed = await queue({ scope: 'all', status: 'dismissed' });
    expect(dismissed.counts).toEqual(all.counts);
    expect(all.counts).toMatchObject({ new: 6, in_progress: 1, dismissed: 1, all: 8 });
    expect(titles(dismissed)).toEqual(['地铁三号线施工工地塌陷，路面出现大坑']);
    expect(titles(await queue({ scope: 'all', status: ['in_progress', 'dismissed'] })).sort()).toEqual(
      ['地铁三号线施工工地塌陷，路面出现大坑', '锦绣花园业主集体维权：物业乱收费还拒绝退款'].sort());
  });

  it('finds Chinese substrings as phrases, several phrases all required, author names exactly', async () => {
    expect(titles(await queue({ scope: 'all', q: '水源被污' }))).toEqual(['南港新区自来水发黄有异味，疑似水源被污染']);
    expect(titles(await queue({ scope: 'all', q: '污染 滨江路' }))).toEqual(['南港新区自来水发黄有异味，疑似水源被污染']);
    expect(titles(await queue({ scope: 'all', q: '污染 图书馆' }))).toEqual([]);
    expect(titles(await queue({ scope: 'all', q: '“被骗走八万元”' }))).toEqual(['冒充社保局工作人员电话诈骗，老人被骗八万']);
    expect(titles(await queue({ scope: 'all', q: '网友7' }))).toEqual(['西岭区新开一家图书馆，周末人很多']);
  });

  it('treats query syntax in the search box as plain text', async () => {
    for (const q of ['*', '*:*', 'title:*', '水源 OR 图书馆', '"unterminated', '(a AND', 'content:/.*/', '\\', '{"match_all":{}}']) {
      const page = await queue({ scope: 'all', q });
      expect(page.items.length, q).toBeLessThan(2);
    }
  });

  it('filters by level, sentiment, source, category, rule and publication time', async () => {
    const all = (await queue({ scope: 'all' })).items.map((item) => item.post);
    const positive = all.filter((post) => post.sentiment?.label === 'positive').map((post) => post.title).sort();
    expect(titles(await queue({ scope: 'all', sentiment: 'positive' })).sort()).toEqual(positive);
    const critical = all.filter((post) => post.risk?.level === 'critical').map((post) => post.title).sort();
    expect(titles(await queue({ scope: 'all', level: 'critical' })).sort()).toEqual(critical);
    expect(titles(await queue({ scope: 'all', source: 'qinghe-forum' })).sort()).toEqual(all.filter((post) => post.sourceId === 'qinghe-forum').map((post) => post.title).sort());
    const pollution = await queue({ category: 'environmental-pollution' });
    expect(titles(pollution)).toEqual(['南港新区自来水发黄有异味，疑似水源被污染']);
    const ruleId = pollution.items[0]!.post.risk!.ruleIds[0]!;
    expect(titles(await queue({ rule: ruleId }))).toContain('南港新区自来水发黄有异味，疑似水源被污染');
    // Published 20 and 35 minutes before 06:00 UTC; the next post is 50 minutes before.
    const recent = await queue({ scope: 'all', from: '2026-11-26T05:20:00.000Z' });
    expect(titles(recent).sort()).toEqual(['南港新区自来水发黄有异味，疑似水源被污染', '锦绣花园业主集体维权：物业乱收费还拒绝退款'].sort());
    expect((await queue({ scope: 'all', from: '2026-11-26', to: '2026-11-26' })).items).toHaveLength(8);
    expect((await queue({ scope: 'all', to: '2026-11-25' })).items).toHaveLength(0);
  });

  it('filters by assignee: me, a named user, or nobody', async () => {
    expect(titles(await queue({ scope: 'all', assignee: 'me' }, 'zhang'))).toEqual(['锦绣花园业主集体维权：物业乱收费还拒绝退款']);
    expect(titles(await queue({ scope: 'all', assignee: 'li' }))).toEqual(['地铁三号线施工工地塌陷，路面出现大坑']);
    expect((await queue({ scope: 'all', assignee: 'none' })).items).toHaveLength(6);
  });

  it('ignores a cursor it did not make instead of passing it to Elasticsearch', async () => {
    const page = await queue({ scope: 'all', cursor: Buffer.from('{"query":{"match_all":{}}}').toString('base64url') });
    expect(page.items).toHaveLength(8);
  });

  it('lists each person\'s inboxes: work they hold, stages they may decide, responses they wrote, posts past their deadline', async () => {
    const store = new PostStore(es.client, names.shared);
    const act = async (title: string, steps: [Parameters<typeof applyReviewAction>[1], { username: string; role: ReviewRole }][]) => {
      for (const [action, actor] of steps) {
        const post = (await store.load(byTitle.get(title)!))!;
        await store.writeReview(post.id, post.review.revision, (current) => applyReviewAction(current.review, action, actor, review, current.document, new Date().toISOString()));
      }
    };
    const liu = { username: 'liu', role: 'commentator' as const };
    const li = { username: 'li', role: 'reviewer' as const };
    // liu drafts and submits on a high-risk post (初审 → 复审); li approves 初审.
    await act('快递驿站丢件没人管，投诉无门', [
      [{ type: 'claim' }, liu], [{ type: 'draft', text: '您好，已联系快递公司核查。', channel: 'website' }, liu], [{ type: 'submit' }, liu], [{ type: 'approve' }, li],
    ]);
    const titlesOf = async (inbox: string, username: string, role: ReviewRole) => titles(await queue({ inbox }, username, role));
    expect(await titlesOf('todo', 'zhang', 'commentator')).toEqual(['锦绣花园业主集体维权：物业乱收费还拒绝退款']);
    // liu's post waits for others: not in 待我处理, but in 我提交的.
    expect(await titlesOf('todo', 'liu', 'commentator')).toEqual([]);
    expect(await titlesOf('submitted', 'liu', 'commentator')).toEqual(['快递驿站丢件没人管，投诉无门']);
    // 复审 is next: li approved 初审 of this round, so it is wang's, not li's; commentators decide no stage.
    expect(await titlesOf('approve', 'wang', 'reviewer')).toEqual(['快递驿站丢件没人管，投诉无门']);
    expect(await titlesOf('approve', 'li', 'reviewer')).toEqual([]);
    expect(await titlesOf('approve', 'liu', 'commentator')).toEqual([]);
    // Ten hours on, every open high-risk post is past its four hours (review.sla.high); the dismissed one is not.
    const overdue = await titlesOf('overdue', 'zhang', 'commentator');
    expect(overdue).toContain('锦绣花园业主集体维权：物业乱收费还拒绝退款');
    expect(overdue).not.toContain('地铁三号线施工工地塌陷，路面出现大坑');
    expect(overdue).not.toContain('西岭区新开一家图书馆，周末人很多');
  });
});
