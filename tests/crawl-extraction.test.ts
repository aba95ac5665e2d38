// An `html` source declared with only a list URL: article links found on the list, every article's
// title, body, time and author extracted without selectors, in every CMS layout the fixture prints;
// <base href> honoured; every field's origin recorded; what cannot be found flagged and counted.
import { describe, expect, it } from 'vitest';
import { articleLayouts } from './support/fixture-sites/article-layouts.ts';
import { crawlOnce } from './support/fixture-sites/fixture-sources.ts';
import { useFixtureSite } from './support/fixture-sites/use-fixture-site.ts';

const compact = (text: string | undefined) => (text ?? '').replace(/\s/g, '');

describe('articles without selectors', () => {
  const fixture = useFixtureSite();
  const data = { dataDir: fixture.dataDir };

  it.each(articleLayouts.map((layout) => [layout.name, layout] as const))('reads the %s layout from its list URL alone', async (name, layout) => {
    const { report, posts } = await crawlOnce(data.dataDir, { id: `auto-${name}`, name, type: 'html', startUrls: [`${fixture.site().origin}/articles/${name}/`] });
    const articles = fixture.site().troubled.articles[name]!;
    expect(report.status).toBe('ok');
    // Two articles a list page: the 下一页 link was followed, the nav and footer links were not.
    expect(posts).toHaveLength(articles.length);
    expect(fixture.site().requests.some((path) => path.includes(`/articles/${name}/about/`))).toBe(false);
    for (const article of articles) {
      const post = posts.find((candidate) => candidate.url.endsWith(`content_${article.id}.html`));
      expect(post, article.id).toBeDefined();
      expect(post!.title).toBe(article.title);
      expect(compact(post!.content)).toBe(compact(article.paragraphs.join('')));
      expect(post!.fieldOrigins).toMatchObject({ title: 'extracted', content: 'extracted' });
      if (layout.hasTime) {
        // Pages print minutes; the layouts without a clock (a bare date in the blog) are read from metadata.
        expect(Math.abs(Date.parse(post!.publishedAt!) - article.publishedAt.getTime()), `${name} ${post!.publishedAt}`).toBeLessThan(60_000);
        expect(post!.fieldOrigins?.publishedAt).toBe('extracted');
      } else {
        expect(post!.publishedAtKnown).toBe(false);
        expect(post!.publishedAtIssue).toBe('missing');
      }
    }
    expect(report.postsExtracted).toBe(articles.length);
    expect(report.postsUndated).toBe(layout.hasTime ? 0 : articles.length);
    expect(report.state).toBe(layout.hasTime ? 'ok' : 'degraded');
  });

  it('reads the byline or outlet where the page prints one', async () => {
    const { posts } = await crawlOnce(data.dataDir, { id: 'auto-authors', name: 'authors', type: 'html', startUrls: [`${fixture.site().origin}/articles/government-notice/`] });
    const articles = fixture.site().troubled.articles['government-notice']!;
    for (const post of posts) expect(articles.map((article) => article.outlet)).toContain(post.authorName);
  });

  it('resolves relative links against <base href>', async () => {
    const { report, posts } = await crawlOnce(data.dataDir, {
      id: 'base-href', name: 'base href', type: 'html', startUrls: [`${fixture.site().origin}/sub/list/`],
      list: { itemSelector: 'ul.list-items li' }, article: { titleSelector: 'h1.t', contentSelector: 'div.c', timeSelector: 'div.d' },
    });
    expect(report.status).toBe('ok');
    expect(posts.map((post) => post.url)).toEqual(fixture.site().troubled.legacy.slice(0, 3).map((item) => `${fixture.site().origin}/sub/posts/${item.id}.html`));
    expect(report.pagesFailed).toBe(0);
  });

  it('uses the selectors a user wrote where they match, extraction where they do not, and says which', async () => {
    const layout = articleLayouts.find((candidate) => candidate.name === 'commercial-portal')!;
    const { report, posts } = await crawlOnce(data.dataDir, {
      id: 'mixed-selectors', name: 'mixed', type: 'html', startUrls: [`${fixture.site().origin}/articles/commercial-portal/`],
      article: { ...layout.selectors, timeSelector: 'span.time-v2' },
    });
    expect(posts).toHaveLength(fixture.site().troubled.articles['commercial-portal']!.length);
    for (const post of posts) expect(post.fieldOrigins).toEqual({ title: 'selector', content: 'selector', authorName: 'selector', publishedAt: 'extracted' });
    expect(report.state).toBe('degraded');
    expect(report.warnings).toContainEqual(expect.objectContaining({ code: 'selector-missed', field: 'publishedAt', selector: 'span.time-v2' }));
  });

  it('reports a source broken when neither selectors nor extraction find an article body anywhere', async () => {
    const { report, posts } = await crawlOnce(data.dataDir, {
      id: 'no-body', name: 'no body', type: 'html', startUrls: [`${fixture.site().origin}/shells/`],
      list: { itemSelector: 'ul.list-items li' }, article: { contentSelector: 'div.article-content' },
    });
    expect(posts).toEqual([]);
    expect(report.state).toBe('broken');
    expect(report.error?.reason).toBe('selector-matched-nothing');
    expect(report.warnings).toContainEqual(expect.objectContaining({ code: 'selector-missed', field: 'content', selector: 'div.article-content', count: 3 }));
  });

  it('marks a source whose every detail page is gone as failing, not ok 0/0', async () => {
    const { report, posts } = await crawlOnce(data.dataDir, {
      id: 'gone', name: 'gone', type: 'html', startUrls: [`${fixture.site().origin}/gone/`], list: { itemSelector: 'ul.list-items li' },
    });
    expect(posts).toEqual([]);
    expect(report.status).toBe('failed');
    expect(report.state).toBe('failing');
    expect(report.error?.reason).toBe('every-detail-page-failed');
    expect(report.advice).toMatch(/404/);
  });
});
