import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../../tests/support/fixture-sites/fixture-site.ts';
import { crawlOnce, fixtureSources, temporaryDataDir } from '../../tests/support/fixture-sites/fixture-sources.ts';

describe('rss source type', () => {
  let site: FixtureSite;
  const data = temporaryDataDir();
  beforeAll(async () => {
    site = await startFixtureSite();
  });
  afterAll(async () => {
    await site.close();
    data.remove();
  });

  const crawl = (declaration: Parameters<typeof crawlOnce>[1]) => crawlOnce(data.dataDir, declaration);

  it.each(['newsRss', 'newsAtom', 'newsJsonFeed'] as const)('reads every item of the %s feed with title, text, author and UTC time', async (which) => {
    const { report, posts } = await crawl(fixtureSources(site.origin)[which]);
    expect(report.status).toBe('ok');
    const latest = site.content.news.slice(0, 10);
    expect(posts.map((post) => post.url)).toEqual(latest.map((article) => `${site.origin}/news/2026/${article.id}.html`));
    for (const [index, post] of posts.entries()) {
      const article = latest[index]!;
      expect(post.title).toBe(article.title);
      expect(post.content.replace(/\s/g, '')).toBe(article.text.replace(/\s/g, ''));
      expect(post.authorName).toBe(article.author);
      // Feeds carry seconds; the fixture's times have sub-second parts the feed drops.
      expect(Math.abs(Date.parse(post.publishedAt!) - article.publishedAt.getTime())).toBeLessThan(1000);
      expect(post.sourceType).toBe('rss');
    }
  });

  it('keeps the comment count an RSS feed gives (slash:comments) and the feed\'s tags', async () => {
    const { posts } = await crawl({ ...fixtureSources(site.origin).newsRss, id: 'news-rss-counts' });
    expect(posts[0]!.engagement).toEqual({ comments: site.content.news[0]!.comments });
    expect(posts[0]!.tags).toEqual({ region: '青禾市', category: '新闻', labels: [] });
  });

  it('reports a document that is not a feed as a broken source', async () => {
    const { report, posts } = await crawl({ id: 'maintenance-page', name: '维护中', type: 'rss', startUrls: [`${site.origin}/faulty/malformed.xml`] });
    expect(report.status).toBe('broken');
    expect(report.error).toMatchObject({ reason: 'malformed-markup', policy: 'fatal' });
    expect(posts).toEqual([]);
  });
});
