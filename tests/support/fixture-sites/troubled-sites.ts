// Sites that are wrong the ways real ones are: legacy GBK and Big5 feeds served with a wrong charset
// header or none, a page whose <meta> lies, feeds whose items share one page (links differing by
// #fragment), items without links, odd date formats, a list in a sub-folder with <base href>, lists
// to read without selectors in several CMS layouts, and detail pages that are gone.
import iconv from 'iconv-lite';
import * as OpenCC from 'opencc-js';
import { articleLayouts, layoutArticles, type LayoutArticle } from './article-layouts.ts';
import { FixtureContent, siteClock } from './fixture-content.ts';
import type { Route } from './fixture-site.ts';
import { escapeHtml } from './fixture-texts.ts';

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

/** Articles per layout, by default. */
export const articlesPerLayout = 4;

/** How much the layouts publish (the crawl benchmark asks for hundreds). */
export interface TroubledSizes { articlesPerLayout: number; articlesPerListPage: number }

/** A date written in many ways, with the instant it means (undefined: no date can be read). */
export interface OddDate { text: string | undefined; means: string | undefined }

/** The date formats real feeds use, beside RFC 822: each item of /legacy/odd-dates.xml carries one. */
export const oddDates: OddDate[] = [
  { text: 'Sat, 28 Dec 2013 06:15:55+0900', means: '2013-12-27T21:15:55.000Z' },
  { text: 'Sat, 28 Dec 2013 06:15:55 UTC', means: '2013-12-28T06:15:55.000Z' },
  { text: 'Dec 28 Sat 2013 06:15', means: '2013-12-27T22:15:00.000Z' },
  { text: '2005-06-01T10:00:00+0900', means: '2005-06-01T01:00:00.000Z' },
  { text: 'Wed, 01 Jun 2005 10:00:00 CST', means: '2005-06-01T02:00:00.000Z' },
  { text: 'sam., 28 déc. 2013 06:15:55 +0100', means: '2013-12-28T05:15:55.000Z' },
  { text: 'Sa, 28 Dez 2013 06:15:55 +0100', means: '2013-12-28T05:15:55.000Z' },
  { text: '2013年12月28日 星期六 06:15', means: '2013-12-27T22:15:00.000Z' },
  { text: '前几天', means: undefined },
  { text: undefined, means: undefined },
];

/** What the troubled sites published, for tests to compare against. */
export interface TroubledContent {
  /** Items of the legacy feeds (title and text as the bytes of each charset can carry them). */
  legacy: { id: string; title: string; text: string; publishedAt: Date }[];
  /** Articles of each layout, by layout name. */
  articles: Record<string, LayoutArticle[]>;
  /** Cookie headers received on /walls/, by path. */
  cookiesSeen: { path: string; cookie: string | undefined }[];
}

/** A text as the Big5 feed carries it: in traditional characters, less what Big5 cannot encode. */
export function asBig5(text: string): string {
  return iconv.decode(iconv.encode(toTraditional(text), 'big5'), 'big5');
}

function legacyFeed(origin: string, items: TroubledContent['legacy'], declaration: string | undefined, traditional: boolean): string {
  const entries = items.map((item) => `<item><title>${escapeHtml(traditional ? toTraditional(item.title) : item.title)}</title><link>${origin}/legacy/posts/${item.id}.html</link>
<description>${escapeHtml(traditional ? toTraditional(item.text) : item.text)}</description><pubDate>${siteClock(item.publishedAt, "EEE, dd MMM yyyy HH:mm:ss '+0800'")}</pubDate></item>`).join('\n');
  return `<?xml version="1.0"${declaration ? ` encoding="${declaration}"` : ''}?>
<rss version="2.0"><channel><title>${traditional ? '舊部落格' : '老博客'}</title><link>${origin}/legacy/</link><description>legacy</description>
${entries}
</channel></rss>`;
}

function contentTypeFor(header: string | null, right: string): Record<string, string> {
  if (header === 'none') return {};
  if (header === 'utf-8') return { 'content-type': 'application/rss+xml; charset=utf-8' };
  if (header === 'latin1') return { 'content-type': 'text/xml; charset=ISO-8859-1' };
  return { 'content-type': `application/rss+xml; charset=${right}` };
}

function layoutListPage(layoutName: string, articles: LayoutArticle[], page: number, perPage: number): string {
  const shown = articles.slice((page - 1) * perPage, page * perPage);
  const pages = Math.ceil(articles.length / perPage);
  const items = shown.map((article) => `<li><a href="/articles/${layoutName}/2026/${article.id.slice(-2)}/content_${article.id}.html">${escapeHtml(article.title)}</a></li>`).join('');
  const next = page < pages ? `<a href="/articles/${layoutName}/index_${page + 1}.html">下一页</a>` : '';
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${layoutName} 列表</title></head><body>
<div class="nav"><a href="/">首页</a><a href="/articles/${layoutName}/">本频道</a><a href="/articles/${layoutName}/about/contact_0001.html">联系我们的编辑部</a></div>
<div class="main"><h2>最新文章</h2><ul class="news-list-v3">${items}</ul><div class="pages">${next}</div></div>
<div class="footer"><a href="/articles/${layoutName}/about/copyright_0002.html">版权声明与转载须知</a></div></body></html>`;
}

/** The troubled sites' routes, and what they publish. */
export function troubledRoutes(now: Date, sizes: TroubledSizes = { articlesPerLayout, articlesPerListPage: 2 }): { routes: Route[]; content: TroubledContent } {
  const perLayout = sizes.articlesPerLayout;
  const source = new FixtureContent(now, { newsArticles: articleLayouts.length * perLayout * 5 + 12, forumThreads: 0, floorsPerThread: 0, weiboPosts: 0, apiPosts: 0 });
  const legacy = source.news.slice(0, 12).map((item, index) => ({ id: String(300 + index), title: item.title, text: item.text, publishedAt: item.publishedAt }));
  const articles: Record<string, LayoutArticle[]> = {};
  for (const [index, layout] of articleLayouts.entries()) {
    const items = source.news.slice(12 + index * perLayout * 5, 12 + (index + 1) * perLayout * 5);
    articles[layout.name] = layoutArticles(items, perLayout).map((article, number) => ({ ...article, id: `${index + 1}${String(number + 1).padStart(4, '0')}` }));
  }
  const content: TroubledContent = { legacy, articles, cookiesSeen: [] };
  const origin = (host: string | undefined) => `http://${host ?? '127.0.0.1'}`;
  const routes: Route[] = [
    // ?header=right|utf-8|latin1|none, ?decl=no drops the XML encoding declaration.
    [/^\/legacy\/gbk-feed\.xml$/, (request, response, url) => {
      const body = iconv.encode(legacyFeed(origin(request.headers.host), legacy, url.searchParams.get('decl') === 'no' ? undefined : 'gb2312', false), 'gb18030');
      response.writeHead(200, contentTypeFor(url.searchParams.get('header'), 'GB2312')).end(body);
    }],
    [/^\/legacy\/big5-feed\.xml$/, (request, response, url) => {
      const body = iconv.encode(legacyFeed(origin(request.headers.host), legacy, url.searchParams.get('decl') === 'no' ? undefined : 'big5', true), 'big5');
      response.writeHead(200, contentTypeFor(url.searchParams.get('header'), 'big5')).end(body);
    }],
    // One blog page per day holds several posts; the feed links each as page#post-N.
    [/^\/legacy\/fragments\.xml$/, (request, response) => {
      const items = legacy.map((item, index) => `<item><title>${escapeHtml(item.title)}</title><link>${origin(request.headers.host)}/legacy/day-2013-12-28.html#post-${index + 1}</link>
<description>${escapeHtml(item.text)}</description><pubDate>${siteClock(item.publishedAt, "EEE, dd MMM yyyy HH:mm:ss '+0800'")}</pubDate></item>`).join('\n');
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>日记</title><link>${origin(request.headers.host)}/legacy/</link><description>d</description>${items}</channel></rss>`);
    }],
    // Microblog-style items: no link; some with a guid that is not a URL, some with nothing.
    [/^\/legacy\/linkless\.xml$/, (_request, response) => {
      const items = legacy.slice(0, 6).map((item, index) => `<item>${index % 2 === 0 ? `<guid isPermaLink="false">status-${item.id}</guid>` : ''}<title>${escapeHtml(item.title)}</title>
<description>${escapeHtml(item.text)}</description><pubDate>${siteClock(item.publishedAt, "EEE, dd MMM yyyy HH:mm:ss '+0800'")}</pubDate></item>`).join('\n');
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>动态</title><link>http://127.0.0.1/</link><description>d</description>${items}</channel></rss>`);
    }],
    [/^\/legacy\/odd-dates\.xml$/, (request, response) => {
      const items = oddDates.map((date, index) => `<item><title>${escapeHtml(legacy[index]!.title)}</title><link>${origin(request.headers.host)}/legacy/posts/${legacy[index]!.id}.html</link>
<description>${escapeHtml(legacy[index]!.text)}</description>${date.text ? `<pubDate>${escapeHtml(date.text)}</pubDate>` : ''}</item>`).join('\n');
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>dates</title><link>http://127.0.0.1/</link><description>d</description>${items}</channel></rss>`);
    }],
    // Lists to read without selectors, one per layout, two articles a page.
    [/^\/articles\/([a-z-]+)\/(?:index(?:_(\d+))?\.html)?$/, (_request, response, _url, match) => {
      const list = articles[match[1]!];
      if (!list) return void response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>404</h1>');
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(layoutListPage(match[1]!, list, Number(match[2] ?? 1), sizes.articlesPerListPage));
    }],
    [/^\/articles\/([a-z-]+)\/2026\/\d+\/content_(\d+)\.html$/, (_request, response, _url, match) => {
      const layout = articleLayouts.find((candidate) => candidate.name === match[1]);
      const article = articles[match[1]!]?.find((candidate) => candidate.id === match[2]);
      if (!layout || !article) return void response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>404</h1>');
      const html = layout.render(article, articles[layout.name]!.filter((other) => other !== article));
      // Only what the page declares in <meta>: the header says nothing about the charset, as on many old portals.
      response.writeHead(200, { 'content-type': 'text/html' }).end(layout.charset === 'utf-8' ? Buffer.from(html) : iconv.encode(html, layout.charset));
    }],
    // A list in a sub-folder whose relative links resolve against <base href="/sub/">.
    [/^\/sub\/list\/$/, (_request, response) => {
      const items = legacy.slice(0, 3).map((item) => `<li><a href="posts/${item.id}.html">${escapeHtml(item.title)}</a></li>`).join('');
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><head><base href="/sub/"><title>子目录</title></head><body><ul class="list-items">${items}</ul></body></html>`);
    }],
    [/^\/(?:sub|legacy)\/posts\/(\d+)\.html$/, (_request, response, _url, match) => {
      const item = legacy.find((candidate) => candidate.id === match[1]);
      if (!item) return void response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>404</h1>');
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><head><meta charset="utf-8"><title>${escapeHtml(item.title)}</title></head><body>
<h1 class="t">${escapeHtml(item.title)}</h1><div class="d">${siteClock(item.publishedAt, 'yyyy-MM-dd HH:mm')}</div><div class="c"><p>${escapeHtml(item.text)}</p></div></body></html>`);
    }],
    // A list whose every article is gone.
    [/^\/gone\/$/, (_request, response) => {
      const items = legacy.slice(0, 4).map((item) => `<li><a href="/gone/${item.id}.html">${escapeHtml(item.title)}</a></li>`).join('');
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><body><ul class="list-items">${items}</ul></body></html>`);
    }],
    // Article pages that are empty shells filled by JavaScript: nothing for selectors or extraction to find.
    [/^\/shells\/$/, (_request, response) => {
      const items = legacy.slice(0, 3).map((item) => `<li><a href="/shells/${item.id}.html">${escapeHtml(item.title)}</a></li>`).join('');
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><body><ul class="list-items">${items}</ul></body></html>`);
    }],
    [/^\/shells\/\d+\.html$/, (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><head><title>加载中</title></head><body><div id="app"></div><script src="/static/app.js"></script></body></html>');
    }],
    [/^\/legacy\/lying-meta\/$/, (_request, response) => {
      response.writeHead(302, { location: '/articles/lying-charset-portal/' }).end();
    }],
  ];
  return { routes, content };
}
