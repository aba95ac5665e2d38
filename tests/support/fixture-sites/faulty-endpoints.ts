// Endpoints that misbehave the way real sites do: slow, 5xx (always, or a few times then fine),
// 403, malformed feeds, oversized pages (declared and chunked), and a redesigned list page on which
// the old selectors match nothing.
import type { Route } from './fixture-site.ts';

/** How the faulty endpoints misbehave. */
export interface FaultyOptions {
  /** Delay of /faulty/slow.xml before it answers. */
  slowMillis: number;
  /** How many 500s /faulty/flaky.xml returns before it answers. */
  flakyFailures: number;
  /** Size of the oversized pages. */
  oversizedBytes: number;
}

const smallFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>恢复正常的订阅源</title><link>http://127.0.0.1/</link><description>d</description>
<item><title>服务恢复通知</title><link>http://127.0.0.1/faulty/recovered-1.html</link><description>系统维护已经结束，各项服务恢复正常。</description><pubDate>Wed, 25 Nov 2026 10:00:00 +0800</pubDate></item>
</channel></rss>`;

/** The faulty endpoints under /faulty/. */
export function faultyRoutes(options: FaultyOptions): Route[] {
  let flakyCalls = 0;
  return [
    [/^\/faulty\/slow\.xml$/, (_request, response) => {
      const timer = setTimeout(() => response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(smallFeed), options.slowMillis);
      response.on('close', () => clearTimeout(timer));
    }],
    [/^\/faulty\/500\.xml$/, (_request, response) => {
      response.writeHead(500, { 'content-type': 'text/html' }).end('<h1>500 Internal Server Error</h1><p>nginx</p>');
    }],
    [/^\/faulty\/flaky\.xml$/, (_request, response) => {
      flakyCalls += 1;
      if (flakyCalls <= options.flakyFailures) return void response.writeHead(502, { 'content-type': 'text/html' }).end('<h1>502 Bad Gateway</h1>');
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(smallFeed);
    }],
    [/^\/faulty\/403\.html$/, (_request, response) => {
      response.writeHead(403, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>403 Forbidden</h1><p>访问被拒绝</p>');
    }],
    [/^\/faulty\/malformed\.xml$/, (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
        .end('<?xml version="1.0"?>\n<html><body><h1>系统维护中</h1><p>订阅服务暂停<br></body>');
    }],
    [/^\/faulty\/oversized-declared\.html$/, (_request, response) => {
      const body = Buffer.alloc(options.oversizedBytes, 'a');
      response.writeHead(200, { 'content-type': 'text/html', 'content-length': String(body.length) }).end(body);
    }],
    [/^\/faulty\/oversized-chunked\.html$/, (_request, response) => {
      // No Content-Length: the limit has to be enforced while reading.
      response.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, '<p>重复内容</p>');
      let sent = 0;
      const write = () => {
        while (sent < options.oversizedBytes) {
          sent += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', write);
        }
        response.end();
      };
      response.on('error', () => {});
      write();
    }],
    [/^\/faulty\/redesigned\/$/, (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end('<html><body><div class="feed-v2"><article class="story"><a href="/news/2026/1.html">改版后的新闻列表</a></article></div></body></html>');
    }],
  ];
}
