// Real feeds lie: a wrong charset header, none at all, a <meta> that claims gb2312 over UTF-8 bytes;
// dates in a dozen dialects or none; items that share one page or have no link. Nothing of it may
// become mojibake, an invented date or a silently lost item.
import { describe, expect, it } from 'vitest';
import { crawlOnce } from './support/fixture-sites/fixture-sources.ts';
import { useFixtureSite } from './support/fixture-sites/use-fixture-site.ts';
import { asBig5, oddDates } from './support/fixture-sites/troubled-sites.ts';

const fixture = useFixtureSite();
const data = { dataDir: fixture.dataDir };

describe('charset decided by the bytes, not by the labels', () => {
  const feed = (id: string, path: string) => crawlOnce(data.dataDir, { id, name: id, type: 'rss', startUrls: [`${fixture.site().origin}${path}`] });

  it.each([
    ['gbk-right', '/legacy/gbk-feed.xml', false],
    ['gbk-header-utf8', '/legacy/gbk-feed.xml?header=utf-8', true],
    ['gbk-header-latin1', '/legacy/gbk-feed.xml?header=latin1', true],
    ['gbk-no-content-type', '/legacy/gbk-feed.xml?header=none', false],
    ['gbk-nothing-declared', '/legacy/gbk-feed.xml?header=none&decl=no', true],
    ['gbk-latin1-no-declaration', '/legacy/gbk-feed.xml?header=latin1&decl=no', true],
  ] as const)('reads every title of the GBK feed (%s) and records the charset and why', async (id, path, isFallback) => {
    const { report, posts } = await feed(id, path);
    expect(report.status).toBe('ok');
    expect(posts.map((post) => post.title)).toEqual(fixture.site().troubled.legacy.map((item) => item.title));
    for (const post of posts) {
      expect(`${post.title}${post.content}`).not.toMatch(/\uFFFD|[\u00C0-\u00FF]{2}/);
      expect(post.charset).toMatchObject({ charset: 'gb18030', isFallback, isDoubtful: false });
      expect(post.isTextGarbled).toBeUndefined();
    }
    expect(report.postsFallbackCharset).toBe(isFallback ? posts.length : 0);
    expect(report.state).toBe('ok');
  });

  it.each([
    ['big5-header-utf8', '/legacy/big5-feed.xml?header=utf-8'],
    ['big5-no-content-type', '/legacy/big5-feed.xml?header=none&decl=no'],
  ] as const)('reads the Big5 feed (%s) in traditional characters', async (id, path) => {
    const { posts } = await feed(id, path);
    expect(posts.map((post) => post.title)).toEqual(fixture.site().troubled.legacy.map((item) => asBig5(item.title)));
    for (const post of posts) expect(post.charset?.charset).toBe('big5');
  });

  it('reads UTF-8 article pages whose <meta> claims gb2312, found and extracted without selectors', async () => {
    const { report, posts } = await crawlOnce(data.dataDir, { id: 'lying-meta', name: 'lying meta', type: 'html', startUrls: [`${fixture.site().origin}/legacy/lying-meta/`] });
    expect(report.status).toBe('ok');
    const articles = fixture.site().troubled.articles['lying-charset-portal']!;
    expect(posts.map((post) => post.title).sort()).toEqual(articles.map((article) => article.title).sort());
    for (const post of posts) {
      expect(post.charset).toMatchObject({ charset: 'utf-8', decidedBy: 'detected', isFallback: true });
      expect(post.charset!.reason).toMatch(/gb2312/);
      expect(post.content).not.toContain('\uFFFD');
      // UTF-8 read as GBK would have come out traditional-looking mojibake.
      expect(post.language).toBeUndefined();
    }
  });

  it('still forces the charset a source declares', async () => {
    const { posts } = await crawlOnce(data.dataDir, { id: 'forced-latin1', name: 'forced', type: 'rss', charset: 'latin1', startUrls: [`${fixture.site().origin}/legacy/gbk-feed.xml`] });
    expect(posts.length).toBeGreaterThan(0);
    for (const post of posts) expect(post.charset).toMatchObject({ charset: 'latin1', decidedBy: 'forced' });
    // Forcing the wrong one is on the operator, but the text is flagged, not passed off as clean.
    expect(posts.every((post) => post.isTextGarbled === true)).toBe(true);
  });
});

describe('dates are read or flagged, never invented', () => {

  it('reads RFC 822 deviations, ISO with +0900, zone names and other languages, and flags the rest', async () => {
    const { report, posts } = await crawlOnce(data.dataDir, { id: 'odd-dates', name: 'odd dates', type: 'rss', startUrls: [`${fixture.site().origin}/legacy/odd-dates.xml`] });
    expect(posts).toHaveLength(oddDates.length);
    for (const [index, date] of oddDates.entries()) {
      const post = posts[index]!;
      if (date.means) {
        expect(post.publishedAt, date.text).toBe(date.means);
        expect(post.publishedAtKnown).toBe(true);
      } else {
        expect(post.publishedAt, date.text).toBeUndefined();
        expect(post.publishedAtKnown).toBe(false);
        expect(post.publishedAtIssue).toBe(date.text ? 'unparseable' : 'missing');
        if (date.text) expect(post.publishedAtText).toBe(date.text);
      }
    }
    expect(report.postsUndated).toBe(2);
    expect(report.state).toBe('degraded');
    expect(report.warnings.find((warning) => warning.code === 'undated')).toMatchObject({ count: 2 });
  });
});

describe('feed items are never lost silently', () => {

  it('keeps items whose links differ only by #fragment as separate posts', async () => {
    const { report, posts } = await crawlOnce(data.dataDir, { id: 'fragments', name: 'fragments', type: 'rss', startUrls: [`${fixture.site().origin}/legacy/fragments.xml`] });
    expect(posts).toHaveLength(fixture.site().troubled.legacy.length);
    expect(new Set(posts.map((post) => post.url)).size).toBe(fixture.site().troubled.legacy.length);
    expect(posts[0]!.url).toBe(`${fixture.site().origin}/legacy/day-2013-12-28.html#post-1`);
    expect(report).toMatchObject({ itemsSeen: fixture.site().troubled.legacy.length, postsWritten: fixture.site().troubled.legacy.length, dropped: {} });
  });

  it('keeps items without a link, under their guid or a hash of title and date, and knows them on the next run', async () => {
    const source = { id: 'linkless', name: 'linkless', type: 'rss' as const, startUrls: [`${fixture.site().origin}/legacy/linkless.xml`] };
    const { posts } = await crawlOnce(data.dataDir, source);
    expect(posts).toHaveLength(6);
    expect(posts.map((post) => post.platformPostId)).toEqual(fixture.site().troubled.legacy.slice(0, 6).map((item, index) => (index % 2 === 0 ? `status-${item.id}` : expect.stringMatching(/^item:[0-9a-f]{16}$/))));
    for (const post of posts) expect(post.url).toBe(`${fixture.site().origin}/legacy/linkless.xml`);
    const again = await crawlOnce(data.dataDir, { ...source, refreshWindowHours: 0 });
    expect(again.posts).toEqual([]);
    expect(again.report.itemsSeen).toBe(6);
  });
});
