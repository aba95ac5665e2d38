import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteClock } from '../../tests/support/fixture-sites/fixture-content.ts';
import { startFixtureSite, type FixtureSite } from '../../tests/support/fixture-sites/fixture-site.ts';
import { crawlOnce, fixtureSources, temporaryDataDir } from '../../tests/support/fixture-sites/fixture-sources.ts';
import { traditionalTitles } from '../../tests/support/fixture-sites/news-portal.ts';

/** Minute precision: pages show times to the minute. */
const minute = (date: Date | string) => Math.floor(new Date(date).getTime() / 60_000);

describe('html source type', () => {
  let site: FixtureSite;
  const data = temporaryDataDir();
  beforeAll(async () => {
    site = await startFixtureSite({ forumThreads: 7, floorsPerThread: 23 });
  });
  afterAll(async () => {
    await site.close();
    data.remove();
  });

  const crawl = (declaration: Parameters<typeof crawlOnce>[1]) => crawlOnce(data.dataDir, declaration);

  it('follows the news list\'s pager to every article and decodes GBK pages declared in <meta> or the header', async () => {
    const { report, posts } = await crawl(fixtureSources(site.origin).newsHtml);
    expect(report.status).toBe('ok');
    expect(posts).toHaveLength(site.content.news.length);
    for (const article of site.content.news) {
      const post = posts.find((candidate) => candidate.platformPostId === article.id);
      expect(post, `article ${article.id}`).toBeDefined();
      expect(post!.title).toBe(article.title);
      expect(post!.content.replace(/\s/g, '')).toBe(article.text.replace(/\s/g, ''));
      expect(post!.authorName).toBe(`记者 ${article.author}`);
      expect(minute(post!.publishedAt!)).toBe(minute(article.publishedAt));
      expect(post!.engagement?.comments).toBe(article.comments);
      expect(post!.content).not.toContain('\uFFFD');
    }
  });

  it('never requests a path robots.txt disallows, and counts it', async () => {
    const { report } = await crawl({ ...fixtureSources(site.origin).newsHtml, id: 'news-html-robots' });
    expect(report.pagesDisallowed).toBeGreaterThanOrEqual(1);
    expect(site.requests.some((path) => path.startsWith('/members/'))).toBe(false);
  });

  it('stores each forum floor as its own post linked to its thread, across the thread\'s pages', async () => {
    const { report, posts } = await crawl(fixtureSources(site.origin).forum);
    expect(report.status).toBe('ok');
    const floors = site.content.threads.flatMap((thread) => thread.floors.map((floor, index) => ({ thread, floor, index })));
    expect(posts).toHaveLength(floors.length);
    for (const { thread, floor, index } of floors) {
      const post = posts.find((candidate) => candidate.platformPostId === floor.id);
      expect(post, `floor ${floor.id}`).toBeDefined();
      expect(post!.threadId).toBe(thread.tid);
      expect(post!.replyToId).toBe(index === 0 ? undefined : thread.floors[0]!.id);
      expect(post!.title).toBe(index === 0 ? thread.title : undefined);
      expect(post!.authorName).toBe(floor.author);
      expect(post!.content).toBe(floor.text);
      expect(siteClock(new Date(post!.publishedAt!))).toBe(siteClock(floor.publishedAt));
    }
    // 23 floors at 10 a page: every thread was read on pages 1, 2 and 3.
    expect(site.requests.filter((path) => /^\/bbs\/thread-\d+-3-1\.html$/.test(path))).toHaveLength(site.content.threads.length);
  });

  it('tags a Big5 traditional-Chinese page zh-TW and decodes it', async () => {
    const { posts } = await crawl(fixtureSources(site.origin).traditionalNews);
    expect(posts.map((post) => post.title).sort()).toEqual([...traditionalTitles].sort());
    for (const post of posts) {
      expect(post.language).toBe('zh-TW');
      expect(post.content).not.toContain('\uFFFD');
    }
  });

  it('reports a list whose selectors suddenly match nothing as broken, not as "no new posts"', async () => {
    const { report, posts } = await crawl({ ...fixtureSources(site.origin).newsHtml, id: 'news-redesigned', startUrls: [`${site.origin}/faulty/redesigned/`] });
    expect(report.status).toBe('broken');
    expect(report.error).toMatchObject({ reason: 'selector-matched-nothing', policy: 'fatal' });
    expect(posts).toEqual([]);
  });

  it('reads article pages whose content selector stopped matching by automatic extraction, and warns naming the selector and a page', async () => {
    const declaration = fixtureSources(site.origin).newsHtml;
    const { report, posts } = await crawl({ ...declaration, id: 'news-detail-redesigned', article: { ...declaration.article, contentSelector: 'div.content-v2' } });
    expect(report.status).toBe('ok');
    expect(report.state).toBe('degraded');
    const warning = report.warnings.find((candidate) => candidate.code === 'selector-missed');
    expect(warning).toMatchObject({ field: 'content', selector: 'div.content-v2', count: site.content.news.length });
    expect(warning!.url).toMatch(/\/news\/2026\/\d+\.html$/);
    expect(posts).toHaveLength(site.content.news.length);
    for (const post of posts) {
      const article = site.content.news.find((candidate) => post.url.endsWith(`/${candidate.id}.html`))!;
      expect(post.fieldOrigins).toMatchObject({ content: 'extracted', title: 'selector', publishedAt: 'selector' });
      expect(post.content.replace(/\s/g, '')).toBe(article.text.replace(/\s/g, ''));
    }
    expect(report.postsExtracted).toBe(posts.length);
  });
});
