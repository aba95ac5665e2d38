// The review workflow in real Chromium against the real app and Elasticsearch, with posts that went through
// the real pipeline: sign in, filter, claim, draft, a returned draft, 初审 → 复审 of a high-risk post by two
// different reviewers, publication, a conflict between two browsers, a dismissal that shows up in rule feedback.
// (The chain per risk level, notifications, confirmations and the phone layout: review-workbench.test.ts.)
// Screenshots of the main screens land in test-artifacts/review/.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostDocument } from '../pipeline/post-document.ts';
import { startReviewApp, type ReviewApp } from '../dashboards/review-app/start-review-app.ts';
import { createTestUsers, demoRawPosts, ingestThroughPipeline, reviewTestConfig, reviewTestPosts, temporaryDataDir, testPassword } from './support/review-fixture.ts';
import { launchChromium, newReviewContext, signedInPages, runConfirmedAction, runPostAction, screenshot } from './support/review-browser.ts';
import { testElasticsearch } from './support/test-elasticsearch.ts';
import { testLogger } from './support/test-logger.ts';

const es = testElasticsearch(import.meta.url);
const data = temporaryDataDir();
const config = reviewTestConfig(es.config, data.dataDir, { loginRateLimit: { maxAttempts: 100 } });

const complaint = '锦绣花园业主集体维权：物业乱收费还拒绝退款';
const pollution = '南港新区自来水发黄有异味，疑似水源被污染';
const collapse = '地铁三号线施工工地塌陷，路面出现大坑';
const scam = '冒充社保局工作人员电话诈骗，老人被骗八万';

async function postIdOf(title: string): Promise<string> {
  const response = await es.client.search<PostDocument>({ index: `${es.prefix}posts`, query: { term: { 'title.keyword': title } } });
  return response.hits.hits[0]!._id!;
}

async function storedReview(id: string): Promise<NonNullable<PostDocument['review']>> {
  const response = await es.client.search<PostDocument>({ index: `${es.prefix}posts`, query: { ids: { values: [id] } }, seq_no_primary_term: true });
  return response.hits.hits[0]!._source!.review!;
}

describe('review app in a real browser', () => {
  let app: ReviewApp;
  let browser: Browser;
  const { as, pages } = signedInPages(() => browser, () => app.url, testPassword);

  beforeAll(async () => {
    await es.clean();
    const now = new Date();
    await ingestThroughPipeline(es.client, config, [...reviewTestPosts(now), ...demoRawPosts(now)]);
    await createTestUsers(es.client, config, [
      { username: 'zhang', role: 'commentator', displayName: '张晓' }, { username: 'liu', role: 'commentator', displayName: '刘洋' },
      { username: 'li', role: 'reviewer', displayName: '李审' }, { username: 'wang', role: 'reviewer', displayName: '王审' },
      { username: 'zhao', role: 'leader', displayName: '赵主任' }, { username: 'chen', role: 'analyst', displayName: '陈析' },
      { username: 'admin', role: 'admin', displayName: '管理员' },
    ]);
    app = await startReviewApp({ client: es.client, config, logger: testLogger() });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await es.clean();
    data.remove();
  });

  it('signs in, shows the queue by risk with counts per status, and filters it', async () => {
    const { page } = await newReviewContext(browser);
    await page.goto(`${app.url}/queue`);
    expect(page.url()).toContain('/login?next=%2Fqueue');
    await screenshot(page, '01-login');
    await page.fill('#username', 'zhang');
    await page.fill('#password', 'wrong password here');
    await page.click('button[type="submit"]');
    await expect.poll(() => page.locator('.login-flash').textContent(), { timeout: 15_000 }).toContain('用户名或密码错误');
    await page.close();

    const queue = await as('zhang');
    await expect.poll(() => queue.locator('tr[data-post-id]').count(), { timeout: 15_000 }).toBeGreaterThan(5);
    const allCount = Number(await queue.locator('.status-tab[data-status="all"] .count').textContent());
    const newCount = Number(await queue.locator('.status-tab[data-status="new"] .count').textContent());
    expect(newCount).toBe(allCount);
    expect(await queue.locator('tr[data-post-id]').count()).toBe(allCount);
    await screenshot(queue, '02-queue');

    await queue.fill('input[name="q"]', '水源被污');
    await Promise.all([queue.waitForURL(/q=/), queue.click('.filter-actions button[type="submit"]')]);
    // The pipeline's near-duplicate from the demo hotline mentions it too; both show the match marked.
    expect(await queue.locator('tr[data-post-id] .post-title').allTextContents()).toContain(pollution);
    await screenshot(queue, '03-queue-search');
    const rows = await queue.locator('tr[data-post-id]').count();
    expect(rows).toBeLessThanOrEqual(3);
    for (let row = 0; row < rows; row += 1) {
      expect(await queue.locator('tr[data-post-id]').nth(row).locator('mark.hit').allTextContents()).toContain('水源被污');
    }

    await queue.goto(`${app.url}/queue`);
    await Promise.all([queue.waitForURL(/category=/), queue.selectOption('select[name="category"]', 'safety-incident')]);
    const titles = await queue.locator('tr[data-post-id] .post-title').allTextContents();
    expect(titles).toContain(collapse);
    expect(titles).not.toContain(pollution);
    await screenshot(queue, '04-queue-filtered');
  });

  it('claims a post, drafts a response, gets it returned, then approved in both stages of a high-risk post by two reviewers and published', async () => {
    const id = await postIdOf(complaint);
    const zhang = await as('zhang');
    await zhang.goto(`${app.url}/posts/${id}`);
    await expect.poll(() => zhang.locator('.post-body mark.hit').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await runPostAction(zhang, 'claim');
    expect(await zhang.locator('#actions .assignee').textContent()).toBe('张晓');
    await runPostAction(zhang, 'response', { text: '您好，物业收费问题已转交住建部门核查，请关注后续通报。', channel: 'official-weibo' });
    expect(await zhang.locator('#response h2 .badge').textContent()).toBe('草稿');
    await runPostAction(zhang, 'response/submit');
    expect(await zhang.locator('#response .step.is-current').textContent()).toContain('初审');
    expect(await zhang.locator('form[data-name="response/approve"]').count()).toBe(0);

    const li = await as('li');
    await li.goto(`${app.url}/posts/${id}`);
    await runConfirmedAction(li, 'response/approve', { fields: { comment: '内容属实，同意。' } });
    expect(await li.locator('#response .step.is-current').textContent()).toContain('复审');
    // The same person cannot also approve the next stage of this round.
    expect(await li.locator('form[data-name="response/approve"]').count()).toBe(0);

    const wang = await as('wang');
    await wang.goto(`${app.url}/posts/${id}`);
    await runPostAction(wang, 'response/return', { comment: '请补充核查时限。' });
    expect(await wang.locator('#response h2 .badge').textContent()).toBe('已退回');

    await zhang.goto(`${app.url}/posts/${id}`);
    expect(await zhang.locator('#response .decisions').textContent()).toContain('请补充核查时限。');
    await runPostAction(zhang, 'response', { text: '您好，物业收费问题已转交住建部门核查，将于5个工作日内公布结果。', channel: 'official-weibo' });
    await runPostAction(zhang, 'response/submit');

    await li.goto(`${app.url}/posts/${id}`);
    await runConfirmedAction(li, 'response/approve');
    await wang.goto(`${app.url}/posts/${id}`);
    expect(await wang.locator('#response .step.is-current').textContent()).toContain('复审');
    await screenshot(wang, '05-post-final-review', true);
    await runConfirmedAction(wang, 'response/approve', { fields: { comment: '同意。' } });
    expect(await wang.locator('#response h2 .badge').textContent()).toBe('已通过');

    await zhang.goto(`${app.url}/posts/${id}`);
    await runPostAction(zhang, 'response/publish', { publishedUrl: 'https://weibo.example.cn/qinghe/1001' });
    expect(await zhang.locator('#actions h2 .badge').textContent()).toBe('已回应');
    expect(await zhang.locator('#response').textContent()).toContain('首次回应用时');
    await screenshot(zhang, '06-post-published', true);

    const review = await storedReview(id);
    expect(review).toMatchObject({ status: 'responded', responseStatus: 'published', assignee: 'zhang' });
    expect(review.firstResponseAt).toBeDefined();
    expect(review.firstResponseMinutes).toBeGreaterThanOrEqual(0);
    const approvals = (review.response as { approvals: { round: number; stageId: string; by: string; decision: string }[] }).approvals;
    expect(approvals.map((decision) => `${decision.round}:${decision.stageId}:${decision.by}:${decision.decision}`)).toEqual([
      '1:first:li:approved', '1:second:wang:returned', '2:first:li:approved', '2:second:wang:approved',
    ]);
    // The post's own history shows every step.
    const history = await zhang.locator('#history li').allTextContents();
    expect(history.length).toBeGreaterThanOrEqual(10);
    expect(history.join('\n')).toContain('审批退回');
  });

  it('shows the loser of a simultaneous claim a conflict with the current state, and keeps the winner\'s claim', async () => {
    const id = await postIdOf(pollution);
    const li = await as('li');
    const liu = await as('liu');
    await li.goto(`${app.url}/posts/${id}`);
    await liu.goto(`${app.url}/posts/${id}`);
    await runPostAction(li, 'claim');
    // liu's page still shows revision 0: the claim must not silently overwrite li's.
    await liu.locator('form[data-name="claim"] button').click();
    await expect.poll(() => liu.locator('#flash.flash-conflict').isVisible(), { timeout: 15_000 }).toBe(true);
    const flash = await liu.locator('#flash').textContent();
    expect(flash).toContain('李审');
    expect(flash).toContain('处理中');
    await screenshot(liu, '07-conflict');
    expect((await storedReview(id)).assignee).toBe('li');
    await liu.locator('#flash button').click();
    await liu.waitForLoadState('load');
    expect(await liu.locator('#actions .assignee').textContent()).toBe('李审');
  });

  it('counts a dismissal as a false positive against the rules that fired, on the rule feedback page', async () => {
    const id = await postIdOf(scam);
    const ruleIds = (await es.client.search<PostDocument>({ index: `${es.prefix}posts`, query: { ids: { values: [id] } } })).hits.hits[0]!._source!.risk!.ruleIds;
    expect(ruleIds.length).toBeGreaterThan(0);
    const zhang = await as('zhang');
    await zhang.goto(`${app.url}/posts/${id}`);
    await runPostAction(zhang, 'claim');
    await runConfirmedAction(zhang, 'dismiss', { fields: { reason: 'false-positive', comment: '官方反诈宣传，非真实事件。' } });
    expect(await zhang.locator('#actions h2 .badge').textContent()).toBe('已排除');

    const admin = await as('admin');
    await admin.goto(`${app.url}/rules`);
    for (const ruleId of ruleIds) {
      const row = admin.locator(`tr[data-rule-id="${ruleId}"]`);
      expect(Number(await row.locator('td.false-positives').textContent())).toBeGreaterThanOrEqual(1);
      expect(await row.locator('.precision-value').textContent()).toMatch(/%$/);
    }
    // Least precise first: a rule whose only judged hit was a false positive is at the top.
    expect(await admin.locator('tbody tr').first().locator('.precision-value').textContent()).toBe('0%');
    await screenshot(admin, '08-rule-feedback');
    const analyst = await as('chen');
    await analyst.goto(`${app.url}/rules`);
    expect(await analyst.locator(`tr[data-rule-id="${ruleIds[0]}"]`).count()).toBe(1);
  });

  it('gives analysts a read-only post page and keeps admin screens from other roles', async () => {
    const chen = await as('chen');
    await chen.goto(`${app.url}/posts/${await postIdOf(collapse)}`);
    expect(await chen.locator('form[data-action*="/api/posts/"]').count()).toBe(0);
    expect(await chen.locator('#actions').textContent()).toContain('您的角色只能查看');
    const response = await chen.goto(`${app.url}/audit`);
    expect(response!.status()).toBe(403);
    expect(await chen.locator('h1').textContent()).toBe('403');
    expect(await chen.locator('.nav-link').allTextContents()).not.toContain('审计日志');
    // The browser logs the intended 403 as a failed resource: not an error of the page.
    pages.get('chen')!.errors.splice(0);
  });

  it('shows the audit trail and user management to admins, and switches the UI to English', async () => {
    const admin = await as('admin');
    await admin.goto(`${app.url}/audit`);
    const actions = await admin.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action')));
    expect(actions).toEqual(expect.arrayContaining(['response.approve', 'response.return', 'response.publish', 'post.dismiss', 'post.claim', 'session.login']));
    await screenshot(admin, '09-audit');
    await admin.goto(`${app.url}/users`);
    expect(await admin.locator('tr[data-username]').count()).toBe(7);
    expect(await admin.locator('#chain-staffing li.chain-ok').count()).toBe(4);
    await screenshot(admin, '10-users');

    await Promise.all([admin.waitForEvent('load'), admin.locator('form[data-action="/api/account/language"] button').click()]);
    await admin.goto(`${app.url}/queue`);
    expect(await admin.locator('html').getAttribute('lang')).toBe('en');
    expect(await admin.locator('.nav-link').first().textContent()).toBe('Queue');
    expect(await admin.locator('.status-tab[data-status="responded"]').textContent()).toContain('Responded');
    await screenshot(admin, '11-queue-english');
  });

  it('ran every page without a script error or a CSP violation', () => {
    for (const [username, { errors }] of pages) expect(errors, username).toEqual([]);
  });
});
