import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runStartChecks } from '../bin/start-checks.ts';
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
import { highRiskArticles } from './support/high-risk-articles.ts';
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
/** More incidents the rule packs score high or critical, one post each. */
const incidents = highRiskArticles.slice(1, 9).map((article, index) => rawPost({
  sourceId: 'qinghe-news', url: `https://news.example.cn/2026/incident-${index}.html`, publishedAt: minutesAgo(20 + index), crawledAt: minutesAgo(2),
  title: article.title, content: article.text,
}));
const hospital = rawPost({
  sourceId: 'qinghe-weibo', url: 'https://weibo.example.cn/status/5002', platformPostId: '5002', publishedAt: minutesAgo(15), crawledAt: minutesAgo(2),
  title: '医院推诿病人致患者死亡', content: '家属称青禾市第一医院拒收急诊病人，患者在转院途中死亡，家属情绪激动，要求医院给说法。',
});
const park = rawPost({
  sourceId: 'qinghe-weibo', url: 'https://weibo.example.cn/status/5009', platformPostId: '5009', publishedAt: minutesAgo(10), crawledAt: minutesAgo(2),
  title: '东湖公园新修的步道很舒服', content: '周末带孩子去东湖公园，新修的步道很平整，空气也好，早上跑步的人不多，推荐大家去逛逛。',
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
    // Most tests here watch sources whose first crawl is behind them; the first-crawl summary is tested on its own.
    alerts: {
      emailTo: ['duty@example.cn'], defaultChannels: ['email', 'wecom', 'dingtalk', 'webhook'],
      routes: [{ categories: ['public-health'], channels: ['feishu'] }], backlogSummary: false, overdue: false, ...overrides,
    },
    review: { publicUrl: 'https://yuqing.example.cn' },
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

async function storedPost(post: RawPost): Promise<PostDocument> {
  await es.client.indices.refresh({ index: `${es.prefix}posts` });
  const response = await es.client.search<PostDocument>({ index: `${es.prefix}posts`, query: { ids: { values: [postId(post.sourceId, post)] } } });
  return response.hits.hits[0]!._source!;
}

async function stateOf(post: RawPost): Promise<AlertRecord> {
  const response = await es.client.get<AlertRecord>({ index: alertStateIndex(es.prefix), id: `post:${postId(post.sourceId, post)}` });
  return response._source!;
}

type WebhookBody = { kind: string; title: string; items: { heading: string; url?: string; facts: { label: string; value: string }[]; data: Record<string, unknown> }[] };
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
    // No cool-down here (tested below): two of these incidents may form one event.
    const config = alertConfig({ cooldownMinutes: 0 });
    const posts = [explosion, fire, hospital, ...incidents, park];
    await ingest(config, posts);
    // What the rule engine made of them decides what must be sent where: public-health posts to 飞书, the rest of
    // the high and critical ones to the default channels, the park post nowhere.
    const stored = new Map(await Promise.all(posts.map(async (post) => [post, await storedPost(post)] as const)));
    const isAlerting = (post: RawPost) => stored.get(post)!.risk!.levelRank >= 3;
    const isPublicHealth = (post: RawPost) => stored.get(post)!.risk!.categories.includes('public-health');
    const toFeishu = posts.filter((post) => isAlerting(post) && isPublicHealth(post));
    const toDefault = posts.filter((post) => isAlerting(post) && !isPublicHealth(post));
    expect(toFeishu.length).toBeGreaterThan(0);
    expect(toDefault.length).toBeGreaterThan(1);
    expect(isAlerting(park)).toBe(false);

    const report = await dispatcherFor(config).checkAndNotify();
    expect(report).toMatchObject({ candidates: { posts: toFeishu.length + toDefault.length, spikes: 0 }, sent: toFeishu.length + toDefault.length, failed: 0, errors: [] });
    expect(report.deliveries.map((delivery) => [delivery.channel, delivery.items]).sort()).toEqual(
      [['dingtalk', toDefault.length], ['email', toDefault.length], ['feishu', toFeishu.length], ['webhook', toDefault.length], ['wecom', toDefault.length]].sort());

    const [webhook] = webhookBodies();
    expect(webhook!.kind).toBe('alert');
    expect(webhook!.items.map((item) => item.heading).sort()).toEqual(toDefault.map((post) => post.title).sort());
    // Most severe first, and the title says what is inside.
    const itemRanks = webhook!.items.map((item) => ({ low: 1, medium: 2, high: 3, critical: 4 })[item.data.level as 'high']);
    expect(itemRanks).toEqual([...itemRanks].sort((a, b) => b - a));
    expect(webhook!.title).toBe(`${itemRanks[0] === 4 ? '【严重】' : ''}【舆情预警】${toDefault.length} 条${itemRanks.every((rank) => rank === 4) ? '严重' : '高'}风险帖子`);
    expect(webhook!.items.find((item) => item.heading === explosion.title)).toMatchObject({ url: explosion.url, data: { level: 'critical', categories: ['safety-incident'] } });
    const feishu = JSON.parse(receivers.feishu.requests[0]!.body.toString()) as { card: { elements: { tag: string; actions?: { text: { content: string }; url: string }[] }[] } };
    const feishuLinks = feishu.card.elements.flatMap((element) => element.actions ?? []).filter((button) => button.text.content === '查看原文').map((button) => button.url);
    expect(feishuLinks.sort()).toEqual(toFeishu.map((post) => post.url).sort());
    const wecom = receivers.wecom.requests.map((request) => (JSON.parse(request.body.toString()) as { markdown: { content: string } }).markdown.content).join('\n');
    expect(wecom).toContain(`[${explosion.title}](${explosion.url})`);
    expect(wecom).not.toContain(park.title!);
    // Every alert leads into the review app: 认领 and 查看 per post (links in 企业微信, buttons in 钉钉 and 飞书).
    const explosionId = (await storedPost(explosion)).postId;
    expect(wecom).toContain(`[认领](https://yuqing.example.cn/posts/${explosionId}?intent=claim)`);
    const dingtalk = JSON.parse(receivers.dingtalk.requests[0]!.body.toString()) as { msgtype: string; actionCard: { btns: { title: string; actionURL: string }[] } };
    expect(dingtalk.msgtype).toBe('actionCard');
    expect(dingtalk.actionCard.btns.map((button) => button.title)).toEqual(['认领', '在工作台查看']);
    expect(webhook!.items.find((item) => item.heading === explosion.title)!.data.appUrl).toBe(`https://yuqing.example.cn/posts/${explosionId}`);
    const [mail] = await receivers.smtp.waitForMails(1);
    expect(mail!.parsed.subject).toBe(webhook!.title);
    for (const post of toDefault) expect(mail!.parsed.text).toContain(post.url);

    expect(await stateOf(explosion)).toMatchObject({ status: 'sent', deliveredChannels: ['email', 'wecom', 'dingtalk', 'webhook'], pendingChannels: [] });

    const requestsBefore = totalRequests();
    expect(await dispatcherFor(config).checkAndNotify()).toMatchObject({ sent: 0, candidates: { posts: toFeishu.length + toDefault.length } });
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
    const copy = await storedPost(repost);
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
    const config = alertConfig({ quietHours, defaultChannels: ['webhook'], routes: [], cooldownMinutes: 0 });
    await ingest(config, incidents);
    const levels = await Promise.all(incidents.map(async (post) => (await storedPost(post)).risk!.level));
    const critical = incidents.filter((_, index) => levels[index] === 'critical');
    const high = incidents.filter((_, index) => levels[index] === 'high');
    expect(critical.length).toBeGreaterThan(0);
    expect(high.length).toBeGreaterThan(0);

    const dispatcher = dispatcherFor(config);
    expect(await dispatcher.checkAndNotify()).toMatchObject({ sent: critical.length, held: high.length });
    expect(webhookBodies().map((body) => body.items.map((item) => item.heading).sort())).toEqual([critical.map((post) => post.title).sort()]);
    expect(await stateOf(high[0]!)).toMatchObject({ status: 'held', reason: 'quiet-hours' });

    // A restarted dispatcher still knows what is held; after the quiet period it sends it.
    const later = dispatcherFor(config);
    expect(await later.checkAndNotify(new Date())).toMatchObject({ sent: 0 });
    const afterQuietHours = new Date(Date.now() + 90 * 60_000);
    expect(await later.checkAndNotify(afterQuietHours)).toMatchObject({ sent: high.length });
    const released = webhookBodies()[1]!;
    expect(released.items.map((item) => item.heading).sort()).toEqual(high.map((post) => post.title).sort());
    expect(released.title).toBe(`【舆情预警】${high.length} 条高风险帖子`);
    expect(await stateOf(high[0]!)).toMatchObject({ status: 'sent', deliveredChannels: ['webhook'] });
  });

  it('retries a channel that failed transiently on the next check, without re-sending to channels that took the alert', async () => {
    const config = alertConfig({ defaultChannels: ['wecom', 'webhook'], routes: [] });
    await receivers.webhook.close();
    const hookUrl = new URL(config.delivery.webhook.url!);
    await ingest(config, [explosion]);
    const dispatcher = dispatcherFor(config);
    const first = await dispatcher.checkAndNotify();
    expect(first).toMatchObject({ sent: 1, errors: [{ channel: 'webhook', isRetryable: true }] });
    expect(await stateOf(explosion)).toMatchObject({ status: 'sent', deliveredChannels: ['wecom'], pendingChannels: ['webhook'], attempts: 1 });

    receivers.webhook = await startWebhookReceiver('hook', Number(hookUrl.port));
    const second = await dispatcher.checkAndNotify();
    expect(second.deliveries).toEqual([{ channel: 'webhook', items: 1, parts: 1 }]);
    expect(receivers.wecom.requests).toHaveLength(1);
    expect(webhookBodies()[0]!.items[0]!.heading).toBe(explosion.title);
    expect(await stateOf(explosion)).toMatchObject({ deliveredChannels: ['wecom', 'webhook'], pendingChannels: [], attempts: 2 });
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

  it('sends the high-risk posts of a source\'s first crawl as one summary, then alerts new posts one by one', async () => {
    const config = alertConfig({ defaultChannels: ['webhook', 'feishu'], routes: [], backlogSummary: true, cooldownMinutes: 0 });
    // A day-old incident among them: on a first start it is backlog, not news.
    const backlog = [explosion, ...incidents, { ...hospital, publishedAt: minutesAgo(24 * 60) }];
    await ingest(config, [...backlog, park]);
    const dispatcher = dispatcherFor(config);
    const report = await dispatcher.checkAndNotify();
    const alerting = (await Promise.all(backlog.map(storedPost))).filter((post) => post.risk!.levelRank >= 3);
    expect(report).toMatchObject({ sent: 0, summarised: alerting.length, failed: 0 });
    // One message per channel, not a burst: the five most severe with their age and buttons, the rest counted.
    expect(receivers.webhook.requests).toHaveLength(1);
    expect(receivers.feishu.requests).toHaveLength(1);
    const [summary] = webhookBodies();
    expect(summary!.title).toMatch(/【舆情预警·首次采集汇总】.*：\d+ 条高风险信息$/);
    expect(summary!.items).toHaveLength(Math.min(5, alerting.length));
    expect(summary!.items[0]!.facts).toEqual(expect.arrayContaining([expect.objectContaining({ label: '发布于' })]));
    expect((summary as unknown as { footer: string }).footer).toContain(alerting.length > 5 ? `另有 ${alerting.length - 5} 条未逐条列出` : '此后新出现的高风险信息逐条提醒');
    for (const post of backlog.filter((raw) => alerting.some((stored) => stored.url === raw.url))) {
      expect(await stateOf(post)).toMatchObject({ status: 'sent', reason: 'backlog-summary' });
    }
    // Nothing is sent again; the next post of a source seen before alerts on its own; a new source's first post is its backlog.
    expect(await dispatcher.checkAndNotify()).toMatchObject({ sent: 0, summarised: 0 });
    const next = rawPost({ sourceId: 'qinghe-news', url: 'https://news.example.cn/2026/next.html', publishedAt: minutesAgo(1), crawledAt: minutesAgo(1), title: fire.title, content: fire.content });
    await ingest(config, [next, fire]);
    expect(await dispatcher.checkAndNotify()).toMatchObject({ sent: 1, summarised: 1 });
    expect(webhookBodies().at(-2)!.items.map((entry) => entry.heading).concat(webhookBodies().at(-1)!.items.map((entry) => entry.heading))).toEqual([fire.title, fire.title]);
  });

  it('alerts once when an open post passes its handling deadline, naming the deadline and linking into the app', async () => {
    const config = alertConfig({ defaultChannels: ['webhook'], routes: [], overdue: true, cooldownMinutes: 0 });
    // First seen 70 minutes ago; critical posts must be handled within 60 (review.sla default).
    const late = { ...explosion, crawledAt: minutesAgo(70), publishedAt: minutesAgo(75) };
    await ingest(config, [late, park]);
    expect((await storedPost(late)).risk!.level).toBe('critical');
    const dispatcher = dispatcherFor(config);
    await dispatcher.checkAndNotify();
    const items = webhookBodies().flatMap((body) => body.items);
    const overdue = items.filter((entry) => entry.data.type === 'overdue');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]!.facts).toEqual(expect.arrayContaining([
      { label: '处置时限', value: expect.stringMatching(/^60 分钟，已超时 (9|10|11) 分钟$/) }, { label: '处理人', value: '未认领' },
    ]));
    expect((overdue[0] as unknown as { actions: { label: string; url: string }[] }).actions[0]).toEqual({ label: '认领', url: `https://yuqing.example.cn/posts/${(await storedPost(late)).postId}?intent=claim`, isPrimary: true });
    const requests = receivers.webhook.requests.length;
    await dispatcher.checkAndNotify();
    expect(receivers.webhook.requests.length).toBe(requests);
    const record = await es.client.get<AlertRecord>({ index: alertStateIndex(es.prefix), id: `overdue:${(await storedPost(late)).postId}` });
    expect(record._source).toMatchObject({ kind: 'overdue', status: 'sent' });
  });

  it('says at start that alerts reach nobody when no channel is configured, and records the posts as not sent', async () => {
    const config = es.config({ storage: { dataDir: mkdtempSync(join(tmpdir(), 'yuqing-alerts-')) }, alerts: { backlogSummary: false } });
    expect(runStartChecks(config).warnings.join('\n')).toContain('alerts are on but no channel is configured');
    expect(runStartChecks(alertConfig()).warnings.join('\n')).not.toContain('no channel is configured');
    await ingest(config, [explosion]);
    const dispatcher = dispatcherFor(config);
    const report = await dispatcher.checkAndNotify();
    expect(report).toMatchObject({ sent: 0, dropped: 1 });
    expect(await stateOf(explosion)).toMatchObject({ status: 'dropped', reason: 'no-channel' });
  });
});
