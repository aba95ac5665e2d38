// From an alert to an approved response, the way dashboards/README.md walks through it: the 企业微信 alert with its
// 认领 link, opened on a phone; the commentator claims and drafts from a template; the reviewer is told and approves
// (初审 → 复审 for a high-risk post, on a desktop); the commentator publishes. Each step is a screenshot in
// test-artifacts/walkthrough/ (the README's images are copies of these).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertDispatcher } from '../dashboards/alerts/alert-dispatcher.ts';
import { startReviewApp, type ReviewApp } from '../dashboards/review-app/start-review-app.ts';
import type { PostDocument } from '../pipeline/post-document.ts';
import { startWecomReceiver } from './support/chat-robot-receivers.ts';
import { rawPost } from './support/raw-post-factory.ts';
import type { RecordingHttpServer } from './support/recording-http-server.ts';
import { createTestUsers, demoRawPosts, ingestThroughPipeline, temporaryDataDir, testPassword } from './support/review-fixture.ts';
import { launchChromium, newPhoneContext, newReviewContext, runConfirmedAction, runPostAction, signInWithBrowser } from './support/review-browser.ts';
import { testElasticsearch } from './support/test-elasticsearch.ts';
import { testLogger } from './support/test-logger.ts';

const es = testElasticsearch(import.meta.url);
const data = temporaryDataDir();
const frames = join(process.cwd(), 'test-artifacts', 'walkthrough');
/** A frame as PNG (to look at) and as a small JPEG (what the README embeds). */
async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(frames, `${name}.png`), fullPage });
  await page.screenshot({ path: join(frames, `${name}.jpg`), type: 'jpeg', quality: 70, fullPage });
}

describe('walkthrough: from an alert to an approved response', () => {
  let app: ReviewApp;
  let browser: Browser;
  let wecom: RecordingHttpServer;
  /** The 企业微信 alert about the new post (the message of the second check). */
  let alert: string;

  beforeAll(async () => {
    mkdirSync(frames, { recursive: true });
    await es.clean();
    wecom = await startWecomReceiver();
    const base = es.config({
      storage: { dataDir: data.dataDir },
      delivery: { wecom: { webhookUrl: `${wecom.url}/cgi-bin/webhook/send?key=duty` } },
      alerts: { defaultChannels: ['wecom'], cooldownMinutes: 0 },
      review: { port: 0, passwordHashCost: 1024, loginRateLimit: { maxAttempts: 1000 }, notificationChannels: ['wecom'], liveUpdateSeconds: 5 },
    });
    const now = new Date();
    await ingestThroughPipeline(es.client, base, demoRawPosts(now));
    await createTestUsers(es.client, base, [
      { username: 'zhang', role: 'commentator', displayName: '张晓' }, { username: 'li', role: 'reviewer', displayName: '李审' },
      { username: 'wang', role: 'reviewer', displayName: '王审' }, { username: 'chen', role: 'leader', displayName: '陈主任' },
      { username: 'admin', role: 'admin', displayName: '管理员' },
    ]);
    app = await startReviewApp({ client: es.client, config: base, logger: testLogger() });
    const config = { ...base, review: { ...base.review, publicUrl: app.url } };
    // The first crawl is summarised; then a new high-risk post arrives and alerts on its own.
    const dispatcher = createAlertDispatcher({ client: es.client, config, logger: testLogger() });
    await dispatcher.checkAndNotify();
    const fresh = new Date().toISOString();
    await ingestThroughPipeline(es.client, config, [rawPost({
      sourceId: 'demo-weibo', url: 'http://127.0.0.1:8790/weibo/w900.html', publishedAt: fresh, crawledAt: fresh, title: undefined,
      content: '南港新区滨江路一带自来水发黄有刺鼻异味，烧开后还有沉淀，孩子喝了肚子疼，怀疑上游化工厂偷排，希望环保部门赶紧查！',
    })]);
    const before = wecom.requests.length;
    expect((await dispatcher.checkAndNotify()).sent).toBe(1);
    dispatcher.close();
    alert = (JSON.parse(wecom.requests[before]!.body.toString()) as { markdown: { content: string } }).markdown.content;
    await es.client.index({
      index: `${es.prefix}review-templates`, id: '7c1f3d2e-0000-4000-8000-000000000001', refresh: true,
      document: {
        templateId: '7c1f3d2e-0000-4000-8000-000000000001', title: '水质问题回应', topic: 'environmental-pollution', status: 'approved', revision: 2,
        text: '您好，关于您在{{来源}}反映的水质问题，供水公司已派员到场取样检测，检测结果将于{{时限}}内公布。如有不适请及时就医。', createdBy: 'li', createdAt: fresh, updatedBy: 'li', updatedAt: fresh, approvedBy: 'wang', approvedAt: fresh,
      },
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await wecom?.close();
    await es.clean();
    data.remove();
  });

  it('goes from the alert on a phone to a published response', async () => {
    // 1. The alert in the duty group: 企业微信 markdown with 认领 / 查看 links into the app.
    expect(alert).toContain('滨江路');
    const claimUrl = /\[认领\]\(([^)]+)\)/.exec(alert)![1]!;
    expect(claimUrl).toMatch(/\/posts\/[\w-]+\?intent=claim$/);
    const { page: phone } = await newPhoneContext(browser);
    await phone.setContent(`<pre style="white-space:pre-wrap;font:15px/1.6 'Noto Sans CJK SC',sans-serif;padding:16px">${alert.replace(/[<&]/g, (char) => (char === '<' ? '&lt;' : '&amp;'))}</pre>`);
    await shot(phone, '01-alert-wecom');

    // 2. 认领 opens the post (sign-in first), with the claim offered as the main action.
    await phone.goto(claimUrl);
    await phone.fill('#username', 'zhang');
    await phone.fill('#password', testPassword);
    await Promise.all([phone.waitForURL(/intent=claim/), phone.click('button[type="submit"]')]);
    expect(await phone.locator('#action-bar').textContent()).toContain('从预警打开');
    await shot(phone, '02-phone-post-from-alert');
    await runPostAction(phone, 'claim');
    await shot(phone, '03-phone-claimed');

    // 3. Drafting on a desktop: the template fills the source, the evidence explains the score.
    const postId = new URL(claimUrl).pathname.split('/').at(-1)!;
    const { page: zhang } = await newReviewContext(browser);
    await signInWithBrowser(zhang, app.url, 'zhang', testPassword);
    await zhang.goto(`${app.url}/posts/${postId}`);
    await zhang.locator('#template-choice').selectOption({ label: '水质问题回应（环境污染）' });
    await zhang.fill('#draft-text', (await zhang.locator('#draft-text').inputValue()).replace('{{时限}}', '24 小时'));
    await runPostAction(zhang, 'response', { channel: 'official-weibo' });
    await shot(zhang, '04-desktop-draft-and-evidence', true);
    await runPostAction(zhang, 'response/submit');

    // 4. The reviewer hears about it (待我审批, 通知) and approves 初审; a second reviewer 复审.
    const { page: li } = await newReviewContext(browser);
    await signInWithBrowser(li, app.url, 'li', testPassword);
    await expect.poll(() => li.locator('[data-count="approve"]').textContent(), { timeout: 30_000 }).toBe('1');
    await shot(li, '05-reviewer-inbox');
    await li.goto(`${app.url}/posts/${postId}`);
    await li.locator('#action-bar form[data-name="response/approve"] button').click();
    await li.locator('dialog.confirm-dialog').waitFor({ state: 'visible' });
    await shot(li, '06-reviewer-confirm');
    await Promise.all([li.waitForEvent('load'), li.locator('dialog.confirm-dialog button[type="submit"]').click()]);
    const { page: wang } = await newReviewContext(browser);
    await signInWithBrowser(wang, app.url, 'wang', testPassword);
    await wang.goto(`${app.url}/posts/${postId}`);
    await runConfirmedAction(wang, 'response/approve');
    await shot(wang, '07-approved');

    // 5. Back on the phone: the response is approved; the commentator marks it published.
    await phone.goto(`${app.url}/posts/${postId}`);
    await phone.locator('#published-url').fill('https://weibo.example.cn/qinghe/2001');
    await Promise.all([phone.waitForEvent('load'), phone.locator('form[data-name="response/publish"] button').click()]);
    await shot(phone, '08-phone-published');
    const stored = (await es.client.search<PostDocument>({ index: `${es.prefix}posts`, query: { ids: { values: [postId] } } })).hits.hits[0]!._source!;
    expect(stored.review).toMatchObject({ status: 'responded', responseStatus: 'published' });
  });
});
