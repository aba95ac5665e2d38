import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Config, ConfigInput } from '../config/config-schema.ts';
import type { RawPost } from '../crawlers/raw-post.ts';
import { createAlertDispatcher, type AlertDispatcher } from '../dashboards/alerts/alert-dispatcher.ts';
import { alertStateIndex, type AlertRecord } from '../dashboards/alerts/alert-state.ts';
import { createPostAnalyzer } from '../pipeline/analyze-post.ts';
import { ensurePostIndices } from '../pipeline/ensure-indices.ts';
import type { PostDocument } from '../pipeline/post-document.ts';
import { postId } from '../pipeline/post-id.ts';
import { Pipeline } from '../pipeline/run-pipeline.ts';
import { startDingtalkReceiver, startFeishuReceiver, startWebhookReceiver, startWecomReceiver } from './support/chat-robot-receivers.ts';
import { rawPost, streamOf } from './support/raw-post-factory.ts';
import type { RecordingHttpServer } from './support/recording-http-server.ts';
import { startSmtpTestServer, type SmtpTestServer } from './support/smtp-test-server.ts';
import { testElasticsearch } from './support/test-elasticsearch.ts';
import { testLogger } from './support/test-logger.ts';

const es = testElasticsearch(import.meta.url);
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

const explosion = rawPost({
  sourceId: 'qinghe-news', url: 'https://news.example.cn/2026/explosion.html', publishedAt: minutesAgo(30), crawledAt: minutesAgo(2),
  title: '青禾化工厂发生爆炸 已造成3人死亡', content: '今天凌晨，青禾市化工园区一企业发生爆炸，已造成3人死亡、12人受伤，现场浓烟滚滚，周边居民紧急疏散。',
});
const fire = rawPost({
  sourceId: 'qinghe-forum', url: 'https://bbs.example.cn/thread-31.html', platformPostId: 't31', publishedAt: minutesAgo(25), crawledAt: minutesAgo(2),
  title: '南湖小区燃气泄漏起火', content: '南湖小区一居民楼燃气泄漏引发火灾，消防已到场处置，暂无人员伤亡。',
});
const rumour = rawPost({
  sourceId: 'qinghe-weibo', url: 'https://weibo.example.cn/status/5001', platformPostId: '5001', publishedAt: minutesAgo(20), crawledAt: minutesAgo(2),
  title: '网传自来水被污染', content: '网传青禾市自来水被化工厂排污污染，水务部门称系谣言，水质检测合格。',
});
const hospital = rawPost({
  sourceId: 'qinghe-weibo', url: 'https://weibo.example.cn/status/5002', platformPostId: '5002', publishedAt: minutesAgo(15), crawledAt: minutesAgo(2),
  title: '医院推诿病人致患者死亡', content: '家属称青禾市第一医院拒收急诊病人，患者在转院途中死亡，家属情绪激动，要求医院给说法。',
});
const heating = rawPost({
  sourceId: 'qinghe-hotline', url: 'https://hotline.example.cn/1', publishedAt: minutesAgo(10), crawledAt: minutesAgo(2),
  title: '市民反映小区供暖问题', content: '市民反映小区供暖温度偏低，希望相关部门尽快处理。',
});

interface Receivers { wecom: RecordingHttpServer; dingtalk: RecordingHttpServer; feishu: RecordingHttpServer; webhook: RecordingHttpServer; smtp: SmtpTestServer }
let receivers: Receivers;
const dispatchers: AlertDispatcher[] = [];

function alertConfig(overrides: ConfigInput['alerts'] = {}): Config {
  return es.config({
    storage: { dataDir: mkdtempSync(join(tmpdir(), 'yuqing-alerts-')) },
    delivery: {
      smtp: { host: '127.0.0.1', port: receivers.smtp.port, secure: false, from: 'yuqing <alerts@example.cn>' },
      wecom: { webhookUrl: `${receivers.wecom.url}/cgi-bin/webhook/send?key=k` },
      dingtalk: { webhookUrl: `${receivers.dingtalk.url}/robot/send?access_token=t`, secret: 'SECding' },
      feishu: { webhookUrl: `${receivers.feishu.url}/open-apis/bot/v2/hook/h`, secret: 'feishu' },
      webhook: { url: `${receivers.webhook.url}/hook`, secret: 'hook' },
    },
    alerts: {
      emailTo: ['duty@example.cn'], defaultChannels: ['email', 'wecom', 'dingtalk', 'webhook'],
      routes: [{ categories: ['public-health'], channels: ['feishu'] }], ...overrides,
    },
  });
}

function dispatcherFor(config: Config): AlertDispatcher {
  const dispatcher = createAlertDispatcher({ client: es.client, config, logger: testLogger() });
  dispatchers.push(dispatcher);
  return dispatcher;
}

async function ingest(config: Config, posts: RawPost[], pipeline?: Pipeline): Promise<Pipeline> {
  const names = await ensurePostIndices(es.client, config.elasticsearch);
  const used = pipeline ?? new Pipeline({ client: es.client, config, names, analyzer: createPostAnalyzer(config), logger: testLogger() });
  await used.ingest(streamOf(posts));
  return used;
}

async function stored(post: RawPost): Promise<PostDocument> {
  await es.client.indices.refresh({ index: `${es.prefix}posts` });
  const response = await es.client.search<PostDocument>({ index: `${es.prefix}posts`, query: { ids: { values: [postId(post.sourceId, post)] } } });
  return response.hits.hits[0]!._source!;
}

async function stateOf(post: RawPost): Promise<AlertRecord> {
  const response = await es.client.get<AlertRecord>({ index: alertStateIndex(es.prefix), id: `post:${postId(post.sourceId, post)}` });
  return response._source!;
}

type WebhookBody = { kind: string; title: string; items: { heading: string; url?: string; data: Record<string, unknown> }[] };
const webhookBodies = () => receivers.webhook.requests.map((request) => JSON.parse(request.body.toString()) as WebhookBody);
const totalRequests = () => receivers.wecom.requests.length + receivers.dingtalk.requests.length + receivers.feishu.requests.length + receivers.webhook.requests.length + receivers.smtp.mails.length;

describe('immediate alerts', () => {
  beforeAll(() => es.clean());
  afterAll(() => es.clean());
  beforeEach(async () => {
    await es.clean();
    receivers = {
      wecom: await startWecomReceiver(), dingtalk: await startDingtalkReceiver('SECding'), feishu: await startFeishuReceiver('feishu'),
      webhook: await startWebhookReceiver('hook'), smtp: await startSmtpTestServer(),
    };
  });
  afterEach(async () => {
    for (const dispatcher of dispatchers.splice(0)) dispatcher.close();
    await Promise.all([receivers.wecom.close(), receivers.dingtalk.close(), receivers.feishu.close(), receivers.webhook.close(), receivers.smtp.close()]);
  });

  it('notifies every routed channel about new high and critical posts once, and not again after a restart', async () => {
    const config = alertConfig();
    await ingest(config, [explosion, fire, rumour, hospital, heating]);
    const ranks = await Promise.all([explosion, fire, rumour, hospital, heating].map(async (post) => (await stored(post)).risk!.levelRank));
    // The scores come from the rule engine: four posts at high or above, the heating complaint below.
    expect(ranks.map((rank) => rank >= 3)).toEqual([true, true, true, true, false]);

    const report = await dispatcherFor(config).checkAndNotify();
    expect(report).toMatchObject({ candidates: { posts: 4, spikes: 0 }, sent: 4, suppressed: 0, failed: 0, errors: [] });
    expect(report.deliveries.map((delivery) => [delivery.channel, delivery.items]).sort()).toEqual([['dingtalk', 3], ['email', 1 + 2], ['feishu', 1], ['webhook', 3], ['wecom', 3]].sort());

    // The public-health post is routed to 飞书 only; the rest to the default channels; the low-risk post nowhere.
    const [webhook] = webhookBodies();
    expect(webhook!.kind).toBe('alert');
    expect(webhook!.title).toBe('【严重】【舆情预警】3 条高风险帖子');
    expect(webhook!.items.map((item) => item.heading).sort()).toEqual([explosion.title, fire.title, rumour.title].sort());
    // Most severe first.
    const itemRanks = webhook!.items.map((item) => ({ low: 1, medium: 2, high: 3, critical: 4 })[item.data.level as 'high']);
    expect(itemRanks).toEqual([...itemRanks].sort((a, b) => b - a));
    expect(webhook!.items.find((item) => item.heading === explosion.title)).toMatchObject({ url: explosion.url, data: { level: 'critical', categories: ['safety-incident'] } });
    const feishu = JSON.parse(receivers.feishu.requests[0]!.body.toString()) as { content: { post: { zh_cn: { content: { text: string; href?: string }[][] } } } };
    expect(feishu.content.post.zh_cn.content[0]![0]).toMatchObject({ text: `🔴 ${hospital.title}`, href: hospital.url });
    const wecom = (JSON.parse(receivers.wecom.requests[0]!.body.toString()) as { markdown: { content: string } }).markdown.content;
    expect(wecom).toContain(`[${explosion.title}](${explosion.url})`);
    expect(wecom).not.toContain(heating.title!);
    const [mail] = await receivers.smtp.waitForMails(1);
    expect(mail!.parsed.subject).toBe('【严重】【舆情预警】3 条高风险帖子');
    expect(mail!.parsed.text).toContain(rumour.url);

    const sentState = await stateOf(explosion);
    expect(sentState).toMatchObject({ status: 'sent', deliveredChannels: ['email', 'wecom', 'dingtalk', 'webhook'], pendingChannels: [] });

    const requestsBefore = totalRequests();
    expect(await dispatcherFor(config).checkAndNotify()).toMatchObject({ sent: 0, candidates: { posts: 4 } });
    const restarted = dispatcherFor(config);
    expect(await restarted.checkAndNotify()).toMatchObject({ sent: 0, suppressed: 0 });
    expect(totalRequests()).toBe(requestsBefore);
  });

  it('sends one alert per story in the cool-down: a copy of an alerted post is recorded but not sent', async () => {
    const config = alertConfig();
    const pipeline = await ingest(config, [explosion]);
    const dispatcher = dispatcherFor(config);
    expect(await dispatcher.checkAndNotify()).toMatchObject({ sent: 1 });
    const repost = rawPost({
      sourceId: 'qinghe-weibo', url: 'https://weibo.example.cn/status/5003', platformPostId: '5003', publishedAt: minutesAgo(5), crawledAt: minutesAgo(1),
      title: undefined, content: `太可怕了 //@青禾同城: ${explosion.title}。${explosion.content}`,
    });
    await ingest(config, [repost], pipeline);
    const copy = await stored(repost);
    expect(copy.risk?.levelRank).toBeGreaterThanOrEqual(3);
    expect(copy.duplicateOf ?? copy.eventId).toBeDefined();

    const requestsBefore = totalRequests();
    expect(await dispatcher.checkAndNotify()).toMatchObject({ sent: 0, suppressed: 1 });
    expect(totalRequests()).toBe(requestsBefore);
    expect(await stateOf(repost)).toMatchObject({ status: 'suppressed', reason: 'cooldown' });
  });

  it('holds high-risk alerts in quiet hours but sends critical ones at once, then delivers the held ones when quiet hours end', async () => {
    const now = DateTime.now().setZone('Asia/Shanghai');
    const quietHours = { start: now.minus({ hours: 1 }).toFormat('HH:mm'), end: now.plus({ hours: 1 }).toFormat('HH:mm') };
    const config = alertConfig({ quietHours, defaultChannels: ['webhook'], routes: [] });
    await ingest(config, [explosion, rumour]);
    expect([(await stored(explosion)).risk?.level, (await stored(rumour)).risk?.level]).toEqual(['critical', 'high']);
    const dispatcher = dispatcherFor(config);
    expect(await dispatcher.checkAndNotify()).toMatchObject({ sent: 1, held: 1 });
    expect(webhookBodies().map((body) => body.items.map((item) => item.heading))).toEqual([[explosion.title]]);
    expect(await stateOf(rumour)).toMatchObject({ status: 'held', reason: 'quiet-hours' });

    // A restarted dispatcher still knows what is held; after the quiet period it sends it.
    const later = dispatcherFor(config);
    expect(await later.checkAndNotify(new Date())).toMatchObject({ sent: 0 });
    const afterQuietHours = new Date(Date.now() + 90 * 60_000);
    expect(await later.checkAndNotify(afterQuietHours)).toMatchObject({ sent: 1 });
    const released = webhookBodies()[1]!;
    expect(released.items.map((item) => item.heading)).toEqual([rumour.title]);
    expect(released.title).toBe('【舆情预警】1 条高风险帖子');
    expect(await stateOf(rumour)).toMatchObject({ status: 'sent', deliveredChannels: ['webhook'] });
  });

  it('retries a channel that failed transiently on the next check, without re-sending to channels that took the alert', async () => {
    const config = alertConfig({ defaultChannels: ['wecom', 'webhook'], routes: [] });
    await receivers.webhook.close();
    const hookUrl = new URL(config.delivery.webhook.url!);
    await ingest(config, [fire]);
    const dispatcher = dispatcherFor(config);
    const first = await dispatcher.checkAndNotify();
    expect(first).toMatchObject({ sent: 1, errors: [{ channel: 'webhook', isRetryable: true }] });
    expect(await stateOf(fire)).toMatchObject({ status: 'sent', deliveredChannels: ['wecom'], pendingChannels: ['webhook'], attempts: 1 });

    receivers.webhook = await startWebhookReceiver('hook', Number(hookUrl.port));
    const second = await dispatcher.checkAndNotify();
    expect(second.deliveries).toEqual([{ channel: 'webhook', items: 1, parts: 1 }]);
    expect(receivers.wecom.requests).toHaveLength(1);
    expect(webhookBodies()[0]!.items[0]!.heading).toBe(fire.title);
    expect(await stateOf(fire)).toMatchObject({ deliveredChannels: ['wecom', 'webhook'], pendingChannels: [], attempts: 2 });
  });

  it('announces a spike when one starts, linked to the riskiest post of its hour', async () => {
    const config = alertConfig({ defaultChannels: ['webhook'], routes: [] });
    const complaint = (n: number, minutes: number) => rawPost({
      n, sourceId: `src-${n % 4}`, url: `https://forum.example.cn/t/${n}`, platformPostId: `t${n}`,
      publishedAt: minutesAgo(minutes), crawledAt: minutesAgo(Math.max(0, minutes - 1)), title: undefined,
      content: `第${n}位家长反映：孩子在学校食堂吃完午饭后腹痛呕吐，怀疑食物中毒，已送医院，第${n}号病例。`,
    });
    await ingest(config, [...Array.from({ length: 12 }, (_, hour) => complaint(hour, 90 + hour * 60)), ...Array.from({ length: 14 }, (_, i) => complaint(100 + i, 5 + i * 3))]);
    const report = await dispatcherFor(config).checkAndNotify();
    expect(report.candidates.spikes).toBeGreaterThan(0);
    const items = webhookBodies().flatMap((body) => body.items);
    const spikes = items.filter((item) => item.data.type === 'spike');
    expect(spikes.length).toBe(report.candidates.spikes);
    const category = spikes.find((item) => item.data.dimension === 'category')!;
    expect(category.heading).toMatch(/^风险类别突增：/);
    expect(category.data.count).toBe(14);
    expect(category.url).toMatch(/^https:\/\/forum\.example\.cn\/t\/1\d\d$/);
  });
});
