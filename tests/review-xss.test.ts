// Crawled text is hostile. A local site publishes a feed whose titles, text, author names and links carry
// script tags, event-handler attributes and javascript: links; yuqing crawls it, runs it through the real
// pipeline, and the review app shows it in real Chromium. Nothing may execute, and the text must still be
// readable as text.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSources } from '../crawlers/crawl-sources.ts';
import { createPostAnalyzer } from '../pipeline/analyze-post.ts';
import { ensurePostIndices } from '../pipeline/ensure-indices.ts';
import type { PostDocument } from '../pipeline/post-document.ts';
import { Pipeline } from '../pipeline/run-pipeline.ts';
import { startReviewApp, type ReviewApp } from '../dashboards/review-app/start-review-app.ts';
import { createTestUsers, temporaryDataDir, testPassword } from './support/review-fixture.ts';
import { launchChromium, newReviewContext, screenshot, signInWithBrowser } from './support/review-browser.ts';
import { signIn } from './support/review-http-client.ts';
import { testElasticsearch } from './support/test-elasticsearch.ts';
import { testLogger } from './support/test-logger.ts';

const es = testElasticsearch(import.meta.url);
const data = temporaryDataDir();

/** A JSON Feed of hostile posts (JSON Feed's content_text reaches the spool verbatim). */
function hostileFeed(origin: string) {
  const now = Date.now();
  const at = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
  return {
    version: 'https://jsonfeed.org/version/1.1', title: '恶意测试站', home_page_url: `${origin}/`,
    items: [
      {
        id: 'x1', url: `${origin}/post/1?a="><script>window.__xss='url'</script>`, date_published: at(5),
        title: '<script>window.__xss="title"</script>市民投诉食堂饭菜吃出异物，多名学生腹泻',
        content_text: '家长反映食堂饭菜吃出异物<img src=x onerror="window.__xss=\'img\'">，多名学生腹泻呕吐，疑似食物中毒。<a href="javascript:window.__xss=\'link\'">点此查看</a>',
        authors: [{ name: '<svg onload="window.__xss=\'author\'">网友' }],
      },
      {
        id: 'x2', url: 'javascript:window.__xss="href"', date_published: at(10),
        title: '"><iframe src="javascript:window.__xss=\'iframe\'"></iframe>小区业主集体维权投诉物业乱收费',
        content_text: '业主集体维权，物业乱收费拒绝退款。<style>body{display:none}</style><body onload="window.__xss=\'body\'">',
        authors: [{ name: 'javascript:alert(1)' }],
      },
      {
        id: 'x3', url: `${origin}/post/3`, date_published: at(15),
        title: '化工厂偷排污水致水源污染 </textarea><script>window.__xss="textarea"</script>',
        content_text: '居民举报化工厂偷排污水，自来水发黄有异味。{{constructor.constructor(\'window.__xss="template"\')()}} ${window.__xss="literal"}',
        authors: [{ name: '\'"><script>window.__xss="quote"</script>' }],
      },
    ],
  };
}

async function assertNothingExecuted(page: Page, label: string): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), label).toBeUndefined();
  const dom = await page.evaluate(() => ({
    scripts: [...document.scripts].map((script) => script.src),
    handlers: [...document.querySelectorAll('*')].flatMap((element) => [...element.attributes].filter((attribute) => attribute.name.startsWith('on')).map((attribute) => `${element.tagName} ${attribute.name}`)),
    javascriptLinks: [...document.querySelectorAll('[href], [src], [action]')].map((element) => element.getAttribute('href') ?? element.getAttribute('src') ?? element.getAttribute('action') ?? '').filter((value) => /^\s*javascript:/i.test(value)),
    // The app draws its own bars as inline SVG (svg.contribution-bar, svg.spread-chart); any other svg came from crawled text.
    foreign: document.querySelectorAll('img, svg:not(.contribution-bar):not(.spread-chart), iframe, style, object, embed').length,
  }));
  expect(dom.scripts.map((src) => new URL(src).pathname), label).toEqual(['/assets/review-app.js']);
  expect(dom.handlers, label).toEqual([]);
  expect(dom.javascriptLinks, label).toEqual([]);
  expect(dom.foreign, label).toBe(0);
}

describe('hostile crawled text in the review app', () => {
  let site: Server;
  let origin: string;
  let app: ReviewApp;
  beforeAll(async () => {
    await es.clean();
    site = createServer((request, response) => {
      if (request.url === '/robots.txt') return response.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
      if (request.url === '/feed.json') return response.writeHead(200, { 'content-type': 'application/feed+json; charset=utf-8' }).end(JSON.stringify(hostileFeed(origin)));
      return response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await new Promise((resolve) => site.close(resolve));
    await es.clean();
    data.remove();
  });

  it('crawls the hostile feed, stores the text as text, and shows it escaped with nothing executing', async () => {
    const config = es.config({
      storage: { dataDir: data.dataDir },
      crawl: { maxRequestsPerMinute: 60_000, requestTimeoutSeconds: 5, retryBackoffMillis: 20, maxRetries: 1 },
      sources: [{ id: 'hostile-feed', name: '<b onmouseover="window.__xss=\'source\'">恶意来源</b>', type: 'rss', startUrls: [`${origin}/feed.json`], refreshWindowHours: 0 }],
      review: { port: 0, passwordHashCost: 1024, loginRateLimit: { maxAttempts: 100 } },
    });
    const [report] = await crawlSources(config, { logger: testLogger() });
    expect(report!.status).toBe('ok');
    const names = await ensurePostIndices(es.client, config.elasticsearch);
    await new Pipeline({ client: es.client, config, names, analyzer: createPostAnalyzer(config), logger: testLogger() }).processRawSpool();
    await es.client.indices.refresh({ index: `${es.prefix}posts` });
    const stored = await es.client.search<PostDocument>({ index: `${es.prefix}posts`, size: 10, sort: [{ publishedAt: 'desc' }] });
    const posts = stored.hits.hits.map((hit) => ({ id: hit._id!, post: hit._source! }));
    // The raw-post contract refuses a javascript: post URL; the rest arrive with their markup as literal text.
    expect(posts.map(({ post }) => post.title?.slice(0, 8))).toEqual(['<script>', '化工厂偷排污水致']);
    expect(posts[0]!.post.content).toContain('<img src=x onerror=');
    expect(posts[0]!.post.risk?.ruleIds.length).toBeGreaterThan(0);

    await createTestUsers(es.client, config, [
      { username: 'zhang', role: 'commentator', displayName: '<img src=x onerror="window.__xss=\'user\'">张' }, { username: 'admin', role: 'admin' },
    ]);
    app = await startReviewApp({ client: es.client, config, logger: testLogger() });
    // What reviewers type is shown back escaped too.
    const zhang = await signIn(app.url, 'zhang', testPassword);
    const target = posts[0]!;
    await zhang.send('POST', `/api/posts/${target.id}/claim`, { body: { expectedRevision: 0 } });
    await zhang.send('POST', `/api/posts/${target.id}/notes`, { body: { expectedRevision: 1, text: '<script>window.__xss="note"</script>备注' } });
    await zhang.send('PUT', `/api/posts/${target.id}/response`, { body: { expectedRevision: 2, text: '</textarea><script>window.__xss="draft"</script>回应', channel: 'website' } });

    const browser = await launchChromium();
    try {
      const { page, errors } = await newReviewContext(browser);
      const dialogs: string[] = [];
      page.on('dialog', async (dialog) => {
        dialogs.push(dialog.message());
        await dialog.dismiss();
      });
      await signInWithBrowser(page, app.url, 'admin', testPassword);
      for (const path of ['/queue?scope=all', `/queue?scope=all&q=${encodeURIComponent('<script>')}`, ...posts.map(({ id }) => `/posts/${id}`), '/audit', '/users', '/rules']) {
        await page.goto(`${app.url}${path}`);
        await page.mouse.move(300, 300);
        await page.mouse.move(600, 400);
        await assertNothingExecuted(page, path);
      }
      await page.goto(`${app.url}/posts/${target.id}`);
      expect(await page.locator('h1.post-title-full').textContent()).toContain('<script>window.__xss="title"</script>');
      expect(await page.locator('.post-body').first().textContent()).toContain('<img src=x onerror="window.__xss=\'img\'">');
      expect(await page.locator('.post-author').textContent()).toBe('<svg onload="window.__xss=\'author\'">网友');
      expect(await page.locator('#notes').textContent()).toContain('<script>window.__xss="note"</script>备注');
      expect(await page.locator('#draft-text').inputValue()).toBe('</textarea><script>window.__xss="draft"</script>回应');
      expect(await page.locator('a.original-link').getAttribute('href')).toBe(new URL(`${origin}/post/1?a="><script>window.__xss='url'</script>`).href);
      await screenshot(page, '12-hostile-post', true);
      await page.goto(`${app.url}/queue?scope=all`);
      await screenshot(page, '13-hostile-queue');
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
