import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadDemoPosts, scheduleDemoPosts, type PublishedDemoPost } from './demo-content.ts';
import { renderArticle, renderHome, renderNewsList, renderRss, renderWeiboPage, weiboJson } from './demo-pages.ts';

export interface DemoSiteOptions {
  port: number;
  /** Minutes between two queued posts appearing; 0 publishes everything at start. */
  newPostEveryMinutes: number;
  host?: string;
  /** Clock, replaceable so the demo can be inspected at a given moment. */
  now?: () => Date;
}

export interface DemoSite { url: string; close(): Promise<void> }

const newsPageSize = 5;
const weiboPageSize = 4;

/**
 * The bundled demo: a small public website of the invented city 青禾市 with a hotline RSS feed, a news portal
 * (list and article pages) and a Weibo-style feed rendered by JavaScript. `npm start` crawls it.
 */
export async function startDemoSite(options: DemoSiteOptions): Promise<DemoSite> {
  const now = options.now ?? (() => new Date());
  const posts = scheduleDemoPosts(loadDemoPosts(), now(), options.newPostEveryMinutes);
  const visible = (channel: PublishedDemoPost['channel']) => posts
    .filter((post) => post.channel === channel && post.publishedAt.getTime() <= now().getTime())
    .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime());

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://demo.local');
    const send = (status: number, type: string, body: string) => {
      response.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
      response.end(body);
    };
    const path = url.pathname;
    if (path === '/robots.txt') return send(200, 'text/plain', 'User-agent: *\nDisallow: /admin/\n');
    if (path === '/') return send(200, 'text/html', renderHome());
    if (path === '/feed.xml') return send(200, 'application/rss+xml', renderRss(visible('hotline'), `http://${request.headers.host}`));
    if (path === '/news/' || path === '/news') {
      const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
      const all = visible('news');
      return send(200, 'text/html', renderNewsList(all.slice((page - 1) * newsPageSize, page * newsPageSize), page, page * newsPageSize < all.length));
    }
    const article = /^\/(news|hotline)\/([a-z0-9]+)\.html$/.exec(path);
    if (article) {
      const post = visible(article[1] as 'news' | 'hotline').find((candidate) => candidate.id === article[2]);
      return post ? send(200, 'text/html', renderArticle(post)) : send(404, 'text/html', '<h1>404 页面不存在</h1>');
    }
    if (path === '/weibo/' || path === '/weibo') return send(200, 'text/html', renderWeiboPage());
    if (path === '/api/weibo') {
      const cursor = Number(url.searchParams.get('cursor') ?? 0) || 0;
      const all = visible('weibo');
      const items = all.slice(cursor, cursor + weiboPageSize);
      const next = cursor + weiboPageSize < all.length ? cursor + weiboPageSize : null;
      return send(200, 'application/json', JSON.stringify(weiboJson(items, next, now())));
    }
    const status = /^\/weibo\/status\/([a-z0-9]+)$/.exec(path);
    if (status) {
      const post = visible('weibo').find((candidate) => candidate.id === status[1]);
      return post ? send(200, 'text/html', renderArticle(post)) : send(404, 'text/html', '<h1>404</h1>');
    }
    return send(404, 'text/html', '<h1>404 页面不存在</h1>');
  };

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
