// Article pages as different Chinese CMSs print them — a central portal, a commercial portal with
// metadata, a news app's share page with JSON-LD, a government notice, a blog with a sidebar and dated
// comments, a portal whose <meta> lies about the charset, and a page with no date at all — each with
// the selectors an operator would write for it. Used by the extraction tests and `npm run eval:extract`.
import type { FieldSelector } from '../../../config/sources-schema.ts';
import type { FixtureItem } from './fixture-content.ts';
import { siteClock } from './fixture-content.ts';
import { escapeHtml } from './fixture-texts.ts';

/** An article of a layout: a headline, several paragraphs, a byline, a time. */
export interface LayoutArticle {
  id: string;
  title: string;
  paragraphs: string[];
  author: string;
  outlet: string;
  publishedAt: Date;
}

/** One CMS: how it prints an article, whether the page says when it was published, and the selectors a user would write. */
export interface ArticleLayout {
  name: string;
  /** Bytes are UTF-8 unless `charset` says otherwise; `declared` is what the page's <meta> claims. */
  render(article: LayoutArticle, related: LayoutArticle[]): string;
  charset: 'utf-8' | 'gb18030';
  declared: string;
  /** False for a page that prints no publication time anywhere. */
  hasTime: boolean;
  selectors: { titleSelector: FieldSelector; contentSelector: FieldSelector; timeSelector?: FieldSelector; authorSelector?: FieldSelector };
}

const p = (paragraphs: string[]) => paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join('\n');
const e = escapeHtml;
const sidebar = (related: LayoutArticle[]) => related.map((item) =>
  `<li><a href="/articles/related/${item.id}.html">${e(item.title)}</a><span class="date">${siteClock(item.publishedAt, 'MM-dd')}</span></li>`).join('');
const navigation = '<div class="nav"><a href="/">首页</a><a href="/news/">新闻</a><a href="/gov/">政务</a><a href="/life/">民生</a><a href="/video/">视频</a></div>';
const footer = '<div class="footer"><p>关于我们 | 联系方式 | 网站地图 | 违法和不良信息举报电话：12345</p><p>Copyright © 2026 青禾网 版权所有 青ICP备00000000号</p></div>';

export const articleLayouts: ArticleLayout[] = [
  {
    name: 'central-portal', charset: 'gb18030', declared: 'gb2312', hasTime: true,
    selectors: { titleSelector: 'h1', contentSelector: 'div.rm_txt_con', timeSelector: 'div.box01 div.fl', authorSelector: 'div.edit' },
    render: (article, related) => `<!DOCTYPE html><html><head><meta http-equiv="content-type" content="text/html;charset=GB2312"/>
<title>${e(article.title)}--青禾频道--青禾网</title><meta name="keywords" content="${e(article.title)}"></head><body>
${navigation}<div class="route"><a href="/">青禾网</a>&gt;&gt;<a href="/city/">青禾频道</a></div>
<div class="layout rm_txt cf"><div class="col col-1 fl">
<h3 class="pre"></h3><h1>${e(article.title)}</h1><h4 class="sub"></h4>
<div class="box01"><div class="fl">${siteClock(article.publishedAt, "yyyy'年'MM'月'dd'日'HH:mm")} | 来源：<a href="/">${e(article.outlet)}</a></div></div>
<div class="rm_txt_con cf">${p(article.paragraphs)}</div>
<div class="edit cf">(责编：${e(article.author)})</div></div>
<div class="col col-2 fr"><h2>热点推荐</h2><ul class="list">${sidebar(related)}</ul></div></div>${footer}</body></html>`,
  },
  {
    name: 'commercial-portal', charset: 'utf-8', declared: 'utf-8', hasTime: true,
    selectors: { titleSelector: 'h1.main-title', contentSelector: 'div#article', timeSelector: 'span.date', authorSelector: 'span.author' },
    render: (article, related) => `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${e(article.title)}|青禾|新闻_新浪网</title>
<meta property="og:type" content="news"><meta property="og:title" content="${e(article.title)}">
<meta property="article:published_time" content="${siteClock(article.publishedAt, "yyyy-MM-dd'T'HH:mm:ss'+08:00'")}">
<meta property="article:author" content="${e(article.outlet)}"></head><body>
<div class="top-nav">${navigation}</div><div class="main-content w1240">
<h1 class="main-title">${e(article.title)}</h1>
<div class="top-bar-wrap"><div class="date-source"><span class="date">${siteClock(article.publishedAt, "yyyy'年'MM'月'dd'日' HH:mm")}</span><a class="source" href="/">${e(article.outlet)}</a></div></div>
<div class="article" id="article">${p(article.paragraphs)}<p class="show_author">责任编辑：${e(article.author)}</p></div>
<div class="article-bottom"><span class="author">${e(article.author)}</span></div>
<div class="side-bar"><div class="hot-news"><h2>热门推荐</h2><ul>${sidebar(related)}</ul></div></div></div>${footer}</body></html>`,
  },
  {
    name: 'app-share-page', charset: 'utf-8', declared: 'utf-8', hasTime: true,
    selectors: { titleSelector: 'div.article-header h2', contentSelector: 'div.article-body', timeSelector: { selector: 'time', attribute: 'datetime' } },
    render: (article) => `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${e(article.title)}</title>
<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: article.title, datePublished: article.publishedAt.toISOString(), author: { '@type': 'Person', name: article.author } })}</script>
</head><body><div class="app-banner">打开App，阅读体验更佳 <a href="/download">立即打开</a></div>
<div class="article-header"><h2>${e(article.title)}</h2><div class="meta"><span class="media">${e(article.outlet)}</span> <time datetime="${article.publishedAt.toISOString()}">${siteClock(article.publishedAt, 'MM-dd HH:mm')}</time></div></div>
<div class="article-body">${p(article.paragraphs)}</div>
<div class="open-app">打开App 查看更多精彩评论</div></body></html>`,
  },
  {
    name: 'government-notice', charset: 'utf-8', declared: 'utf-8', hasTime: true,
    selectors: { titleSelector: 'div.article-title', contentSelector: '#UCAP-CONTENT', timeSelector: 'div.pages-date' },
    render: (article) => `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>${e(article.title)}_青禾市人民政府门户网站</title><meta name="ArticleTitle" content="${e(article.title)}">
<meta name="PubDate" content="${siteClock(article.publishedAt, 'yyyy-MM-dd HH:mm')}"><meta name="ContentSource" content="${e(article.outlet)}"></head><body>
<div class="header"><div class="logo">青禾市人民政府</div>${navigation}</div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/gov/">政务公开</a> &gt; 通知公告</div>
<div class="pages-title"><div class="article-title">${e(article.title)}</div>
<div class="pages-date">${siteClock(article.publishedAt, 'yyyy-MM-dd HH:mm')} <span class="font">来源：${e(article.outlet)}</span> <span class="font">【字体：大 中 小】</span></div></div>
<div class="pages_content" id="UCAP-CONTENT">${p(article.paragraphs)}</div>
<div class="share">分享到：微信 微博</div>${footer}</body></html>`,
  },
  {
    name: 'blog-with-comments', charset: 'utf-8', declared: 'utf-8', hasTime: true,
    selectors: { titleSelector: 'h1.entry-title', contentSelector: 'div.entry-content', timeSelector: { selector: 'time.entry-date', attribute: 'datetime' }, authorSelector: 'span.author a' },
    render: (article, related) => `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="UTF-8"><title>${e(article.title)} – 城东日记</title></head><body class="single-post">
<header class="site-header"><p class="site-title"><a href="/">城东日记</a></p>${navigation}</header>
<div class="content-area"><article class="post type-post"><header class="entry-header"><h1 class="entry-title">${e(article.title)}</h1>
<div class="entry-meta"><span class="posted-on"><time class="entry-date published" datetime="${siteClock(article.publishedAt, "yyyy-MM-dd'T'HH:mm:ssZZ")}">${siteClock(article.publishedAt, "yyyy'年'M'月'd'日'")}</time></span>
<span class="byline"> 作者 <span class="author vcard"><a href="/author/">${e(article.author)}</a></span></span></div></header>
<div class="entry-content">${p(article.paragraphs)}</div></article>
<div id="comments" class="comments-area"><h2 class="comments-title">3 条评论</h2><ol class="comment-list">
<li class="comment"><div class="comment-meta"><time datetime="2026-01-02T10:00:00+08:00">2026年1月2日 10:00</time></div><p>写得真好，支持一下！</p></li>
<li class="comment"><div class="comment-meta"><time datetime="2026-01-03T11:00:00+08:00">2026年1月3日 11:00</time></div><p>同感，我们小区也是这样。</p></li></ol></div></div>
<aside class="widget-area"><section class="widget widget_recent_entries"><h2>近期文章</h2><ul>${sidebar(related)}</ul></section></aside>
<footer class="site-footer">由 WordPress 强力驱动</footer></body></html>`,
  },
  {
    name: 'lying-charset-portal', charset: 'utf-8', declared: 'gb2312', hasTime: true,
    selectors: { titleSelector: 'h1', contentSelector: '#Cnt-Main-Article-QQ', timeSelector: 'span.pubTime', authorSelector: 'span.where' },
    render: (article, related) => `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>${e(article.title)}_青禾_腾讯网</title></head><body>
<div id="tops">${navigation}</div><div class="qq_article"><div class="hd"><h1>${e(article.title)}</h1>
<div class="qq_bar"><span class="infoCol"><span class="where">${e(article.outlet)}</span></span><span class="pubTime">${siteClock(article.publishedAt, "yyyy'年'MM'月'dd'日'HH:mm")}</span></div></div>
<div id="Cnt-Main-Article-QQ" class="Cnt-Main-Article-QQ">${p(article.paragraphs)}</div>
<div class="qq_editor">责任编辑：${e(article.author)}</div></div>
<div class="hotRank"><h2>热点排行</h2><ul>${sidebar(related)}</ul></div></body></html>`,
  },
  {
    name: 'undated-column', charset: 'utf-8', declared: 'utf-8', hasTime: false,
    selectors: { titleSelector: 'h1.title', contentSelector: 'div.column-text' },
    render: (article) => `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${e(article.title)} - 青禾专栏</title></head><body>
${navigation}<div class="column"><h1 class="title">${e(article.title)}</h1><div class="column-author">专栏作者：${e(article.author)}</div>
<div class="column-text">${p(article.paragraphs)}</div></div>${footer}</body></html>`,
  },
];

/** Articles for the layouts, built from fixture items: a few posts become the paragraphs of one article. */
export function layoutArticles(items: FixtureItem[], count: number): LayoutArticle[] {
  const perArticle = 5;
  return Array.from({ length: count }, (_, index) => {
    const parts = items.slice(index * perArticle, index * perArticle + perArticle);
    const lead = parts[0]!;
    return {
      id: String(20_000 + index),
      // A headline of its own: real first paragraphs do not repeat the headline word for word.
      title: `青禾热议：${lead.title}`,
      paragraphs: parts.map((part) => part.text),
      author: lead.author,
      outlet: ['青禾日报', '青禾晚报', '青禾新闻网', '青禾广播电视台'][index % 4]!,
      publishedAt: lead.publishedAt,
    };
  });
}
