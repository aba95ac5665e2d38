import { z } from 'zod';
import { cronExpression } from './field-types/cron-expression.ts';
import { cssSelector as compiledCssSelector, type SelectorEngine } from './field-types/css-selector.ts';
import { httpUrl, httpUrlTemplate } from './field-types/http-url.ts';
import { jsonPath } from './field-types/json-path.ts';
import { regexWithGroup } from './field-types/regex-pattern.ts';
import { timeZoneName } from './field-types/time-zone.ts';

const cssSelector = compiledCssSelector('cheerio');
const proxyUrl = z.url({ protocol: /^(https?|socks[45])$/, error: 'expected a proxy URL (http, https, socks4 or socks5)' });

/** Politeness and identity shared by every source unless a source overrides it. */
export const crawlDefaultsSchema = z.strictObject({
  userAgent: z.string().min(1).default('yuqing-monitor/0.1 (+https://github.com/yuqing-monitor/yuqing; public-opinion monitoring)')
    .meta({ env: 'YUQING_USER_AGENT' }).describe('User-Agent sent with every request (HTTP and Chromium); say who you are and how to reach you.'),
  respectRobotsTxt: z.boolean().default(true).describe('Skip URLs that robots.txt disallows for our User-Agent.'),
  maxRequestsPerMinute: z.number().int().min(1).default(30)
    .describe('Requests per minute to one domain (host), shared by all sources that crawl it; requests are spaced evenly.'),
  maxConcurrency: z.number().int().min(1).default(2).describe('Parallel requests per source (a source crawls one site).'),
  requestTimeoutSeconds: z.number().min(1).default(30).describe('Timeout of one request, headers and body, in seconds.'),
  maxBodyBytes: z.number().int().min(1024).default(5_000_000).describe('Responses larger than this many bytes are refused.'),
  maxRetries: z.number().int().min(0).default(3).describe('Retries of a request that failed transiently (5xx, timeout, connection), with exponential backoff.'),
  retryBackoffMillis: z.number().int().min(0).default(2000)
    .describe('Wait before the first retry in milliseconds; doubles with every further retry (capped at 60 000 ms).'),
  proxyUrls: z.array(proxyUrl).default([]).describe('Proxies to rotate through (crawlee ProxyConfiguration); empty means direct.'),
  chromiumPath: z.string().default('/usr/bin/chromium').meta({ env: 'CHROMIUM_PATH' })
    .describe('Chromium executable for `browser` sources (Debian package `chromium`).'),
  maxParallelSources: z.number().int().min(1).default(3).meta({ env: 'YUQING_MAX_PARALLEL_SOURCES' })
    .describe('Sources crawled at the same time in one pass of `yuqing crawl`.'),
  secretsFile: z.string().min(1).optional().meta({ env: 'YUQING_CRAWL_SECRETS_FILE' })
    .describe('YAML file with per-source secrets, `sources: { <id>: { cookies: "a=1; b=2", headers: { Authorization: … } } }`; `YUQING_COOKIES_<ID>` and `YUQING_HEADERS_<ID>` (JSON) in the environment win over it. Sent only to the hosts of the source\'s start URLs; never logged or stored.'),
  stateRetentionDays: z.number().int().min(1).default(90)
    .describe('Crawl state forgets an item this many days after it was last seen on the site (bounds the state file).'),
}).describe('Defaults for all sources.');

/** Per-source overrides of the crawl defaults; absent fields fall back to `crawl`. */
export const politenessOverridesSchema = z.strictObject({
  userAgent: z.string().min(1).optional().describe('User-Agent for this source only.'),
  maxRequestsPerMinute: z.number().int().min(1).optional().describe('Requests per minute to this source\'s domain.'),
  maxConcurrency: z.number().int().min(1).optional().describe('Parallel requests of this source.'),
  requestTimeoutSeconds: z.number().min(1).optional().describe('Timeout of one request in seconds.'),
  maxBodyBytes: z.number().int().min(1024).optional().describe('Largest accepted response in bytes.'),
  maxRetries: z.number().int().min(0).optional().describe('Retries of a transiently failed request.'),
  retryBackoffMillis: z.number().int().min(0).optional().describe('Wait before the first retry in milliseconds.'),
  proxyUrls: z.array(proxyUrl).optional().describe('Proxies for this source only.'),
}).describe('Overrides of the crawl defaults for one source.');

/** Where a value sits on a page: a CSS selector (checked for the engine that runs it), optionally reading an attribute. */
function fieldSelector(engine: SelectorEngine) {
  const selector = compiledCssSelector(engine);
  return z.union([
    selector,
    z.strictObject({
      selector: selector.describe('CSS selector, relative to the item (or the page for detail fields).'),
      attribute: z.string().min(1).optional().describe('Read this attribute (e.g. `datetime`, `title`, `href`) instead of the text.'),
    }),
  ]).describe('A CSS selector, or `{ selector, attribute }` to read an attribute.');
}

/** A field selector of a static-page source (run by cheerio). */
export const fieldSelectorSchema = fieldSelector('cheerio');
/** A field selector of a `browser` source (run by Chromium's querySelector: standard CSS only). */
const browserFieldSelectorSchema = fieldSelector('chromium');

function engagementSelectors(field: typeof fieldSelectorSchema) {
  return z.strictObject({
    reposts: field.optional().describe('Repost/share count (accepts `1.2万`, `3千+`).'),
    comments: field.optional().describe('Comment/reply count.'),
    likes: field.optional().describe('Like count.'),
    views: field.optional().describe('View/read count.'),
  }).prefault({}).describe('Selectors of engagement counts.');
}
const engagementSelectorsSchema = engagementSelectors(fieldSelectorSchema);

const sourceBaseShape = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lowercase id of letters, digits and "-", e.g. "city-news"')
    .describe('Stable id; part of every post id, so never rename a live source.'),
  name: z.string().min(1).describe('Human-readable name shown in the review app and digests.'),
  enabled: z.boolean().default(true).describe('Disabled sources are validated but never crawled.'),
  startUrls: z.array(httpUrl()).min(1).describe('Where crawling starts.'),
  schedule: cronExpression('*/15 * * * *').default('*/15 * * * *').describe('node-cron expression for scheduled runs (in `timeZone`).'),
  timeZone: timeZoneName().default('Asia/Shanghai').describe('Time zone of times written on the site without one.'),
  weight: z.number().min(0).max(5).default(1).describe('Source weight in the risk score (1 = normal; e.g. 2 for a major portal).'),
  tags: z.strictObject({
    region: z.string().optional().describe('Region the source covers, e.g. 杭州市.'),
    category: z.string().optional().describe('Kind of source, e.g. 新闻, 论坛, 社交媒体.'),
    labels: z.array(z.string()).default([]).describe('Free labels for filtering.'),
  }).prefault({}).describe('Tags copied onto every post of the source.'),
  maxItemsPerRun: z.number().int().min(1).default(500).describe('Stop a run after this many posts.'),
  refreshWindowHours: z.number().min(0).default(24)
    .describe('Items published less than this many hours ago are fetched again on every run to refresh their engagement counts (0: never).'),
  charset: z.string().optional().describe('Force this charset (e.g. gbk, big5) when a site declares none or a wrong one; by default taken from the HTTP header or `<meta>`.'),
  language: z.string().optional().describe('Language of the site (e.g. zh-TW) when its pages do not declare one.'),
  politeness: politenessOverridesSchema.optional(),
};

/** A feed: RSS 2.0, Atom or JSON Feed, including a self-hosted RSSHub route. */
export const rssSourceSchema = z.strictObject({
  ...sourceBaseShape,
  type: z.literal('rss').describe('RSS 2.0, Atom or JSON Feed (e.g. a self-hosted RSSHub route).'),
}).describe('A feed source.');

const listPageSchema = z.strictObject({
  itemSelector: cssSelector.optional()
    .describe('One element per post or thread on a list page. Matching nothing marks the source broken. Absent: article-like links of the same site are found automatically (long link text, a path with an id or a date).'),
  linkSelector: fieldSelectorSchema.default('a').describe('Link to the detail page, inside the item (`href` is read).'),
  timeSelector: fieldSelectorSchema.optional().describe('Publication time shown on the list, inside the item.'),
  activitySelector: fieldSelectorSchema.optional()
    .describe('A marker that changes when the item gets new activity (e.g. a forum thread\'s reply count); a change fetches the detail again.'),
  nextPageSelector: fieldSelectorSchema.optional().describe('Link to the next list page. Absent with no `itemSelector` either: a link reading 下一页 / Next is followed.'),
  pageUrlTemplate: httpUrlTemplate('page').optional()
    .describe('List pages by number, e.g. `https://bbs.example.cn/forum-2-{page}.html`; the first page is the start URL.'),
  maxPages: z.number().int().min(1).default(5).describe('List pages followed per run and start URL.'),
}).describe('The list pages of an `html` source.');

const articleDetailSchema = z.strictObject({
  titleSelector: fieldSelectorSchema.optional().describe('Title of the article.'),
  contentSelector: fieldSelectorSchema.optional()
    .describe('Body text of the article. Absent, or matching nothing on a page: the body is extracted automatically (Readability); a declared selector that stops matching is a health warning.'),
  authorSelector: fieldSelectorSchema.optional().describe('Public author or outlet name.'),
  timeSelector: fieldSelectorSchema.optional().describe('Publication time (Chinese formats, relative times, RFC 822 and ISO 8601 are understood). Absent: read from the page\'s metadata or the date printed below the title.'),
  engagement: engagementSelectorsSchema,
  idPattern: regexWithGroup().optional().describe('Regular expression with one group that takes the site\'s post id from the URL.'),
}).describe('Detail pages holding one article each.');

const threadDetailSchema = z.strictObject({
  titleSelector: fieldSelectorSchema.optional().describe('Title of the thread, on the page.'),
  postSelector: cssSelector.describe('One element per floor (the opening post and each reply).'),
  postIdAttribute: z.string().default('id').describe('Attribute of the floor element holding its id (e.g. `id="post_123"`).'),
  postIdPattern: regexWithGroup().default('(\\d+)').describe('Regular expression with one group that takes the post id from that attribute.'),
  contentSelector: fieldSelectorSchema.describe('Text of a floor, inside the floor element.'),
  authorSelector: fieldSelectorSchema.optional().describe('Author of a floor.'),
  timeSelector: fieldSelectorSchema.optional().describe('Time of a floor (`发表于 …` prefixes are ignored).'),
  threadIdPattern: regexWithGroup().default('(\\d+)').describe('Regular expression with one group that takes the thread id from the thread URL.'),
  nextPageSelector: fieldSelectorSchema.optional().describe('Link to the next page of the thread.'),
  maxPages: z.number().int().min(1).default(20).describe('Thread pages followed per thread and run.'),
}).describe('Detail pages holding a forum thread: every floor becomes its own post linked by `threadId` and `replyToId`.');

/** Static pages: a list of links, each leading to an article or a forum thread, read with CSS selectors. */
export const htmlSourceSchema = z.strictObject({
  ...sourceBaseShape,
  type: z.literal('html').describe('Static HTML list pages leading to article or forum-thread pages.'),
  list: listPageSchema.prefault({}),
  article: articleDetailSchema.optional().describe('Selectors of article pages. Absent (and no `thread`): title, body, time and author are extracted automatically.'),
  thread: threadDetailSchema.optional(),
}).superRefine((source, ctx) => {
  if (source.article && source.thread) {
    ctx.addIssue({ code: 'custom', path: ['article'], message: 'declare at most one of `article` (news pages) or `thread` (forum threads); neither means automatic article extraction' });
  }
}).describe('An HTML source.');

const jsonPathString = jsonPath().describe('Dot path into the JSON, e.g. `data.cards[0].mblog.text`.');

const jsonPaginationSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({
    type: z.literal('cursor'),
    cursorPath: jsonPathString.describe('Path of the next cursor in the response; empty or missing ends the crawl.'),
    cursorParam: z.string().min(1).default('cursor').describe('Query parameter that carries the cursor.'),
  }),
  z.strictObject({
    type: z.literal('page'),
    pageParam: z.string().min(1).default('page').describe('Query parameter that carries the page number.'),
    firstPage: z.number().int().min(0).default(1).describe('Number of the first page.'),
  }),
]).describe('How the API pages through results.');

/** JSON API endpoints with a field mapping by path and cursor or page pagination. */
export const jsonSourceSchema = z.strictObject({
  ...sourceBaseShape,
  type: z.literal('json').describe('A JSON API returning a list of posts.'),
  itemsPath: jsonPathString.describe('Path of the array of posts in the response. Missing marks the source broken.'),
  fields: z.strictObject({
    id: jsonPathString.describe('Site\'s post id.'),
    url: jsonPathString.optional().describe('Post URL; when absent, `urlTemplate` builds it.'),
    title: jsonPathString.optional(),
    content: jsonPathString.describe('Post text.'),
    author: jsonPathString.optional(),
    publishedAt: jsonPathString.optional().describe('Publication time (ISO, epoch seconds/milliseconds or Chinese formats).'),
    reposts: jsonPathString.optional(),
    comments: jsonPathString.optional(),
    likes: jsonPathString.optional(),
    views: jsonPathString.optional(),
    threadId: jsonPathString.optional(),
    replyToId: jsonPathString.optional(),
  }).describe('Where each post field sits inside one item.'),
  urlTemplate: httpUrlTemplate('id', '123').optional()
    .describe('Builds a post URL from its id, e.g. `https://m.weibo.cn/status/{id}`.'),
  contentIsHtml: z.boolean().default(false).describe('Strip HTML tags from the content field.'),
  pagination: jsonPaginationSchema.default({ type: 'none' }),
  maxPages: z.number().int().min(1).default(10).describe('Pages fetched per run and start URL.'),
  headers: z.record(z.string(), z.string()).default({}).describe('Extra request headers, e.g. `Accept` or `Referer`.'),
}).superRefine((source, ctx) => {
  if (!source.fields.url && !source.urlTemplate) {
    ctx.addIssue({ code: 'custom', path: ['urlTemplate'], message: 'give `fields.url` or `urlTemplate` so every post has a URL' });
  }
}).describe('A JSON API source.');

/** Pages that render only with JavaScript, read in real Chromium. */
export const browserSourceSchema = z.strictObject({
  ...sourceBaseShape,
  type: z.literal('browser').describe('A page rendered by JavaScript, read in Chromium (PlaywrightCrawler).'),
  itemSelector: compiledCssSelector('chromium').optional()
    .describe('One element per post; the crawl waits for it. Never appearing marks the source broken. Absent: each start URL is one article, extracted automatically once rendered.'),
  idAttribute: z.string().optional().describe('Attribute of the item holding the site\'s post id (e.g. `data-mid`).'),
  linkSelector: browserFieldSelectorSchema.optional().describe('Permalink of the post, inside the item (`href` is read).'),
  titleSelector: browserFieldSelectorSchema.optional(),
  contentSelector: browserFieldSelectorSchema.optional().describe('Post text, inside the item (absent: the whole item\'s text).'),
  authorSelector: browserFieldSelectorSchema.optional(),
  timeSelector: browserFieldSelectorSchema.optional().describe('Publication time, inside the item (`3分钟前`, `昨天 12:30`, … are understood).'),
  engagement: engagementSelectors(browserFieldSelectorSchema),
  waitForSelectorMillis: z.number().int().min(100).default(15_000).describe('How long to wait for the first item, in milliseconds.'),
  scroll: z.strictObject({
    maxScrolls: z.number().int().min(0).default(5).describe('Scrolls to the bottom to load more posts (0: no scrolling).'),
    waitForMoreMillis: z.number().int().min(100).default(5_000).describe('How long to wait for new posts after a scroll, in milliseconds.'),
  }).prefault({}).describe('Scroll-to-load.'),
}).superRefine((source, ctx) => {
  if (source.itemSelector && !source.idAttribute && !source.linkSelector) {
    ctx.addIssue({ code: 'custom', path: ['idAttribute'], message: 'give `idAttribute` or `linkSelector`: posts on one page need their own id or URL' });
  }
}).describe('A JavaScript-rendered source.');

/** Every source type. */
export const sourceSchema = z.discriminatedUnion('type', [rssSourceSchema, htmlSourceSchema, jsonSourceSchema, browserSourceSchema]);

export type SourceConfig = z.infer<typeof sourceSchema>;
export type SourceType = SourceConfig['type'];
export type RssSourceConfig = z.infer<typeof rssSourceSchema>;
export type HtmlSourceConfig = z.infer<typeof htmlSourceSchema>;
export type JsonSourceConfig = z.infer<typeof jsonSourceSchema>;
export type BrowserSourceConfig = z.infer<typeof browserSourceSchema>;
export type FieldSelector = z.infer<typeof fieldSelectorSchema>;
export type CrawlDefaults = z.infer<typeof crawlDefaultsSchema>;
export type PolitenessOverrides = z.infer<typeof politenessOverridesSchema>;
