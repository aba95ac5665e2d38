// A local web server on 127.0.0.1 (a free port) imitating the public sites yuqing crawls: a news
// portal with feeds and GBK/Big5 article pages, a Discuz-style forum, a Weibo-style feed that only
// renders with JavaScript, a JSON API with cursor pagination, robots.txt, endpoints that are slow,
// fail, return malformed markup or are oversized, sites that lie about their charset and dates or
// print articles in several CMS layouts (troubled-sites.ts), and login/captcha/throttling walls.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { accessWallRoutes } from './access-walls.ts';
import { FixtureContent, type FixtureContentSizes } from './fixture-content.ts';
import { faultyRoutes, type FaultyOptions } from './faulty-endpoints.ts';
import { forumRoutes, type ForumLayout } from './discuz-forum.ts';
import { jsonApiRoutes } from './json-api.ts';
import { newsPortalRoutes } from './news-portal.ts';
import { troubledRoutes, type TroubledContent } from './troubled-sites.ts';
import { weiboFeedRoutes } from './weibo-feed.ts';

/** Answers one request; the URL is already parsed. */
export type RouteHandler = (request: IncomingMessage, response: ServerResponse, url: URL, match: RegExpExecArray) => void | Promise<void>;
/** A path pattern and its handler. */
export type Route = [RegExp, RouteHandler];

/** Sizes of the sections and behaviour of the faulty endpoints. */
export type FixtureSiteOptions = Partial<FixtureContentSizes> & Partial<ForumLayout> & Partial<FaultyOptions> & {
  /** The site's "now" for the initial content (default: the real now). */
  now?: Date;
  /** Articles of each CMS layout, and how many a list page shows (default 4 and 2). */
  layoutArticles?: number;
  layoutArticlesPerListPage?: number;
};

/** A running fixture site. */
export interface FixtureSite {
  /** Origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  content: FixtureContent;
  /** What the troubled sites (legacy feeds, layouts, walls) publish and saw. */
  troubled: TroubledContent;
  /** Path and query of every request received, in order. */
  requests: string[];
  /** User-Agent headers received. */
  userAgents: Set<string>;
  close(): Promise<void>;
}

const robotsTxt = `# 本站欢迎公开信息的合规采集
User-agent: *
Disallow: /members/
Disallow: /bbs/space-
Disallow: /private/

User-agent: BadBot
Disallow: /
`;

/** Starts a fixture site on 127.0.0.1 with a free port. */
export async function startFixtureSite(options: FixtureSiteOptions = {}): Promise<FixtureSite> {
  const content = new FixtureContent(options.now ?? new Date(), {
    newsArticles: options.newsArticles ?? 12,
    forumThreads: options.forumThreads ?? 6,
    floorsPerThread: options.floorsPerThread ?? 13,
    weiboPosts: options.weiboPosts ?? 25,
    apiPosts: options.apiPosts ?? 23,
  });
  const layout: ForumLayout = { threadsPerPage: options.threadsPerPage ?? 5, floorsPerPage: options.floorsPerPage ?? 10 };
  const faulty: FaultyOptions = { slowMillis: options.slowMillis ?? 3000, flakyFailures: options.flakyFailures ?? 2, oversizedBytes: options.oversizedBytes ?? 2_000_000 };
  const requests: string[] = [];
  const userAgents = new Set<string>();
  const troubled = troubledRoutes(options.now ?? new Date(), { articlesPerLayout: options.layoutArticles ?? 4, articlesPerListPage: options.layoutArticlesPerListPage ?? 2 });
  const routes: Route[] = [
    [/^\/robots\.txt$/, (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(robotsTxt);
    }],
    ...newsPortalRoutes(content),
    ...forumRoutes(content, layout),
    ...weiboFeedRoutes(content),
    ...jsonApiRoutes(content),
    ...faultyRoutes(faulty),
    ...troubled.routes,
    ...accessWallRoutes(troubled.content.cookiesSeen),
    [/^\/(members|private)\//, (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body><h1>会员专区</h1><p>仅限登录会员查看。</p></body></html>');
    }],
  ];

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push(`${url.pathname}${url.search}`);
    userAgents.add(request.headers['user-agent'] ?? '');
    for (const [pattern, handler] of routes) {
      const match = pattern.exec(url.pathname);
      if (!match) continue;
      Promise.resolve(handler(request, response, url, match)).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(String(error));
      });
      return;
    }
    response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body><h1>404 页面不存在</h1></body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    content,
    troubled: troubled.content,
    requests,
    userAgents,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
