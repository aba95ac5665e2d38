import { z } from 'zod';

const cronExpression = z.string()
  .regex(/^(\S+\s+){4,5}\S+$/, 'expected a cron expression with 5 or 6 fields, e.g. "*/10 * * * *"');

/** Politeness and identity shared by every source unless a source overrides it. */
export const crawlDefaultsSchema = z.strictObject({
  userAgent: z.string().min(1).default('yuqing-monitor/0.1 (+https://github.com/yuqing-monitor/yuqing; public-opinion monitoring)')
    .meta({ env: 'YUQING_USER_AGENT' }).describe('User-Agent sent with every request; say who you are and how to reach you.'),
  respectRobotsTxt: z.boolean().default(true).describe('Skip URLs that robots.txt disallows for our User-Agent.'),
  maxRequestsPerMinute: z.number().int().min(1).default(30).describe('Per-domain request rate limit.'),
  maxConcurrency: z.number().int().min(1).default(2).describe('Parallel requests per source.'),
  requestTimeoutSeconds: z.number().min(1).default(30).describe('Timeout of one request.'),
  maxBodyBytes: z.number().int().min(1024).default(5_000_000).describe('Responses larger than this are refused.'),
  maxRetries: z.number().int().min(0).default(3).describe('Retries of a failed request, with exponential backoff.'),
  proxyUrls: z.array(z.url()).default([]).describe('Proxies to rotate through (crawlee ProxyConfiguration); empty means direct.'),
  chromiumPath: z.string().default('/usr/bin/chromium').meta({ env: 'CHROMIUM_PATH' })
    .describe('Chromium executable for `browser` sources (Debian package `chromium`).'),
}).describe('Defaults for all sources.');

const sourceBaseShape = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lowercase id of letters, digits and "-", e.g. "city-news"')
    .describe('Stable id; part of every post id, so never rename a live source.'),
  name: z.string().min(1).describe('Human-readable name shown in the review app and digests.'),
  enabled: z.boolean().default(true).describe('Disabled sources are validated but never crawled.'),
  startUrls: z.array(z.url({ error: 'expected an absolute http(s) URL' })).min(1).describe('Where crawling starts.'),
  schedule: cronExpression.default('*/15 * * * *').describe('node-cron expression for scheduled runs (in `timeZone`).'),
  timeZone: z.string().default('Asia/Shanghai').describe('Time zone of times written on the site without one.'),
  weight: z.number().min(0).max(5).default(1).describe('Source weight in the risk score (1 = normal; e.g. 2 for a major portal).'),
  tags: z.strictObject({
    region: z.string().optional().describe('Region the source covers, e.g. 杭州市.'),
    category: z.string().optional().describe('Kind of source, e.g. 新闻, 论坛, 社交媒体.'),
    labels: z.array(z.string()).default([]).describe('Free labels for filtering.'),
  }).prefault({}).describe('Tags copied onto every post of the source.'),
  maxItemsPerRun: z.number().int().min(1).default(500).describe('Stop a run after this many posts.'),
};

export const rssSourceSchema = z.strictObject({
  ...sourceBaseShape,
  type: z.literal('rss').describe('RSS 2.0, Atom or JSON Feed.'),
}).describe('A feed source.');

/** Every source type; extended as source types land. */
export const sourceSchema = z.discriminatedUnion('type', [rssSourceSchema]);

export type SourceConfig = z.infer<typeof sourceSchema>;
export type RssSourceConfig = z.infer<typeof rssSourceSchema>;
export type CrawlDefaults = z.infer<typeof crawlDefaultsSchema>;
