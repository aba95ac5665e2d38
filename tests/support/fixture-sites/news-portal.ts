// A city news portal as Chinese portals are built: UTF-8 list pages with a pager, GBK article pages
// (some declare the charset only in <meta>, some in the HTTP header as gb2312), RSS 2.0, Atom and
// JSON Feed of the latest articles, and a Big5 traditional-Chinese edition.
import iconv from 'iconv-lite';
import * as OpenCC from 'opencc-js';
import type { FixtureContent, FixtureItem } from './fixture-content.ts';
import { siteClock } from './fixture-content.ts';
import type { Route } from './fixture-site.ts';
import { escapeHtml } from './fixture-texts.ts';

/** Articles per list page. */
export const newsPerPage = 5;
/** The outlet every article is credited to. */
export const newsOutlet = '青禾日报';
/** Titles of the Big5 edition, written in traditional characters. */
export const traditionalTitles = ['臺北市政府公告：颱風警報解除，各級學校明日照常上課', '議會質詢：捷運延伸線工程進度落後，市民盼儘速完工'];

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

function paragraphs(text: string): string {
  // Split long posts into paragraphs at sentence ends, as an editor would.
  return text.split(/(?<=[。！？!?])/).reduce<string[]>((out, sentence) => {
    if (out.length > 0 && out[out.length - 1]!.length < 40) out[out.length - 1] += sentence;
    else out.push(sentence);
    return out;
  }, []).map((part) => `<p>${escapeHtml(part)}</p>`).join('\n');
}

function articlePage(article: FixtureItem, charsetLabel: string): string {
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="${charsetLabel}">
<title>${escapeHtml(article.title)}_${newsOutlet}</title>
<link rel="stylesheet" href="/static/news.css">
</head>
<body>
<div class="header"><a href="/news/">首页</a> &gt; <a href="/news/">本地新闻</a></div>
<div class="article">
  <h1 class="article-title">${escapeHtml(article.title)}</h1>
  <div class="info"><span class="source">来源：${newsOutlet}</span> <span class="author">记者 ${escapeHtml(article.author)}</span>
    <span class="time">${siteClock(article.publishedAt, "yyyy'年'M'月'd'日' HH:mm")}</span>
    <span class="views">阅读 ${article.views >= 10_000 ? `${(article.views / 10_000).toFixed(1)}万` : article.views}</span>
    <span class="comments">评论(${article.comments})</span></div>
  <div class="article-content">
${paragraphs(article.text)}
  </div>
  <div class="editor">责任编辑：王编辑</div>
</div>
<script>var _hmt = _hmt || [];</script>
</body>
</html>`;
}

function listPage(content: FixtureContent, page: number): string {
  const pages = Math.max(1, Math.ceil(content.news.length / newsPerPage));
  const items = content.news.slice((page - 1) * newsPerPage, page * newsPerPage).map((article) =>
    `<li><a href="/news/2026/${article.id}.html" target="_blank">${escapeHtml(article.title)}</a><span class="date">${siteClock(article.publishedAt, "yyyy'年'MM'月'dd'日' HH:mm")}</span></li>`);
  // A members-only teaser sits in the list on page 1; robots.txt disallows /members/.
  if (page === 1) items.splice(2, 0, '<li class="vip"><a href="/members/news/vip-1.html">【会员专享】深度报道：城市更新的下一步</a><span class="date">2026年11月20日 09:00</span></li>');
  const next = page < pages ? `<a class="next" href="/news/index_${page + 1}.html">下一页</a>` : '';
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>本地新闻_${newsOutlet}</title></head>
<body><div class="main"><ul class="news-list">
${items.join('\n')}
</ul><div class="pager"><span class="current">${page}</span> ${next}</div></div></body></html>`;
}

function rfc2822(date: Date): string {
  return siteClock(date, "EEE, dd MMM yyyy HH:mm:ss '+0800'");
}

function rssFeed(origin: string, content: FixtureContent): string {
  const items = content.news.slice(0, 10).map((article) => `    <item>
      <title>${escapeHtml(article.title)}</title>
      <link>${origin}/news/2026/${article.id}.html</link>
      <guid isPermaLink="true">${origin}/news/2026/${article.id}.html</guid>
      <description><![CDATA[${paragraphs(article.text)}]]></description>
      <dc:creator>${escapeHtml(article.author)}</dc:creator>
      <pubDate>${rfc2822(article.publishedAt)}</pubDate>
      <slash:comments>${article.comments}</slash:comments>
    </item>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:slash="http://purl.org/rss/1.0/modules/slash/">
  <channel>
    <title>${newsOutlet} · 本地新闻</title>
    <link>${origin}/news/</link>
    <description>青禾市本地新闻</description>
    <language>zh-cn</language>
${items}
  </channel>
</rss>`;
}

function atomFeed(origin: string, content: FixtureContent): string {
  const entries = content.news.slice(0, 10).map((article) => `  <entry>
    <title>${escapeHtml(article.title)}</title>
    <link rel="alternate" href="${origin}/news/2026/${article.id}.html"/>
    <id>tag:qinghe-daily,2026:${article.id}</id>
    <published>${siteClock(article.publishedAt, "yyyy-MM-dd'T'HH:mm:ss'+08:00'")}</published>
    <updated>${siteClock(article.publishedAt, "yyyy-MM-dd'T'HH:mm:ss'+08:00'")}</updated>
    <author><name>${escapeHtml(article.author)}</name></author>
    <content type="html">${escapeHtml(paragraphs(article.text))}</content>
  </entry>`).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>${newsOutlet}</title>
  <id>${origin}/news/</id>
  <updated>${new Date().toISOString()}</updated>
${entries}
</feed>`;
}

function jsonFeed(origin: string, content: FixtureContent): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: newsOutlet,
    home_page_url: `${origin}/news/`,
    language: 'zh-CN',
    items: content.news.slice(0, 10).map((article) => ({
      id: `news-${article.id}`, url: `${origin}/news/2026/${article.id}.html`, title: article.title,
      content_text: article.text, date_published: article.publishedAt.toISOString(), authors: [{ name: article.author }],
    })),
  });
}

/** The news portal's routes. */
export function newsPortalRoutes(content: FixtureContent): Route[] {
  const origin = (host: string | undefined) => `http://${host ?? '127.0.0.1'}`;
  return [
    [/^\/news\/(?:index(?:_(\d+))?\.html)?$/, (_request, response, _url, match) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(listPage(content, Number(match[1] ?? 1)));
    }],
    [/^\/news\/2026\/(\d+)\.html$/, (_request, response, _url, match) => {
      const article = content.news.find((candidate) => candidate.id === match[1]);
      if (!article) return void response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>404</h1>');
      // GB18030 bytes are GBK bytes for every character GBK has, and round-trip the rest.
      const body = iconv.encode(articlePage(article, Number(article.id.at(-1)) % 2 === 0 ? 'gbk' : 'gb2312'), 'gb18030');
      // Half the pages say their charset only in <meta>, as many older portals do.
      const headers = Number(article.id.at(-1)) % 2 === 0 ? { 'content-type': 'text/html' } : { 'content-type': 'text/html; charset=GB2312' };
      response.writeHead(200, headers).end(body);
    }],
    [/^\/news\/rss\.xml$/, (request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rssFeed(origin(request.headers.host), content));
    }],
    [/^\/news\/atom\.xml$/, (request, response) => {
      response.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atomFeed(origin(request.headers.host), content));
    }],
    [/^\/news\/feed\.json$/, (request, response) => {
      response.writeHead(200, { 'content-type': 'application/feed+json' }).end(jsonFeed(origin(request.headers.host), content));
    }],
    [/^\/tw\/news\/$/, (_request, response) => {
      const items = traditionalTitles.map((title, index) => `<li><a href="/tw/news/${index + 1}.html">${title}</a></li>`).join('');
      response.writeHead(200, { 'content-type': 'text/html' }).end(iconv.encode(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"></head><body><ul class="news-list">${items}</ul></body></html>`, 'big5'));
    }],
    [/^\/tw\/news\/(\d)\.html$/, (_request, response, _url, match) => {
      const index = Number(match[1]) - 1;
      const source = content.news[index];
      if (!source || !traditionalTitles[index]) return void response.writeHead(404).end();
      const page = articlePage({ ...source, title: traditionalTitles[index]!, text: toTraditional(source.text) }, 'big5')
        .replace('<html>', '<html lang="zh-TW">');
      response.writeHead(200, { 'content-type': 'text/html' }).end(iconv.encode(page, 'big5'));
    }],
  ];
}
