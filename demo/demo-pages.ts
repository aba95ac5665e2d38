import type { PublishedDemoPost } from './demo-content.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const timeZone = 'Asia/Shanghai';

function localParts(date: Date): Record<string, string> {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(date);
  return Object.fromEntries(parts.map((part) => [part.type, part.value]));
}

/** "2026-11-26 09:30" in Beijing time, as Chinese news sites print it. */
export function formatNewsTime(date: Date): string {
  const p = localParts(date);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** Weibo-style relative time: 刚刚, 5分钟前, 今天 10:20, 昨天 08:00, 11-24 08:00. */
export function formatWeiboTime(date: Date, now: Date): string {
  const minutes = Math.floor((now.getTime() - date.getTime()) / 60_000);
  if (minutes < 1) return '刚刚';
  if (minutes < 60) return `${minutes}分钟前`;
  const p = localParts(date);
  const today = localParts(now);
  const yesterday = localParts(new Date(now.getTime() - 86_400_000));
  const hm = `${p.hour}:${p.minute}`;
  if (p.day === today.day && p.month === today.month) return `今天 ${hm}`;
  if (p.day === yesterday.day && p.month === yesterday.month) return `昨天 ${hm}`;
  return `${p.month}-${p.day} ${hm}`;
}

/** 12000 → "1.2万", as Chinese sites show counts. */
export function formatCount(count: number): string {
  return count >= 10_000 ? `${(count / 10_000).toFixed(1).replace(/\.0$/, '')}万` : String(count);
}

const paragraphs = (text: string) => text.split(/\n+/).map((line) => `<p>${escapeHtml(line)}</p>`).join('\n');

function page(title: string, body: string, extraHead = ''): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:"PingFang SC","Noto Sans CJK SC",sans-serif;max-width:760px;margin:24px auto;color:#222;line-height:1.7}
header{border-bottom:3px solid #c0392b;margin-bottom:16px}a{color:#1a5fb4}.meta{color:#777;font-size:14px}
.news-item{padding:8px 0;border-bottom:1px solid #eee}.weibo-card{border:1px solid #e5e5e5;border-radius:8px;padding:12px;margin:12px 0}
.counts span{margin-right:16px;color:#777;font-size:13px}</style>${extraHead}</head>
<body><header><h2>青禾市 · 公开信息（演示站点）</h2></header>${body}
<footer class="meta">本站为 yuqing 演示站点，所有内容均为虚构。</footer></body></html>`;
}

export function renderHome(): string {
  return page('青禾市演示站点', `<ul>
<li><a href="/news/">青禾新闻网</a></li><li><a href="/feed.xml">12345热线 · 民生诉求公开（RSS）</a></li><li><a href="/weibo/">青禾同城（微博风格信息流）</a></li></ul>`);
}

export function renderNewsList(items: PublishedDemoPost[], pageNumber: number, hasNext: boolean): string {
  const list = items.map((post) => `<div class="news-item"><a class="news-link" href="/news/${post.id}.html">${escapeHtml(post.title ?? '')}</a>
<span class="meta news-date">${formatNewsTime(post.publishedAt)}</span></div>`).join('\n');
  const next = hasNext ? `<a class="next-page" href="/news/?page=${pageNumber + 1}">下一页</a>` : '';
  return page(`青禾新闻网 - 第${pageNumber}页`, `<h1>青禾新闻网</h1><div class="news-list">${list}</div><div class="pager">${next}</div>`);
}

export function renderArticle(post: PublishedDemoPost): string {
  const counts = post.views !== undefined ? `<span class="views">阅读 ${formatCount(post.views)}</span>` : '';
  return page(post.title ?? post.content.slice(0, 20), `<article>
<h1 class="article-title">${escapeHtml(post.title ?? '')}</h1>
<div class="meta"><span class="pub-time">${formatNewsTime(post.publishedAt)}</span> · 来源：<span class="author">${escapeHtml(post.author)}</span> ${counts}</div>
<div class="article-content">${paragraphs(post.content)}</div></article>`);
}

const rfc822 = (date: Date) => date.toUTCString().replace('GMT', '+0000');
const cdata = (text: string) => `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

export function renderRss(items: PublishedDemoPost[], base: string): string {
  const entries = items.map((post) => `  <item>
    <title>${cdata(post.title ?? '')}</title>
    <link>${base}/hotline/${post.id}.html</link>
    <guid isPermaLink="false">hotline-${post.id}</guid>
    <author>${cdata(post.author)}</author>
    <pubDate>${rfc822(post.publishedAt)}</pubDate>
    <description>${cdata(post.content)}</description>
  </item>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>青禾市12345政务服务热线 · 民生诉求公开</title>
  <link>${base}/</link>
  <description>市民诉求与部门回复（演示数据）</description>
  <language>zh-cn</language>
${entries}
</channel></rss>`;
}

/** JSON of the Weibo-style API: display strings, as the real sites send them. */
export function weiboJson(items: PublishedDemoPost[], nextCursor: number | null, now: Date) {
  return {
    ok: 1,
    data: {
      cursor: nextCursor,
      statuses: items.map((post) => ({
        mid: post.id,
        user: { screen_name: post.author },
        text: post.content,
        created_at: formatWeiboTime(post.publishedAt, now),
        reposts_count: formatCount(post.reposts ?? 0),
        comments_count: formatCount(post.comments ?? 0),
        attitudes_count: formatCount(post.likes ?? 0),
      })),
    },
  };
}

// The page has no posts in its HTML: like the real thing, it fetches and renders them, and loads more on scroll.
const weiboScript = `
const feed = document.getElementById('feed');
let cursor = 0, loading = false;
const esc = (t) => t.replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');
async function loadMore() {
  if (loading || cursor === null) return;
  loading = true;
  const response = await fetch('/api/weibo?cursor=' + cursor);
  const body = await response.json();
  for (const s of body.data.statuses) {
    const card = document.createElement('div');
    card.className = 'weibo-card';
    card.dataset.mid = s.mid;
    card.innerHTML = '<div class="weibo-author">' + esc(s.user.screen_name) + '</div>' +
      '<a class="weibo-time" href="/weibo/status/' + esc(s.mid) + '">' + esc(s.created_at) + '</a>' +
      '<div class="weibo-text">' + esc(s.text) + '</div>' +
      '<div class="counts"><span class="reposts">转发 ' + esc(s.reposts_count) + '</span><span class="comments">评论 ' + esc(s.comments_count) +
      '</span><span class="likes">赞 ' + esc(s.attitudes_count) + '</span></div>';
    feed.appendChild(card);
  }
  cursor = body.data.cursor;
  document.getElementById('end').textContent = cursor === null ? '没有更多了' : '加载中…';
  loading = false;
}
window.addEventListener('scroll', () => {
  if (window.innerHeight + window.scrollY >= document.body.scrollHeight - 200) loadMore();
});
loadMore();
`;

export function renderWeiboPage(): string {
  return page('青禾同城', `<h1>青禾同城</h1><div id="feed"></div><div id="end" class="meta">加载中…</div>
<div style="height:1200px"></div><script>${weiboScript}</script>`);
}
