import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../../tests/support/fixture-sites/fixture-site.ts';
import { crawlOnce, fixtureSources, temporaryDataDir } from '../../tests/support/fixture-sites/fixture-sources.ts';

describe('json source type', () => {
  let site: FixtureSite;
  const data = temporaryDataDir();
  beforeAll(async () => {
    site = await startFixtureSite({ apiPosts: 27 });
  });
  afterAll(async () => {
    await site.close();
    data.remove();
  });

  const crawl = (declaration: Parameters<typeof crawlOnce>[1]) => crawlOnce(data.dataDir, declaration);

  it('follows the cursor through every page and maps each field by path', async () => {
    const { report, posts } = await crawl(fixtureSources(site.origin).api);
    expect(report.status).toBe('ok');
    expect(report.pagesFetched).toBe(3);
    expect(posts.map((post) => post.platformPostId)).toEqual(site.content.api.map((item) => item.id));
    for (const [index, post] of posts.entries()) {
      const item = site.content.api[index]!;
      expect(post.url).toBe(`${site.origin}/weibo/status/${item.id}`);
      expect(post.content).toBe(item.text);
      expect(post.authorName).toBe(item.author);
      expect(post.publishedAt).toBe(new Date(Math.floor(item.publishedAt.getTime() / 1000) * 1000).toISOString());
      expect(post.engagement).toEqual({ reposts: item.reposts, comments: item.comments, likes: item.likes });
    }
  });

  it('stops at maxPages', async () => {
    const { posts } = await crawl({ ...fixtureSources(site.origin).api, id: 'api-two-pages', maxPages: 2 });
    expect(posts).toHaveLength(20);
  });

  it('reports an API whose items path disappeared as broken', async () => {
    const { report } = await crawl({ ...fixtureSources(site.origin).api, id: 'api-v2', startUrls: [`${site.origin}/api/v2/statuses`] });
    expect(report.status).toBe('broken');
    expect(report.error?.reason).toBe('selector-matched-nothing');
  });
});
