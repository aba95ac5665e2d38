import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDigestCommand } from '../bin/commands/digest.ts';
import type { Config } from '../config/config-schema.ts';
import type { RawPost } from '../crawlers/raw-post.ts';
import { rangePeriod } from '../dashboards/digests/digest-period.ts';
import { startDigestScheduler } from '../dashboards/digests/digest-scheduler.ts';
import { runDigest, type DigestRunReport } from '../dashboards/digests/run-digest.ts';
import { volumeSentence } from '../dashboards/digests/weekly-risk/digest-sentences.ts';
import { createPostAnalyzer } from '../pipeline/analyze-post.ts';
import { ensurePostIndices } from '../pipeline/ensure-indices.ts';
import type { PostDocument } from '../pipeline/post-document.ts';
import { postId } from '../pipeline/post-id.ts';
import { Pipeline } from '../pipeline/run-pipeline.ts';
import { startWebhookReceiver } from './support/chat-robot-receivers.ts';
import { rawPost, streamOf } from './support/raw-post-factory.ts';
import type { RecordingHttpServer } from './support/recording-http-server.ts';
import { startSmtpTestServer, type SmtpTestServer } from './support/smtp-test-server.ts';
import { testElasticsearch } from './support/test-elasticsearch.ts';
import { testLogger } from './support/test-logger.ts';

const es = testElasticsearch(import.meta.url);
const timeZone = 'Asia/Shanghai';
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
const today = DateTime.now().setZone(timeZone);
/** The last seven days including today: events and spikes come out of the pipeline relative to now. */
const period = rangePeriod(today.minus({ days: 6 }).toISODate()!, today.toISODate()!, timeZone);

const hostileTitle = '<script>alert(1)</script>【爆料】地铁工地坍塌 [点此](javascript:alert(1)) | 表格 *强调*';

function post(id: string, hours: number, title: string | undefined, content: string, sourceId = 'qinghe-news'): RawPost {
  return rawPost({ sourceId, url: `https://${sourceId}.example.cn/${id}.html`, platformPostId: id, publishedAt: hoursAgo(hours), crawledAt: hoursAgo(Math.max(0, hours - 0.2)), title, content });
}

const explosion = post('explosion', 30, '青禾化工厂发生爆炸 已造成3人死亡', '今天凌晨，青禾市化工园区一企业发生爆炸，已造成3人死亡、12人受伤，现场浓烟滚滚，周边居民紧急疏散。');
const hostile = post('hostile', 29, hostileTitle, '网友爆料：北城地铁三号线工地今晨发生坍塌，造成2人死亡，施工方尚未回应。', 'qinghe-forum');
const hospital = post('hospital', 50, '医院推诿病人致患者死亡', '家属称青禾市第一医院拒收急诊病人，患者在转院途中死亡，家属情绪激动，要求医院给说法。', 'qinghe-weibo');
const rumour = post('rumour', 70, '网传自来水被污染', '网传青禾市自来水被化工厂排污污染，水务部门称系谣言，水质检测合格。', 'qinghe-weibo');
const leak = post('leak', 90, '某银行客户信息泄露', '大量客户身份证号和银行卡号在网上被售卖，疑似内部人员泄露，涉及数万人。', 'qinghe-forum');
const fire = post('fire', 100, '南湖小区燃气泄漏起火', '南湖小区一居民楼燃气泄漏引发火灾，消防已到场处置，暂无人员伤亡。');
const everyday = [
  post('park', 20, '东湖公园新修的步道很舒服', '周末带孩子去东湖公园，新修的步道很平整，空气也好，推荐大家去逛逛。', 'qinghe-weibo'),
  post('heating', 40, '市民反映小区供暖问题', '市民反映小区供暖温度偏低，希望相关部门尽快处理。', 'qinghe-hotline'),
  post('bus', 60, '新开通的公交线路很方便', '新开通的12路公交连接了高铁站和老城区，车次多，乘坐体验不错，点赞。', 'qinghe-weibo'),
  post('library', 80, '市图书馆延长开放时间', '市图书馆宣布周末延长开放至晚上九点，方便上班族借阅。', 'qinghe-news'),
];
const complaint = (n: number, hours: number) => post(`canteen-${n}`, hours, undefined, `第${n}位家长反映：孩子在学校食堂吃完午饭后腹痛呕吐，怀疑食物中毒，已送医院，第${n}号病例。`, `forum-${n % 3}`);
// One post an hour for twelve hours, then fourteen within the last hour: the pipeline records a spike.
const canteen = [...Array.from({ length: 12 }, (_, hour) => complaint(hour, 1.5 + hour)), ...Array.from({ length: 14 }, (_, i) => complaint(100 + i, 0.1 + i * 0.05))];
const previousWeek = Array.from({ length: 5 }, (_, i) => post(`old-${i}`, 24 * 8 + i * 5, `上周的市民来信 ${i}`, `市民来信反映道路照明不足，第${i}封。`, 'qinghe-hotline'));
const inPeriod = [explosion, hostile, hospital, rumour, leak, fire, ...everyday, ...canteen];

let config: Config;
let reportsDir: string;
let smtp: SmtpTestServer;
let webhook: RecordingHttpServer;
let report: DigestRunReport;

async function storedPosts(): Promise<PostDocument[]> {
  await es.client.indices.refresh({ index: `${es.prefix}posts` });
  return (await es.client.search<PostDocument>({ index: `${es.prefix}posts`, size: 1000 })).hits.hits.map((hit) => hit._source!);
}

/** Writes review state the way the review app does (partial update of `review`). */
async function review(raw: RawPost, fields: Record<string, unknown>): Promise<void> {
  const id = postId(raw.sourceId, raw);
  const hit = (await es.client.search({ index: `${es.prefix}posts`, query: { ids: { values: [id] } } })).hits.hits[0]!;
  await es.client.update({ index: hit._index, id, doc: { review: { revision: 1, ...fields } }, refresh: true });
}

describe('the risk digest', () => {
  beforeAll(async () => {
    await es.clean();
    smtp = await startSmtpTestServer();
    webhook = await startWebhookReceiver('digest-secret');
    reportsDir = mkdtempSync(join(tmpdir(), 'yuqing-reports-'));
    config = es.config({
      storage: { dataDir: mkdtempSync(join(tmpdir(), 'yuqing-digest-')) },
      delivery: { smtp: { host: '127.0.0.1', port: smtp.port, secure: false }, webhook: { url: `${webhook.url}/hook`, secret: 'digest-secret' } },
      digest: { reportsDir, emailTo: ['leaders@example.cn'], chatChannels: ['webhook'], title: '青禾市舆情风险报告' },
    });
    const names = await ensurePostIndices(es.client, config.elasticsearch);
    const pipeline = new Pipeline({ client: es.client, config, names, analyzer: createPostAnalyzer(config), logger: testLogger() });
    await pipeline.ingest(streamOf([...previousWeek, ...inPeriod.filter((raw) => !canteen.includes(raw))]));
    await pipeline.ingest(streamOf(canteen));
    await review(explosion, { status: 'responded', responseStatus: 'published', firstResponseAt: hoursAgo(29), firstResponseMinutes: 42 });
    await review(hospital, { status: 'responded', responseStatus: 'published', firstResponseAt: hoursAgo(47), firstResponseMinutes: 130 });
    await review(rumour, { status: 'dismissed', dismissReason: 'false-positive' });
    await review(fire, { status: 'in_progress', responseStatus: 'in_approval' });
    report = await runDigest({ client: es.client, config, logger: testLogger(), period });
  });
  afterAll(async () => {
    await smtp.close();
    await webhook.close();
    await es.clean();
  });

  it('counts what Elasticsearch holds for the period and the period before', async () => {
    const posts = await storedPosts();
    const from = period.from.getTime();
    const mine = posts.filter((doc) => Date.parse(doc.publishedAt) >= from);
    const { data } = report;
    expect(data.volume).toEqual({ total: inPeriod.length, previousTotal: previousWeek.length });
    expect(mine).toHaveLength(inPeriod.length);
    const bySentiment = (label: string) => mine.filter((doc) => doc.sentiment?.label === label).length;
    expect(data.sentiment).toEqual({ negative: bySentiment('negative'), neutral: bySentiment('neutral'), positive: bySentiment('positive'), unscored: 0 });
    const byLevel = (level: string) => mine.filter((doc) => doc.risk?.level === level).length;
    expect(data.riskLevels).toEqual({ critical: byLevel('critical'), high: byLevel('high'), medium: byLevel('medium'), low: byLevel('low'), unscored: 0 });
    expect(data.daily).toHaveLength(7);
    expect(data.daily.reduce((sum, day) => sum + day.total, 0)).toBe(inPeriod.length);
    expect(data.sources.total).toBe(new Set(mine.map((doc) => doc.sourceId)).size);
    expect(data.topKeywords.length).toBeGreaterThan(0);
  });

  it('lists the riskiest posts first, one per story, each linked to its source and with its handling state', async () => {
    const { topRiskItems } = report.data;
    const highRisk = (await storedPosts()).filter((doc) => Date.parse(doc.publishedAt) >= period.from.getTime() && doc.risk!.levelRank >= 3 && !doc.duplicateOf);
    const stories = new Map(highRisk.map((doc) => [doc.eventId ?? doc.postId, doc]));
    expect(topRiskItems).toHaveLength(Math.min(10, stories.size));
    const listed = new Map((await storedPosts()).map((doc) => [doc.postId, doc]));
    expect(new Set(topRiskItems.map((item) => listed.get(item.postId)!.eventId)).size).toBe(topRiskItems.length);
    expect(topRiskItems.find((item) => item.url.includes('canteen'))!.storyPosts).toBe(canteen.length);
    const ranks = topRiskItems.map((item) => ({ low: 1, medium: 2, high: 3, critical: 4 })[item.level] * 1000 + item.score);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    const urls = new Set(inPeriod.map((raw) => raw.url));
    for (const item of topRiskItems) expect(urls.has(item.url)).toBe(true);
    const responded = topRiskItems.find((item) => item.url === explosion.url);
    expect(responded).toMatchObject({ reviewStatus: 'responded', responseStatus: 'published' });
  });

  it('reports new events, spikes, rule dismissals and the response statistics', async () => {
    const { data } = report;
    expect(data.newEvents.total).toBeGreaterThan(0);
    for (const event of data.newEvents.items) expect(inPeriod.map((raw) => raw.url)).toContain(event.representative?.url);
    expect(data.spikes.total).toBeGreaterThan(0);
    expect(data.spikes.items.every((spike) => spike.example && canteen.some((raw) => raw.url === spike.example!.url))).toBe(true);
    // The dismissed post's rules carry its dismissal, counted like the stored documents say.
    const posts = (await storedPosts()).filter((doc) => Date.parse(doc.publishedAt) >= period.from.getTime());
    const dismissedRules = posts.find((doc) => doc.url === rumour.url)!.risk!.ruleIds;
    const checked = data.rules.filter((rule) => dismissedRules.includes(rule.ruleId));
    expect(checked.length).toBeGreaterThan(0);
    for (const rule of checked) {
      const hits = posts.filter((doc) => doc.risk!.ruleIds.includes(rule.ruleId));
      expect(rule).toMatchObject({
        hits: hits.length, dismissed: hits.filter((doc) => doc.review?.status === 'dismissed').length,
        falsePositive: hits.filter((doc) => doc.review?.dismissReason === 'false-positive').length,
      });
      expect(rule.dismissed).toBeGreaterThan(0);
      expect(rule.ruleName).toBeTruthy();
    }
    // Response statistics cover the period's posts at high risk or above, as the review app left them.
    const highRisk = (await storedPosts()).filter((doc) => Date.parse(doc.publishedAt) >= period.from.getTime() && doc.risk!.levelRank >= 3);
    const withStatus = (status: string) => highRisk.filter((doc) => doc.review?.status === status).length;
    expect(data.response).toMatchObject({
      highRisk: highRisk.length, responded: withStatus('responded'), dismissed: withStatus('dismissed'),
      timedResponses: 2, medianFirstResponseMinutes: 86, pendingApprovals: 1,
    });
    expect(data.response.responded).toBeGreaterThan(0);
    expect(data.response.byStatus).toMatchObject({ in_progress: withStatus('in_progress'), new: withStatus('new') });
  });

  it('writes HTML with inline SVG charts and escaped crawled text, Markdown, and a PDF printed by Chromium', () => {
    const html = readFileSync(report.files.html!, 'utf8');
    expect(report.files.html).toBe(join(reportsDir, 'weekly-risk', `${period.label}.html`));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;【爆料】地铁工地坍塌 [点此](javascript:alert(1)) | 表格 *强调*');
    expect((html.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(4);
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((match) => match[1]);
    expect(hrefs.length).toBeGreaterThan(5);
    for (const href of hrefs) expect(inPeriod.map((raw) => raw.url)).toContain(href);
    expect(html).toContain(volumeSentence(report.data));
    expect(html).toContain(`较上期增加 ${(((inPeriod.length - previousWeek.length) / previousWeek.length) * 100).toFixed(1)}%`);
    expect(html).toContain(`已回应 ${report.data.response.responded} 条`);
    expect(html).not.toMatch(/NaN|undefined|Infinity/);

    const markdown = readFileSync(report.files.markdown!, 'utf8');
    expect(markdown).toContain('\\<script\\>alert(1)\\</script\\>【爆料】地铁工地坍塌 \\[点此\\](javascript:alert(1)) \\| 表格 \\*强调\\*');
    expect(markdown).toContain(`](<${explosion.url}>)`);
    expect(markdown).not.toMatch(/NaN|undefined|Infinity/);

    const pdf = readFileSync(report.files.pdf!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThanOrEqual(2);
  });

  it('delivers the report by e-mail with the PDF and Markdown attached, and a summary with links to the chat webhook', async () => {
    expect(report.errors).toEqual([]);
    expect(report.deliveries.map((delivery) => delivery.channel)).toEqual(['email', 'webhook']);
    const [mail] = await smtp.waitForMails(1);
    expect(mail!.envelopeTo).toEqual(['leaders@example.cn']);
    expect(mail!.parsed.subject).toBe(`青禾市舆情风险报告 ${period.label}`);
    expect(mail!.parsed.attachments.map((attachment) => [attachment.filename, attachment.contentType])).toEqual([
      [`weekly-risk-${period.label}.pdf`, 'application/pdf'], [`weekly-risk-${period.label}.md`, 'text/markdown'],
    ]);
    expect(String(mail!.parsed.html)).toContain('&lt;script&gt;');
    const [request] = await webhook.waitForRequests(1);
    const body = JSON.parse(request!.body.toString()) as { kind: string; title: string; footer: string; items: { heading: string; url?: string; facts: { label: string; value: string }[] }[] };
    expect(body.kind).toBe('digest');
    expect(body.items[0]!.facts).toContainEqual({ label: '帖子', value: `${inPeriod.length} 条（较上期增加 ${(((inPeriod.length - previousWeek.length) / previousWeek.length) * 100).toFixed(1)}%）` });
    expect(body.items.slice(1).map((item) => item.url)).toEqual(report.data.topRiskItems.slice(0, 5).map((item) => item.url));
    expect(body.footer).toBe(`完整报告：${report.files.html}`);
  });

  it('states only that there is nothing to report for a period without posts', async () => {
    const empty = await runDigest({ client: es.client, config, logger: testLogger(), period: rangePeriod('2020-01-01', '2020-01-07', timeZone), deliver: false, formats: ['html', 'markdown'] });
    expect(empty.data.volume).toEqual({ total: 0, previousTotal: 0 });
    const html = readFileSync(empty.files.html!, 'utf8');
    for (const sentence of ['本期共监测到帖子 0 条；上期 0 条，上期无帖子，不计算环比。', '本期无帖子，无情感分布。', '本期无高风险及以上帖子。', '本期未检测到突增。', '本期帖子没有首次回应用时记录。']) {
      expect(html).toContain(sentence);
    }
    expect(html).not.toMatch(/NaN|undefined|Infinity|%）/);
  });

  it('runs on its cron schedule for the last complete period', async () => {
    const scheduled = es.config({ digest: { reportsDir, schedule: '* * * * * *', period: 'day', formats: ['markdown'] } });
    const scheduler = startDigestScheduler({ client: es.client, config: scheduled, logger: testLogger() });
    const yesterday = today.minus({ days: 1 }).toISODate()!;
    const expected = join(reportsDir, 'weekly-risk', `${yesterday}.md`);
    try {
      await expect.poll(() => existsSync(expected), { timeout: 20_000, interval: 200 }).toBe(true);
    } finally {
      await scheduler.stop();
    }
    expect(readFileSync(expected, 'utf8')).toContain(`统计区间：${yesterday}`);
  });

  it('yuqing digest --from/--to --no-deliver writes the files and prints where they are', async () => {
    const out = mkdtempSync(join(tmpdir(), 'yuqing-cli-reports-'));
    const configFile = join(out, 'config.yaml');
    // Recipients and an SMTP server that answers nothing: --no-deliver must not try it.
    writeFileSync(configFile, `elasticsearch:\n  url: ${es.url}\n  indexPrefix: ${es.prefix}\ndelivery:\n  smtp: { host: 127.0.0.1, port: 9 }\ndigest:\n  emailTo: [nobody@example.cn]\n`);
    const printed: string[] = [];
    const program = new Command('yuqing').option('-c, --config <file>').exitOverride();
    registerDigestCommand(program, (text) => printed.push(text));
    const first = today.minus({ days: 6 }).toISODate()!;
    await program.parseAsync(['node', 'yuqing', '--config', configFile, 'digest', '--from', first, '--to', today.toISODate()!, '--no-deliver', '--out', out, '--format', 'html,markdown']);
    const text = printed.join('');
    expect(text).toContain(`舆情风险报告 ${period.label}（${report.data.period.text}）：帖子 ${inPeriod.length} 条`);
    expect(text).toContain(join(out, 'weekly-risk', `${period.label}.html`));
    expect(existsSync(join(out, 'weekly-risk', `${period.label}.md`))).toBe(true);
    expect(text).not.toContain('sent');
  });
});
