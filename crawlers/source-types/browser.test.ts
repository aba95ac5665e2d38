import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../../tests/support/fixture-sites/fixture-site.ts';
import { crawlOnce, fixtureSources, temporaryDataDir } from '../../tests/support/fixture-sites/fixture-sources.ts';
import { weiboPageSize } from '../../tests/support/fixture-sites/weibo-feed.ts';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Runs in the real Chromium that .ci/run installs from Debian; no mock browser.
describe.runIf(existsSync(chromiumPath) || process.env.CI)('browser source type (real Chromium)', () => {
  let site: FixtureSite;
  const data = temporaryDataDir();
  beforeAll(async () => {
    site = await startFixtureSite({ weiboPosts: 34 });
  });
  afterAll(async () => {
    await site.close();
    data.remove();
  });

  const crawl = (declaration: Parameters<typeof crawlOnce>[1]) => crawlOnce(data.dataDir, declaration, { chromiumPath });

  it('renders the JavaScript feed, scrolls until it has loaded every post, and reads Weibo times and counts', async () => {
    const { report, posts } = await crawl(fixtureSources(site.origin).weibo);
    expect(report.status).toBe('ok');
    expect(posts.map((post) => post.platformPostId)).toEqual(site.content.weibo.map((item) => item.id));
    // The feed API was asked for every batch, i.e. the crawler scrolled to the end.
    expect(site.requests.filter((path) => path.startsWith('/weibo/api/feed'))).toHaveLength(Math.ceil(34 / weiboPageSize));
    for (const [index, post] of posts.entries()) {
      const item = site.content.weibo[index]!;
      expect(post.url).toBe(`${site.origin}/weibo/status/${item.id}`);
      expect(post.content).toBe(item.text);
      expect(post.authorName).toBe(item.author);
      // Shown as "N分钟前" / "今天 HH:mm": correct to the minute shown.
      expect(Math.abs(Date.parse(post.publishedAt!) - item.publishedAt.getTime())).toBeLessThan(2 * 60_000);
      expect(post.engagement?.reposts).toBe(item.reposts);
      expect(post.engagement?.comments).toBe(item.comments);
      // Likes are shown rounded ("1.2万", "3千+").
      expect(post.engagement!.likes!).toBeLessThanOrEqual(item.likes);
      expect(post.engagement!.likes!).toBeGreaterThanOrEqual(item.likes >= 10_000 ? item.likes - 1000 : item.likes >= 3000 ? item.likes - 999 : item.likes);
      expect(post.language).toBe('zh-CN');
    }
    expect([...site.userAgents]).not.toContain('');
  });

  it('stops scrolling at maxScrolls', async () => {
    const { posts } = await crawl({ ...fixtureSources(site.origin).weibo, id: 'weibo-one-scroll', scroll: { maxScrolls: 1 } });
    expect(posts).toHaveLength(2 * weiboPageSize);
  });

  it('reports a page whose items never render as broken', async () => {
    const { report } = await crawl({ ...fixtureSources(site.origin).weibo, id: 'weibo-redesigned', itemSelector: 'div.card-v2', waitForSelectorMillis: 1500 });
    expect(report.status).toBe('broken');
    expect(report.error?.reason).toBe('selector-matched-nothing');
  });
});
