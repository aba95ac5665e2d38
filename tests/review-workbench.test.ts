// The workbench flows of issue 13 in real Chromium against the real app and Elasticsearch, with posts that went
// through the real pipeline: inbox counts that move without a reload, a notification reaching the next approver
// (in the app and through a chat channel), the chain by risk level with who may still act, confirmations with
// reasons, undo, a typed response surviving an expired session, and the phone layout.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../config/config-schema.ts';
import type { PostDocument } from '../pipeline/post-document.ts';
import { startReviewApp, type ReviewApp } from '../dashboards/review-app/start-review-app.ts';
import { startWebhookReceiver } from './support/chat-robot-receivers.ts';
import { rawPost } from './support/raw-post-factory.ts';
import type { RecordingHttpServer } from './support/recording-http-server.ts';
import { createTestUsers, demoRawPosts, ingestThroughPipeline, reviewTestPosts, temporaryDataDir, testPassword } from './support/review-fixture.ts';
import { launchChromium, newPhoneContext, newReviewContext, signedInPages, overflowingElements, runConfirmedAction, runPostAction, screenshot, signInWithBrowser } from './support/review-browser.ts';
import { testElasticsearch } from './support/test-elasticsearch.ts';
import { testLogger } from './support/test-logger.ts';

const es = testElasticsearch(import.meta.url);
const data = temporaryDataDir();

async function postIdByText(text: string): Promise<string> {
  const response = await es.client.search<PostDocument>({ index: `${es.prefix}posts`, query: { match_phrase: { content: text } }, sort: [{ 'risk.score': 'desc' }] });
  return response.hits.hits[0]!._id!;
}
async function storedPost(id: string): Promise<PostDocument> {
  const response = await es.client.search<PostDocument>({ index: `${es.prefix}posts`, query: { ids: { values: [id] } } });
  return response.hits.hits[0]!._source!;
}
const countOf = (page: Page, box: string) => page.locator(`[data-count="${box}"]`).textContent();

describe('workbench v2 in a real browser', () => {
  let app: ReviewApp;
  let browser: Browser;
  let webhook: RecordingHttpServer;
  let config: Config;
  const { as, pages } = signedInPages(() => browser, () => app.url, testPassword);

  beforeAll(async () => {
    await es.clean();
    webhook = await startWebhookReceiver('notify-secret');
    config = es.config({
      storage: { dataDir: data.dataDir },
      delivery: { webhook: { url: `${webhook.url}/hook`, secret: 'notify-secret' } },
      review: {
        port: 0, passwordHashCost: 1024, loginRateLimit: { maxAttempts: 1000 }, authCacheSeconds: 0,
        liveUpdateSeconds: 5, draftAutosaveSeconds: 1, notificationChannels: ['webhook'],
      },
    });
    const now = new Date();
    const at = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
    // A rumour, a question about it and the official debunk: one story.
    const story = [
      rawPost({ sourceId: 'qinghe-weibo', url: 'https://weibo.example.cn/status/9001', publishedAt: at(90), crawledAt: at(1), title: '网传青禾水库溃坝，下游村庄被淹', content: '网传青禾水库溃坝了，下游好几个村庄被淹，大家赶紧转移，求扩散！有没有人知道是真的吗？' }),
      rawPost({ sourceId: 'qinghe-forum', url: 'https://bbs.example.cn/thread-9002.html', publishedAt: at(70), crawledAt: at(1), title: '青禾水库溃坝是真的吗', content: '听说青禾水库溃坝，下游村庄被淹，有人在群里发了视频，不知道真假，求证。' }),
      rawPost({ sourceId: 'qinghe-news', url: 'https://news.example.cn/9003.html', publishedAt: at(40), crawledAt: at(1), title: '青禾市水利局辟谣：青禾水库溃坝系谣言', content: '针对网传青禾水库溃坝、下游村庄被淹的消息，青禾市水利局经核实，青禾水库大坝运行正常，网传视频系外地旧视频，请勿信谣传谣。' }),
    ];
    await ingestThroughPipeline(es.client, config, [...reviewTestPosts(now), ...demoRawPosts(now), ...story]);
    await createTestUsers(es.client, config, [
      { username: 'zhang', role: 'commentator', displayName: '张晓' }, { username: 'liu', role: 'commentator', displayName: '刘洋' },
      { username: 'li', role: 'reviewer', displayName: '李审' }, { username: 'wang', role: 'reviewer', displayName: '王审' },
      { username: 'chen', role: 'leader', displayName: '陈主任' }, { username: 'admin', role: 'admin', displayName: '管理员' },
    ]);
    app = await startReviewApp({ client: es.client, config, logger: testLogger() });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await webhook?.close();
    await es.clean();
    data.remove();
  });

  it('counts each person\'s inboxes and updates the badges without a reload', async () => {
    const zhang = await as('zhang');
    await expect.poll(() => countOf(zhang, 'todo'), { timeout: 15_000 }).toBe('0');
    // A second tab of zhang claims a post: the first tab's badge follows within a poll.
    const { page: other } = await newReviewContext(browser);
    await signInWithBrowser(other, app.url, 'zhang', testPassword);
    await other.goto(`${app.url}/posts/${await postIdByText('快递驿站丢了一个包裹')}`);
    await runPostAction(other, 'claim');
    await other.context().close();
    await expect.poll(() => countOf(zhang, 'todo'), { timeout: 30_000 }).toBe('1');
    await zhang.click('a[data-inbox="todo"]');
    await zhang.waitForURL(/inbox=todo/);
    expect(await zhang.locator('tr[data-post-id] .post-title').allTextContents()).toEqual(['快递驿站丢件没人管，投诉无门']);
    expect(await zhang.locator('h1').textContent()).toBe('待我处理');
    // A commentator has no 待我审批; a reviewer does.
    expect(await zhang.locator('a[data-inbox="approve"]').count()).toBe(0);
    const li = await as('li');
    expect(await li.locator('a[data-inbox="approve"]').count()).toBe(1);
    await screenshot(zhang, '20-inbox-todo');
  });

  it('tells the next approver, in the app and in the chat channel, and names who may still act at each stage', async () => {
    // A high-risk post: 初审 → 复审.
    const id = await postIdByText('自来水明显发黄');
    const zhang = await as('zhang');
    const li = await as('li');
    await li.goto(`${app.url}/queue`);
    await expect.poll(() => countOf(li, 'notifications'), { timeout: 15_000 }).toBe('0');
    await zhang.goto(`${app.url}/posts/${id}`);
    await runPostAction(zhang, 'claim');
    await runPostAction(zhang, 'response', { text: '您好，供水公司已到场检测，结果将于今日公布。', channel: 'official-weibo' });
    expect(await zhang.locator('#response .step').allTextContents()).toEqual([expect.stringContaining('初审'), expect.stringContaining('复审')]);
    await runPostAction(zhang, 'response/submit');
    expect(await zhang.locator('#response .step.is-current').textContent()).toContain('可审批：李审、王审、管理员');

    // li's queue page, left open, shows the notification and the inbox count on its next poll.
    await expect.poll(() => countOf(li, 'notifications'), { timeout: 30_000 }).toBe('1');
    await expect.poll(() => countOf(li, 'approve'), { timeout: 30_000 }).toBe('1');
    await li.click('a[data-inbox="notifications"]');
    await li.waitForURL(/notifications/);
    expect(await li.locator('.notification.is-unread .notification-text').first().textContent()).toBe('张晓 的回应等待您审批（初审）');
    await screenshot(li, '21-notification');
    await Promise.all([li.waitForURL(new RegExp(`/posts/${id}`)), li.locator('.notification a').first().click()]);
    await runConfirmedAction(li, 'response/approve');
    expect(await li.locator('#response .step.is-current').textContent()).toContain('可审批：王审、管理员');
    // Opening the post read its notification.
    await expect.poll(() => countOf(li, 'notifications'), { timeout: 30_000 }).toBe('0');

    // The chat channel got both notifications, with a link into the app.
    await expect.poll(() => webhook.requests.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const messages = webhook.requests.map((request) => JSON.parse(request.body.toString()) as { title: string; items: { url: string; facts: { label: string; value: string }[] }[] });
    expect(messages[0]!.title).toContain('【待审批】');
    expect(messages[0]!.items[0]!.url).toBe(`${app.url}/posts/${id}`);
    expect(messages[0]!.items[0]!.facts).toEqual(expect.arrayContaining([{ label: '通知', value: '李审、王审、管理员' }]));
    expect(messages.at(-1)!.items[0]!.facts).toEqual(expect.arrayContaining([{ label: '通知', value: '王审、管理员' }]));

    const wang = await as('wang');
    await wang.goto(`${app.url}/queue?inbox=approve`);
    expect(await wang.locator('tr[data-post-id]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-post-id')))).toEqual([id]);
    await wang.goto(`${app.url}/posts/${id}`);
    await runConfirmedAction(wang, 'response/approve');
    expect(await wang.locator('#response h2 .badge').textContent()).toBe('已通过');
    await expect.poll(async () => { await zhang.goto(`${app.url}/notifications`); return zhang.locator('.notification-text').first().textContent(); }, { timeout: 15_000 })
      .toContain('回应已全部审批通过');
  });

  it('asks a low-risk response for one stage and a critical one for three, the last signed off by a leader', async () => {
    const low = await postIdByText('通过12345热线咨询公积金提取流程');
    const critical = await postIdByText('交了五万块定金');
    const liu = await as('liu');
    for (const [id, text] of [[low, '感谢您的肯定，我们会继续做好服务。'], [critical, '您好，已将线索转交公安机关，请受损业主携带合同到派出所报案。']] as const) {
      await liu.goto(`${app.url}/posts/${id}`);
      await runPostAction(liu, 'claim');
      await runPostAction(liu, 'response', { text, channel: 'official-weibo' });
      await runPostAction(liu, 'response/submit');
    }
    const li = await as('li');
    await li.goto(`${app.url}/posts/${low}`);
    expect(await li.locator('#response .step').count()).toBe(1);
    await runConfirmedAction(li, 'response/approve');
    expect(await li.locator('#response h2 .badge').textContent()).toBe('已通过');

    await li.goto(`${app.url}/posts/${critical}`);
    expect(await li.locator('#response .step .step-name').allTextContents()).toEqual(['初审', '复审', '签发']);
    expect(await li.locator('#response .step[data-stage="final"] .step-who').textContent()).toBe('签发人/管理员');
    await runConfirmedAction(li, 'response/approve');
    // li approved 初审 of this round: 复审 needs someone else.
    expect(await li.locator('#response .step.is-current').textContent()).toContain('可审批：王审、管理员');
    expect(await li.locator('form[data-name="response/approve"]').count()).toBe(0);
    const wang = await as('wang');
    await wang.goto(`${app.url}/posts/${critical}`);
    await runConfirmedAction(wang, 'response/approve');
    expect(await wang.locator('#response .step.is-current').textContent()).toContain('可审批：陈主任、管理员');
    // A reviewer cannot sign off; the leader can, and sees it first.
    expect(await wang.locator('form[data-name="response/approve"]').count()).toBe(0);
    const chen = await as('chen');
    await expect.poll(() => countOf(chen, 'approve'), { timeout: 30_000 }).toBe('1');
    await chen.goto(`${app.url}/posts/${critical}`);
    expect(await chen.locator('#action-bar button').first().textContent()).toBe('通过 · 签发');
    await screenshot(chen, '22-leader-sign-off', true);
    await runConfirmedAction(chen, 'response/approve');
    expect(await chen.locator('#response h2 .badge').textContent()).toBe('已通过');
    const review = (await storedPost(critical)).review!;
    expect((review.response as { approvals: { stageId: string; by: string }[] }).approvals.map((decision) => `${decision.stageId}:${decision.by}`))
      .toEqual(['first:li', 'second:wang', 'final:chen']);
  });

  it('asks before a take-over, a dismissal and an escalation, requires the reason, and offers undo', async () => {
    const id = await postIdByText('停车费一年涨了三倍');
    const zhang = await as('zhang');
    await zhang.goto(`${app.url}/posts/${id}`);
    await runPostAction(zhang, 'claim');
    const li = await as('li');
    await li.goto(`${app.url}/posts/${id}`);
    // A reviewer's main button on a colleague's post is not 认领; taking over is a confirmed, reasoned action.
    expect(await li.locator('#action-bar .button-primary').count()).toBe(0);
    await li.locator('#action-bar form[data-name="claim"] button').click();
    const dialog = li.locator('dialog.confirm-dialog');
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.textContent()).toContain('此信息由 张晓 处理中');
    await screenshot(li, '23-confirm-take-over');
    await dialog.locator('button[type="button"]').click();
    await dialog.waitFor({ state: 'detached' });
    expect((await storedPost(id)).review!.assignee).toBe('zhang');
    // The reason is required: an empty one does not submit.
    await li.locator('#action-bar form[data-name="claim"] button').click();
    await dialog.locator('button[type="submit"]').click();
    expect(await dialog.isVisible()).toBe(true);
    await dialog.locator('textarea').fill('涉及多个小区，统一由审核员处理');
    await Promise.all([li.waitForEvent('load'), dialog.locator('button[type="submit"]').click()]);
    expect(await li.locator('#actions .assignee').textContent()).toBe('李审');
    await zhang.goto(`${app.url}/notifications`);
    expect(await zhang.locator('.notification-text').first().textContent()).toBe('李审 接手了您认领的信息：涉及多个小区，统一由审核员处理');

    // Dismiss: no reason is preselected, and the browser will not send the form without one.
    expect(await li.locator('#dismiss-reason').inputValue()).toBe('');
    await li.locator('form[data-name="dismiss"] button[type="submit"]').click();
    expect(await li.locator('dialog.confirm-dialog').count()).toBe(0);
    await runConfirmedAction(li, 'dismiss', { fields: { reason: 'not-relevant' } });
    expect(await li.locator('#actions h2 .badge').textContent()).toBe('已排除');
    await screenshot(li, '24-undo-offer');
    await Promise.all([li.waitForEvent('load'), li.locator('#undo-button').click()]);
    expect(await li.locator('#actions h2 .badge').textContent()).toBe('处理中');
    expect((await storedPost(id)).review).toMatchObject({ status: 'in_progress', assignee: 'li' });

    // Escalation needs a reason too, and reaches every reviewer and administrator.
    await runConfirmedAction(li, 'escalate', { reason: '业主准备集体上访，需领导研判' });
    expect(await li.locator('#actions h2 .badge').textContent()).toBe('已上报');
    const admin = await as('admin');
    await admin.goto(`${app.url}/notifications`);
    expect(await admin.locator('.notification-text').first().textContent()).toBe('李审 上报了信息：业主准备集体上访，需领导研判');
    const audit = await es.client.search({ index: `${es.prefix}audit`, query: { bool: { filter: [{ term: { targetId: id } }, { term: { action: 'post.undo' } }] } } });
    expect(audit.hits.hits).toHaveLength(1);
  });

  it('keeps a typed response through an expired session and restores it after signing in again', async () => {
    const id = await postIdByText('食堂饭菜中吃出异物');
    const { page, errors } = await newReviewContext(browser);
    pages.set('zhang-draft', { page, errors });
    await signInWithBrowser(page, app.url, 'zhang', testPassword);
    await page.goto(`${app.url}/posts/${id}`);
    await runPostAction(page, 'claim');
    const typed = '您好，市场监管部门已进驻学校食堂，留样已送检，检测结果和处理情况将第一时间公布。';
    await page.fill('#draft-text', typed);
    await expect.poll(() => page.locator('#autosave-state').textContent(), { timeout: 15_000 }).toContain('已自动保存');
    // The session ends (idle timeout, sign-out elsewhere): every session of zhang is gone.
    await es.client.deleteByQuery({ index: `${es.prefix}review-sessions`, query: { term: { username: 'zhang' } }, refresh: true }).catch(async () => {
      const sessions = await es.client.search({ index: `${es.prefix}review-sessions`, query: { term: { username: 'zhang' } }, size: 100 });
      for (const hit of sessions.hits.hits) await es.client.delete({ index: `${es.prefix}review-sessions`, id: hit._id!, refresh: true });
    });
    await page.fill('#draft-text', `${typed}感谢家长监督。`);
    await Promise.all([page.waitForURL(/\/login\?expired=1/), page.locator('form[data-name="response"] button[type="submit"]').click()]);
    expect(await page.locator('.login-flash').textContent()).toContain('会话已过期');
    await page.fill('#username', 'zhang');
    await page.fill('#password', testPassword);
    await Promise.all([page.waitForURL(new RegExp(`/posts/${id}`)), page.click('button[type="submit"]')]);
    expect(await page.locator('#draft-text').inputValue()).toBe(`${typed}感谢家长监督。`);
    await screenshot(page, '25-draft-restored');
    await runPostAction(page, 'response', { channel: 'official-wechat' });
    expect((await storedPost(id)).review!.response).toMatchObject({ text: `${typed}感谢家长监督。` });
    // zhang's other tab lost its session too: later tests sign in again.
    const earlier = pages.get('zhang');
    if (earlier) {
      pages.set('zhang-before-expiry', earlier);
      pages.delete('zhang');
    }
  });

  it('fits a phone and a desktop: cards, readable text, no element wider than the screen, the action bar never over the post text', async () => {
    const id = await postIdByText('地铁三号线施工路段发生路面塌陷');
    // A story of three reports from three sources.
    const event = (await storedPost(await postIdByText('好多人去超市抢桶装水'))).eventId!;
    const { page, errors } = await newPhoneContext(browser);
    pages.set('phone', { page, errors });
    await signInWithBrowser(page, app.url, 'zhang', testPassword);
    const screens: [string, string][] = [['/queue', '30-phone-queue'], [`/posts/${id}`, '31-phone-post'], [`/stories/${event}`, '32-phone-story'], ['/notifications', '33-phone-notifications'], ['/templates', '34-phone-templates']];
    for (const [path, name] of screens) {
      expect((await page.goto(`${app.url}${path}`))!.status(), path).toBe(200);
      const overflow = await overflowingElements(page);
      expect(overflow, path).toEqual({ scrollWidth: 390, viewport: 390, elements: [] });
      await screenshot(page, name);
    }
    // The same screens at 1440×900, signed in as the administrator who sees every screen.
    const admin = await as('admin');
    for (const path of ['/queue', `/posts/${id}`, `/stories/${event}`, '/alerts', '/users', '/audit', '/templates', '/notifications']) {
      expect((await admin.goto(`${app.url}${path}`))!.status(), path).toBe(200);
      expect(await overflowingElements(admin), path).toEqual({ scrollWidth: 1440, viewport: 1440, elements: [] });
    }
    // The queue is cards: no table header, each row one block as wide as the screen.
    await page.goto(`${app.url}/queue`);
    expect(await page.locator('.queue-table thead').isVisible()).toBe(false);
    const card = await page.locator('tr[data-post-id]').first().boundingBox();
    expect(card!.width).toBeGreaterThan(330);
    const fontSize = await page.locator('.post-title').first().evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(15);

    // On the post, the main action sits in a bar at the bottom; the text above it is never covered.
    await page.goto(`${app.url}/posts/${id}`);
    const actionBar = page.locator('#action-bar');
    expect(await actionBar.evaluate((element) => getComputedStyle(element).position)).toBe('fixed');
    const barTop = (await actionBar.boundingBox())!.y;
    const body = (await page.locator('.post-body').boundingBox())!;
    expect(body.y).toBeLessThan(barTop);
    expect(await page.locator('.post-body').evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize))).toBeGreaterThanOrEqual(16);
    // Scrolled to the end, the last content ends above the bar.
    await page.evaluate('window.scrollTo(0, document.body.scrollHeight)');
    const lastBottom = await page.evaluate(`(() => { const panels = [...document.querySelectorAll('main .panel')]; return Math.max(...panels.map((panel) => panel.getBoundingClientRect().bottom)); })()`) as number;
    expect(lastBottom).toBeLessThanOrEqual((await actionBar.boundingBox())!.y + 1);
    await screenshot(page, '35-phone-post-end');
    await runPostAction(page, 'claim');
    expect(await page.locator('#actions .assignee').textContent()).toBe('张晓');
  });

  it('offers "N 条新内容" on an open queue when posts arrive, instead of moving rows under the reader', async () => {
    const li = await as('li');
    await li.goto(`${app.url}/queue`);
    expect(await li.locator('#live-bar').isHidden()).toBe(true);
    const now = new Date().toISOString();
    await ingestThroughPipeline(es.client, config, [rawPost({
      sourceId: 'qinghe-news', url: 'https://news.example.cn/live.html', publishedAt: now, crawledAt: now,
      title: '青禾大桥发生车辆追尾事故，造成3人受伤', content: '今天上午青禾大桥发生多车追尾事故，造成3人受伤送医，交通一度中断。',
    })]);
    await expect.poll(() => li.locator('#live-refresh').textContent(), { timeout: 30_000 }).toContain('1 条新信息');
    await screenshot(li, '26-live-bar');
    await Promise.all([li.waitForEvent('load'), li.locator('#live-refresh').click()]);
    expect(await li.locator('tr[data-post-id] .post-title').allTextContents()).toContain('青禾大桥发生车辆追尾事故，造成3人受伤');
  });

  it('keeps approved answer templates (口径库): written by one, approved by another, filled from the post while drafting', async () => {
    const zhang = await as('zhang');
    await zhang.goto(`${app.url}/templates`);
    await zhang.fill('#new-title', '辟谣回应');
    await zhang.locator('#new-topic').selectOption('rumour');
    await zhang.fill('#new-text', '网传“{{标题}}”一事，经核实系谣言。我们将于{{时限}}内公布核查详情，请以官方发布为准。（{{今天}}）');
    await Promise.all([zhang.waitForEvent('load'), zhang.locator('form.template-new button[type="submit"]').click()]);
    // Its author cannot approve it; a reviewer can.
    expect(await zhang.locator('.template[data-status="draft"] form[data-action$="/approve"]').count()).toBe(0);
    const li = await as('li');
    await li.goto(`${app.url}/templates`);
    await Promise.all([li.waitForEvent('load'), li.locator('.template[data-status="draft"] form[data-action$="/approve"] button').click()]);
    expect(await li.locator('.template[data-status="approved"] h2').textContent()).toContain('辟谣回应');

    const id = await postIdByText('听说青禾水库溃坝');
    await zhang.goto(`${app.url}/posts/${id}`);
    await runPostAction(zhang, 'claim');
    await zhang.locator('#template-choice').selectOption({ label: '辟谣回应（谣言与不实信息）' });
    const text = await zhang.locator('#draft-text').inputValue();
    expect(text).toContain('网传“青禾水库溃坝是真的吗”一事');
    expect(text).toContain('{{时限}}');
    expect(text).not.toContain('{{今天}}');
    expect(await zhang.locator('#placeholder-hint').isVisible()).toBe(true);
    await runPostAction(zhang, 'response', { channel: 'official-weibo' });
    await zhang.locator('form[data-name="response/submit"] button').first().click();
    await expect.poll(() => zhang.locator('#flash.flash-error').textContent(), { timeout: 15_000 }).toContain('未填写的占位符');
    expect((await storedPost(id)).review!.responseStatus).toBe('draft');
  });

  it('shows a story whole: the rumour and its debunk side by side, from a post to its story and back, with a 快报', async () => {
    const zhang = await as('zhang');
    await zhang.goto(`${app.url}/posts/${await postIdByText('网传青禾水库溃坝了')}`);
    await Promise.all([zhang.waitForURL(/\/stories\//), zhang.locator('a.story-link').click()]);
    expect(await zhang.locator('#story-rumour .story-post-title').allTextContents()).toEqual(expect.arrayContaining(['网传青禾水库溃坝，下游村庄被淹', '青禾水库溃坝是真的吗']));
    expect(await zhang.locator('#story-official .story-post-title').allTextContents()).toContain('青禾市水利局辟谣：青禾水库溃坝系谣言');
    expect(await zhang.locator('.risk-reason').first().textContent()).toMatch(/\d+ 个来源 \d+ 条/);
    await screenshot(zhang, '27-story', true);
    const brief = await zhang.context().request.get(`${zhang.url()}/brief`);
    expect(brief.status()).toBe(200);
    expect(brief.headers()['content-security-policy']).toContain("default-src 'none'");
    expect(await brief.text()).toContain('舆情快报：');
    await Promise.all([zhang.waitForURL(/\/posts\//), zhang.locator('#story-official .story-post-title').first().click()]);
  });

  it('shows the audit in words: display names, Chinese actions and readable details, no raw JSON', async () => {
    const admin = await as('admin');
    await admin.goto(`${app.url}/audit`);
    const changes = await admin.locator('.audit-change').allTextContents();
    expect(changes.join('\n')).not.toContain('{"');
    expect(await admin.locator('tbody tr td:nth-child(2) b').allTextContents()).toEqual(expect.arrayContaining(['李审', '张晓']));
    expect(await admin.locator('tr[data-action="post.undo"] td:nth-child(3)').first().textContent()).toBe('撤销上一步');
    expect(await admin.locator('tr[data-action="post.undo"] .audit-change').first().textContent()).toContain('撤销的操作：排除');
    await screenshot(admin, '28-audit');
  });

  it('ran every page without a script error or a CSP violation', () => {
    // The expired session's refused autosave is logged by the browser as a failed request: intended, not a page error.
    for (const [username, { errors }] of pages) expect(errors.filter((error) => !/status of 401/.test(error)), username).toEqual([]);
  });
});
