// A Weibo-style public feed whose HTML is an empty shell: posts are rendered by JavaScript from a
// JSON endpoint, and more load when the reader scrolls to the bottom. Times are written as Weibo
// writes them (3分钟前, 今天 12:30, 11月26日 08:00) and counts as 1.2万 / 3千+.
import { DateTime } from 'luxon';
import type { FixtureContent, FixtureItem } from './fixture-content.ts';
import { siteTimeZone } from './fixture-content.ts';
import type { Route } from './fixture-site.ts';

/** Posts per load. */
export const weiboPageSize = 10;

/** A time as Weibo shows it, relative to `now`. */
export function weiboTimeText(date: Date, now: Date): string {
  const minutes = Math.floor((now.getTime() - date.getTime()) / 60_000);
  if (minutes < 1) return '刚刚';
  if (minutes < 60) return `${minutes}分钟前`;
  const then = DateTime.fromJSDate(date, { zone: siteTimeZone });
  const today = DateTime.fromJSDate(now, { zone: siteTimeZone });
  if (then.hasSame(today, 'day')) return `今天 ${then.toFormat('HH:mm')}`;
  if (then.hasSame(today.minus({ days: 1 }), 'day')) return `昨天 ${then.toFormat('HH:mm')}`;
  if (then.hasSame(today, 'year')) return then.toFormat("M'月'd'日' HH:mm");
  return then.toFormat('yyyy-M-d');
}

/** A count as Weibo shows it: 3千+, 1.2万, or the number. */
export function weiboCountText(count: number): string {
  if (count >= 10_000) return `${(Math.floor(count / 1000) / 10).toFixed(1).replace(/\.0$/, '')}万`;
  if (count >= 3000) return `${Math.floor(count / 1000)}千+`;
  return String(count);
}

function card(post: FixtureItem, now: Date) {
  return {
    mid: post.id, screen_name: post.author, text: post.text, created_at: weiboTimeText(post.publishedAt, now),
    reposts: weiboCountText(post.reposts), comments: weiboCountText(post.comments), likes: weiboCountText(post.likes),
  };
}

const shell = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>青禾同城 - 实时微博</title>
<style>
  body { font-family: sans-serif; margin: 0; background: #f2f2f2; }
  .card { background: #fff; margin: 8px auto; padding: 12px 16px; width: 600px; min-height: 120px; }
  .name { font-weight: bold; color: #eb7350; } .from { color: #999; font-size: 12px; }
  .txt { margin: 8px 0; line-height: 1.6; } .bar span { margin-right: 24px; color: #666; font-size: 12px; }
</style>
</head>
<body>
<noscript>请打开浏览器的 JavaScript 以浏览微博。</noscript>
<div id="feed"></div>
<div id="more" class="loading">正在加载…</div>
<script>
(function () {
  var cursor = '';
  var loading = false;
  var finished = false;
  var feed = document.getElementById('feed');
  function span(className, text) { var el = document.createElement('span'); el.className = className; el.textContent = text; return el; }
  function render(post) {
    var el = document.createElement('div');
    el.className = 'card';
    el.setAttribute('data-mid', post.mid);
    var head = document.createElement('div');
    var name = document.createElement('a'); name.className = 'name'; name.href = '/weibo/u/' + encodeURIComponent(post.screen_name); name.textContent = post.screen_name;
    var from = document.createElement('a'); from.className = 'from'; from.href = '/weibo/status/' + post.mid; from.textContent = post.created_at;
    head.appendChild(name); head.appendChild(document.createTextNode(' ')); head.appendChild(from);
    var txt = document.createElement('div'); txt.className = 'txt'; txt.textContent = post.text;
    var bar = document.createElement('div'); bar.className = 'bar';
    bar.appendChild(span('reposts', '转发 ' + post.reposts)); bar.appendChild(span('comments', '评论 ' + post.comments)); bar.appendChild(span('likes', '赞 ' + post.likes));
    el.appendChild(head); el.appendChild(txt); el.appendChild(bar);
    return el;
  }
  function load() {
    if (loading || finished) return;
    loading = true;
    fetch('/weibo/api/feed?cursor=' + encodeURIComponent(cursor)).then(function (r) { return r.json(); }).then(function (json) {
      json.data.list.forEach(function (post) { feed.appendChild(render(post)); });
      cursor = json.data.next_cursor;
      finished = !cursor;
      document.getElementById('more').textContent = finished ? '没有更多了' : '正在加载…';
      loading = false;
    });
  }
  window.addEventListener('scroll', function () {
    if (window.innerHeight + window.scrollY >= document.body.offsetHeight - 300) load();
  });
  // The first batch arrives a little after the page, as on the real site.
  setTimeout(load, 150);
})();
</script>
</body>
</html>`;

/** The feed's routes under /weibo/. */
export function weiboFeedRoutes(content: FixtureContent): Route[] {
  return [
    [/^\/weibo\/$/, (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(shell);
    }],
    [/^\/weibo\/api\/feed$/, (_request, response, url) => {
      const cursor = url.searchParams.get('cursor') ?? '';
      const start = cursor ? content.weibo.findIndex((post) => post.id === cursor) + 1 : 0;
      const batch = content.weibo.slice(start, start + weiboPageSize);
      const now = new Date();
      const nextCursor = start + weiboPageSize < content.weibo.length ? batch.at(-1)!.id : '';
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
        .end(JSON.stringify({ ok: 1, data: { list: batch.map((post) => card(post, now)), next_cursor: nextCursor } }));
    }],
    [/^\/weibo\/status\/(\d+)$/, (_request, response, _url, match) => {
      const post = content.weibo.find((candidate) => candidate.id === match[1]);
      response.writeHead(post ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(post ? `<html><body><p>${post.id}</p></body></html>` : '404');
    }],
  ];
}
