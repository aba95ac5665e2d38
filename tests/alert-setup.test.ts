// Alert setup as an administrator sees it, in real Chromium: every channel on or off with how to turn it on, a test
// message per channel that reaches a real receiver (or shows the platform's refusal), the history of every alert
// decision with its reason in Chinese, and a warning on every page when alerts reach nobody.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertDispatcher } from '../dashboards/alerts/alert-dispatcher.ts';
import { startReviewApp, type ReviewApp } from '../dashboards/review-app/start-review-app.ts';
import { startFeishuReceiver, startWebhookReceiver } from './support/chat-robot-receivers.ts';
import { highRiskArticles } from './support/high-risk-articles.ts';
import { rawPost } from './support/raw-post-factory.ts';
import type { RecordingHttpServer } from './support/recording-http-server.ts';
import { createTestUsers, ingestThroughPipeline, temporaryDataDir, testPassword } from './support/review-fixture.ts';
import { launchChromium, newReviewContext, screenshot, signInWithBrowser } from './support/review-browser.ts';
import { testElasticsearch } from './support/test-elasticsearch.ts';
import { testLogger } from './support/test-logger.ts';

const es = testElasticsearch(import.meta.url);
const data = temporaryDataDir();
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

describe('alert setup and history in the review app', () => {
  let webhook: RecordingHttpServer;
  let feishu: RecordingHttpServer;
  let app: ReviewApp;
  let bare: ReviewApp;
  let browser: Browser;

  beforeAll(async () => {
    await es.clean();
    webhook = await startWebhookReceiver('hook-secret');
    feishu = await startFeishuReceiver('the-real-secret');
    const config = es.config({
      storage: { dataDir: data.dataDir },
      delivery: { webhook: { url: `${webhook.url}/hook`, secret: 'hook-secret' }, feishu: { webhookUrl: `${feishu.url}/open-apis/bot/v2/hook/x`, secret: 'a-wrong-secret' } },
      alerts: { defaultChannels: ['webhook'], backlogSummary: false, cooldownMinutes: 0 },
      review: { port: 0, passwordHashCost: 1024, loginRateLimit: { maxAttempts: 1000 } },
    });
    const posts = highRiskArticles.slice(0, 3).map((article, index) => rawPost({
      sourceId: 'qinghe-news', url: `https://news.example.cn/setup/${index}.html`, publishedAt: minutesAgo(20), crawledAt: minutesAgo(2), title: article.title, content: article.text,
    }));
    await ingestThroughPipeline(es.client, config, posts);
    await createTestUsers(es.client, config, [{ username: 'admin', role: 'admin', displayName: '管理员' }, { username: 'li', role: 'reviewer', displayName: '李审' }]);
    const dispatcher = createAlertDispatcher({ client: es.client, config, logger: testLogger() });
    await dispatcher.checkAndNotify();
    dispatcher.close();
    app = await startReviewApp({ client: es.client, config, logger: testLogger() });
    // The same data, served by an installation without any channel.
    bare = await startReviewApp({ client: es.client, config: { ...config, delivery: es.config().delivery }, logger: testLogger() });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await bare?.close();
    await webhook?.close();
    await feishu?.close();
    await es.clean();
    data.remove();
  });

  it('lists the channels, sends a test message per channel and shows what the platform answered', async () => {
    const { page } = await newReviewContext(browser);
    await signInWithBrowser(page, app.url, 'admin', testPassword);
    await page.goto(`${app.url}/alerts`);
    expect(await page.locator('.channel-on').evaluateAll((items) => items.map((item) => item.getAttribute('data-channel')))).toEqual(['feishu', 'webhook']);
    expect(await page.locator('li[data-channel="wecom"]').textContent()).toContain('YUQING_WECOM_WEBHOOK_URL');
    const before = webhook.requests.length;
    await page.locator('li[data-channel="webhook"] button').click();
    await expect.poll(() => page.locator('#flash').textContent(), { timeout: 15_000 }).toContain('测试消息已发送到JSON Webhook');
    expect(webhook.requests.length).toBe(before + 1);
    expect((JSON.parse(webhook.requests.at(-1)!.body.toString()) as { title: string }).title).toContain('【测试】');
    // A wrong 飞书 secret: the platform's refusal is shown, not swallowed.
    await page.locator('li[data-channel="feishu"] button').click();
    await expect.poll(() => page.locator('#flash.flash-error').textContent(), { timeout: 15_000 }).toContain('19021');
    await screenshot(page, '40-alert-setup', true);
    const audit = await es.client.search({ index: `${es.prefix}audit`, query: { term: { action: 'alert.test' } }, sort: [{ at: 'asc' }] });
    expect(audit.hits.hits.map((hit) => (hit._source as { outcome: string; targetId: string }))).toMatchObject([{ targetId: 'webhook', outcome: 'ok' }, { targetId: 'feishu', outcome: 'failed' }]);
  });

  it('shows every alert decision with its status in Chinese, and lets reviewers read it but not send tests', async () => {
    const { page } = await newReviewContext(browser);
    await signInWithBrowser(page, app.url, 'li', testPassword);
    await page.goto(`${app.url}/alerts`);
    const rows = page.locator('.alerts-table tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    expect(new Set(await rows.locator('.alert-status').allTextContents())).toEqual(new Set(['已发送']));
    expect(await rows.first().locator('td').nth(4).textContent()).toBe('JSON Webhook');
    expect(await page.locator('li[data-channel] button').count()).toBe(0);
    expect((await fetch(`${app.url}/api/alerts/channels/webhook/test`, { method: 'POST' })).status).toBe(401);
  });

  it('warns on every page, and on the alert screen, when no channel is configured', async () => {
    const { page } = await newReviewContext(browser);
    await signInWithBrowser(page, bare.url, 'li', testPassword);
    expect(await page.locator('.banner-warning').first().textContent()).toContain('预警未配置任何发送渠道');
    await page.goto(`${bare.url}/alerts`);
    expect(await page.locator('.channel-on').count()).toBe(0);
  });
});
