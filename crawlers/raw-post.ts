import { z } from 'zod';

/** Engagement counts as shown on the page at crawl time. */
export const engagementSchema = z.strictObject({
  reposts: z.number().int().min(0).optional(),
  comments: z.number().int().min(0).optional(),
  likes: z.number().int().min(0).optional(),
  views: z.number().int().min(0).optional(),
});

const utcTimestamp = z.iso.datetime({ offset: false, error: 'expected a UTC ISO-8601 timestamp such as 2026-11-26T02:00:00.000Z' });

/**
 * What every crawler emits, and the only thing that crosses from `crawlers/` into `pipeline/`.
 * Times are already converted to UTC by the crawler (it knows the site's time zone).
 */
export const rawPostSchema = z.strictObject({
  sourceId: z.string().min(1),
  sourceType: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }),
  platformPostId: z.string().min(1).optional().describe('The site\'s own id of the post, when it has one.'),
  title: z.string().optional(),
  content: z.string(),
  authorName: z.string().optional().describe('Public display name as shown on the page.'),
  publishedAt: utcTimestamp.optional(),
  crawledAt: utcTimestamp,
  engagement: engagementSchema.optional(),
  threadId: z.string().min(1).optional().describe('Id of the thread (forum topic, Weibo root post) this post belongs to.'),
  replyToId: z.string().min(1).optional().describe('Id of the post this one replies to.'),
  language: z.string().optional().describe('Language as declared by the page (e.g. zh-CN, zh-TW), before any conversion.'),
  tags: z.strictObject({
    region: z.string().optional(),
    category: z.string().optional(),
    labels: z.array(z.string()).default([]),
  }).optional(),
}).refine((post) => post.content.trim() !== '' || (post.title ?? '').trim() !== '', {
  message: 'a post needs a non-empty content or title', path: ['content'],
});

export type RawPost = z.infer<typeof rawPostSchema>;
export type RawPostInput = z.input<typeof rawPostSchema>;
export type Engagement = z.infer<typeof engagementSchema>;

/** File suffix of a finished raw-spool segment; a segment being written ends in `.part` until it is closed. */
export const rawSegmentSuffix = '.ndjson';

/** Folder of the raw spool inside the data dir: crawlers append segments, the pipeline consumes them. */
export function rawSpoolDir(dataDir: string): string {
  return `${dataDir.replace(/\/$/, '')}/raw`;
}
