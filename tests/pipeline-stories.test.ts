import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawPost } from '../crawlers/raw-post.ts';
import { createPostAnalyzer } from '../pipeline/analyze-post.ts';
import { ensurePostIndices } from '../pipeline/ensure-indices.ts';
import type { EventDocument, PostDocument, SpikeDocument } from '../pipeline/post-document.ts';
import { postId } from '../pipeline/post-id.ts';
import { Pipeline } from '../pipeline/run-pipeline.ts';
import { rawPost, streamOf } from './support/raw-post-factory.ts';
import { testElasticsearch } from './support/test-elasticsearch.ts';
import { testLogger } from './support/test-logger.ts';

const es = testElasticsearch(import.meta.url);
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

async function freshPipeline(): Promise<Pipeline> {
  await es.clean();
  const config = es.config({ storage: { dataDir: mkdtempSync(join(tmpdir(), 'yuqing-stories-')) } });
  const names = await ensurePostIndices(es.client, config.elasticsearch);
  return new Pipeline({ client: es.client, config, names, analyzer: createPostAnalyzer(config), logger: testLogger() });
}

async function stored(post: RawPost): Promise<PostDocument> {
  await es.client.indices.refresh({ index: `${es.prefix}posts` });
  const response = await es.client.search<PostDocument>({ index: `${es.prefix}posts`, query: { ids: { values: [postId(post.sourceId, post)] } } });
  return response.hits.hits[0]!._source!;
}

const original = rawPost({
  sourceId: 'qinghe-news', url: 'https://news.example.cn/n002.html', publishedAt: minutesAgo(90), crawledAt: minutesAgo(80),
  title: '南港新区一路段突发塌陷，暂无人员伤亡',
  content: '今天上午9时许，南港新区海港大道与兴业路交叉口附近路面突然塌陷，形成一个约3米宽、2米深的坑洞，一辆路过的私家车前轮陷入其中。事故暂未造成人员伤亡，住建部门正在排查塌陷原因。',
});

describe('stories: duplicates, events and spikes', () => {
  beforeAll(() => es.clean());
  afterAll(() => es.clean());

  it('points reposts and syndicated copies to their original and counts them once', async () => {
    const pipeline = await freshPipeline();
    await pipeline.ingest(streamOf([original]));
    const syndicated = rawPost({
      sourceId: 'portal', url: 'https://portal.example.com/local/8841.html', publishedAt: minutesAgo(60), crawledAt: minutesAgo(50),
      title: '南港新区一路段突发塌陷 暂无人员伤亡', content: original.content.replace(/，/g, ',').replace('。', '.'),
    });
    const repost = rawPost({
      sourceId: 'weibo', url: 'https://weibo.example.com/status/77', platformPostId: '77', publishedAt: minutesAgo(40), crawledAt: minutesAgo(30),
      title: undefined, content: `太吓人了，每天都走这条路 //@青禾同城热点: ${original.content}`,
    });
    await pipeline.ingest(streamOf([syndicated, repost]));
    const originalId = postId(original.sourceId, original);
    expect(await stored(syndicated)).toMatchObject({ duplicateOf: originalId });
    expect(await stored(repost)).toMatchObject({ duplicateOf: originalId });
    expect((await stored(original)).copies).toBe(2);

    // Crawling the same copies again changes nothing about the count.
    await pipeline.ingest(streamOf([{ ...syndicated, crawledAt: minutesAgo(5) }, { ...repost, crawledAt: minutesAgo(5) }]));
    expect((await stored(original)).copies).toBe(2);
    const copies = [await stored(syndicated), await stored(repost)];
    expect(new Set(copies.map((copy) => copy.eventId))).toEqual(new Set([(await stored(original)).eventId]));
  });

  it('groups reports of the same story from different sources into one event, and keeps other stories apart', async () => {
    const pipeline = await freshPipeline();
    const otherWording = rawPost({
      sourceId: 'forum', url: 'https://bbs.example.cn/thread-9-1-1.html', platformPostId: 'tid-9', publishedAt: minutesAgo(50), crawledAt: minutesAgo(45),
      title: '海港大道路面塌陷了，私家车掉坑里',
      content: '刚路过南港新区海港大道兴业路口，路面塌陷出一个大坑，一辆私家车前轮陷进去了，交警已经封路，听说是地下管线渗漏导致塌陷。',
    });
    const unrelated = rawPost({
      sourceId: 'forum', url: 'https://bbs.example.cn/thread-10-1-1.html', platformPostId: 'tid-10', publishedAt: minutesAgo(30), crawledAt: minutesAgo(25),
      title: '东湖公园新修的步道很舒服', content: '周末带孩子去东湖公园，新修的步道很平整，空气也好，早上跑步的人不多，推荐大家去逛逛。',
    });
    const report = await pipeline.ingest(streamOf([original, otherWording, unrelated]));
    // Only the story with two reports becomes an event document; the lone post keeps its own story id.
    expect(report.eventsUpdated).toBe(1);
    const [a, b, c] = [await stored(original), await stored(otherWording), await stored(unrelated)];
    expect(a.eventId).toBeDefined();
    expect(b.eventId).toBe(a.eventId);
    expect(c.eventId).not.toBe(a.eventId);
    const event = (await es.client.search<EventDocument>({ index: `${es.prefix}events`, query: { term: { eventId: a.eventId! } } })).hits.hits[0]!._source!;
    expect(event).toMatchObject({ postCount: 2, sourceCount: 2, title: original.title, representativePostId: a.postId });
    expect(event.sourceIds.sort()).toEqual(['forum', 'qinghe-news']);
    expect(event.keywords).toEqual(expect.arrayContaining(['塌陷']));
    expect(event.firstSeenAt).toBe(new Date(original.publishedAt!).toISOString());
  });

  it('records a spike when a rule fires far more in the last hour than in the hours before', async () => {
    const pipeline = await freshPipeline();
    const complaint = (n: number, minutes: number) => rawPost({
      n, sourceId: `src-${n % 4}`, url: `https://forum.example.cn/t/${n}`, platformPostId: `t${n}`,
      publishedAt: minutesAgo(minutes), crawledAt: minutesAgo(Math.max(0, minutes - 1)), title: undefined,
      content: `第${n}位家长反映：孩子在学校食堂吃完午饭后腹痛呕吐，怀疑食物中毒，已送医院，第${n}号病例。`,
    });
    // One post an hour for the past twelve hours, then fourteen in the last hour.
    const baseline = Array.from({ length: 12 }, (_, hour) => complaint(hour, 90 + hour * 60));
    const burst = Array.from({ length: 14 }, (_, i) => complaint(100 + i, 5 + i * 3));
    const report = await pipeline.ingest(streamOf([...baseline, ...burst]));
    expect(report.spikesDetected).toBeGreaterThan(0);
    const spikes = (await es.client.search<SpikeDocument>({ index: `${es.prefix}spikes`, size: 50 })).hits.hits.map((hit) => hit._source!);
    const foodSafety = spikes.find((spike) => spike.dimension === 'category' && spike.count === 14);
    expect(foodSafety).toBeDefined();
    expect(foodSafety!.threshold).toBeLessThan(14);
    // The burst lifts many words; it is one keyword spike naming the others.
    const keywordSpikes = spikes.filter((spike) => spike.dimension === 'keyword');
    expect(keywordSpikes).toHaveLength(1);
    expect(keywordSpikes[0]!.alsoRising?.length).toBeGreaterThan(0);

    // The cool-down stops the same series from being reported again on the next run.
    const again = await pipeline.ingest(streamOf([complaint(200, 2)]));
    const after = (await es.client.search<SpikeDocument>({ index: `${es.prefix}spikes`, size: 50, query: { term: { value: foodSafety!.value } } })).hits.hits;
    expect(after.filter((hit) => hit._source!.dimension === 'category')).toHaveLength(1);
    expect(again.spikesDetected).toBe(0);
  });
});
