import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@elastic/elasticsearch';
import type { Config, ConfigInput } from '../../config/config-schema.ts';
import type { RawPost } from '../../crawlers/raw-post.ts';
import { loadDemoPosts } from '../../demo/demo-content.ts';
import { createPostAnalyzer } from '../../pipeline/analyze-post.ts';
import { ensurePostIndices } from '../../pipeline/ensure-indices.ts';
import { Pipeline } from '../../pipeline/run-pipeline.ts';
import { ensureReviewIndices } from '../../dashboards/review-app/review-indices.ts';
import { UserStore } from '../../dashboards/review-app/auth/user-store.ts';
import type { ReviewRole } from '../../config/review-schema.ts';
import { testLogger } from './test-logger.ts';

/** Posts written for the review tests: each hits known rule packs (or none), published around `now`. */
export function reviewTestPosts(now: Date): RawPost[] {
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  const crawledAt = now.toISOString();
  const post = (n: number, minutesAgo: number, title: string, content: string, extra: Partial<RawPost> = {}): RawPost => ({
    sourceId: n % 2 === 0 ? 'qinghe-forum' : 'qinghe-news', sourceType: 'rss', url: `https://bbs.qinghe.example.cn/thread-${n}.html`,
    title, content, authorName: `网友${n}`, publishedAt: at(minutesAgo), crawledAt, engagement: { reposts: n * 3, comments: n * 5, likes: n * 7 }, ...extra,
  });
  return [
    post(1, 20, '锦绣花园业主集体维权：物业乱收费还拒绝退款', '锦绣花园业主反映物业公司乱收费，停车费一年涨了三倍，要求退款被拒绝，客服态度恶劣还挂电话。业主们准备集体维权，已经向12345和市场监管局投诉，希望有关部门给个说法。'),
    post(2, 35, '南港新区自来水发黄有异味，疑似水源被污染', '南港新区滨江路一带居民反映，今天早上起自来水明显发黄，烧开后有一股刺鼻的异味，不敢给孩子喝。有人怀疑上游化工厂偷排污水导致水源污染，希望环保部门尽快公开水质检测结果。'),
    post(3, 50, '网传青禾一中食堂饭菜吃出异物，多名学生腹泻', '家长群里流传，青禾一中食堂饭菜中吃出异物，已有多名学生出现腹泻呕吐症状被送医，疑似食物中毒。学校目前还没有回应，家长非常担心食品安全问题。'),
    post(4, 65, '地铁三号线施工工地塌陷，路面出现大坑', '今天下午地铁三号线施工路段发生路面塌陷，出现一个直径约五米的大坑，一辆电动车险些掉进去。现场已经围挡，暂无人员受伤，但周边居民担心安全隐患。'),
    post(5, 80, '冒充社保局工作人员电话诈骗，老人被骗八万', '东湖区一位老人接到自称社保局工作人员的电话，说社保卡被冻结需要转账解冻，结果被骗走八万元积蓄。警方提醒大家提高警惕，谨防电信诈骗。'),
    post(6, 95, '12345热线办理公积金提取效率高，点赞', '上周通过12345热线咨询公积金提取流程，工作人员解释得非常耐心，第二天就有人回电跟进，三天就办好了，给工作人员点个赞！'),
    post(7, 110, '西岭区新开一家图书馆，周末人很多', '西岭区新开的图书馆环境不错，周末去的人很多，儿童阅览区尤其受欢迎。'),
    post(8, 125, '快递驿站丢件没人管，投诉无门', '在小区快递驿站丢了一个包裹，驿站说不归他们管，快递公司客服一直推诿踢皮球，投诉无门，真是太气人了，大家避雷这家驿站。'),
  ];
}

/** The bundled demo posts of 青禾市 as a crawler would emit them. */
export function demoRawPosts(now: Date): RawPost[] {
  return loadDemoPosts().map((post, index) => ({
    sourceId: `demo-${post.channel}`, sourceType: post.channel === 'weibo' ? 'browser' : post.channel === 'news' ? 'html' : 'rss',
    url: `http://127.0.0.1:8790/${post.channel}/${post.id}.html`, ...(post.title ? { title: post.title } : {}), content: post.content, authorName: post.author,
    publishedAt: new Date(now.getTime() - (post.minutesAgo ?? 300 + index * 7) * 60_000).toISOString(), crawledAt: now.toISOString(),
    engagement: { reposts: post.reposts ?? 0, comments: post.comments ?? 0, likes: post.likes ?? 0, ...(post.views !== undefined ? { views: post.views } : {}) },
  }));
}

/** A temporary data folder for the pipeline's spool and dead letters. */
export function temporaryDataDir(): { dataDir: string; remove(): void } {
  const dataDir = mkdtempSync(join(tmpdir(), 'yuqing-review-'));
  return { dataDir, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** Runs posts through the real pipeline (normalise, analyse with the rule engine, dedupe, events) into Elasticsearch. */
export async function ingestThroughPipeline(client: Client, config: Config, posts: RawPost[]): Promise<Pipeline> {
  const names = await ensurePostIndices(client, config.elasticsearch);
  const pipeline = new Pipeline({ client, config, names, analyzer: createPostAnalyzer(config), logger: testLogger() });
  async function* stream() {
    yield* posts;
  }
  await pipeline.ingest(stream());
  await client.indices.refresh({ index: `${config.elasticsearch.indexPrefix}*` });
  return pipeline;
}

/** The password every test user gets (long enough for the default policy). */
export const testPassword = 'correct-horse-battery-staple';

/** Creates review-app users directly in their index. */
export async function createTestUsers(client: Client, config: Config, users: { username: string; role: ReviewRole; displayName?: string }[]): Promise<void> {
  const names = await ensureReviewIndices(client, config);
  const store = new UserStore(client, names.users, { passwordMinLength: config.review.passwordMinLength, passwordHashCost: config.review.passwordHashCost });
  for (const user of users) await store.create({ ...user, password: testPassword, createdBy: 'test' });
}

/** Review config for tests: any free port, a cheaper password hash. */
export function reviewTestConfig(base: (overrides?: ConfigInput) => Config, dataDir: string, overrides: ConfigInput['review'] = {}): Config {
  return base({ storage: { dataDir }, review: { port: 0, passwordHashCost: 1024, ...overrides } });
}
