import { z } from 'zod';

/** Engagement counts as shown on the page at crawl time. */
export const engagementSchema = z.strictObject({
  reposts: z.number().int().min(0).optional(),
  comments: z.number().int().min(0).optional(),
  likes: z.number().int().min(0).optional(),
  views: z.number().int().min(0).optional(),
});

/** Where a field's value came from: a declared CSS selector, automatic extraction, the list page, or the feed/API/rendered item itself. */
export const fieldOrigins = ['selector', 'extracted', 'list', 'feed'] as const;
export type FieldOrigin = (typeof fieldOrigins)[number];

/** How the text of the post was decoded (HTTP source types; Chromium decodes `browser` pages itself). */
export const charsetProvenanceSchema = z.strictObject({
  charset: z.string().min(1).describe('Charset decoded with, e.g. utf-8, gb18030, big5.'),
  decidedBy: z.enum(['forced', 'bom', 'header', 'document', 'detected', 'default']).describe('What decided it: the source\'s `charset:`, a byte-order mark, the HTTP header, the document\'s declaration, the detector, or the UTF-8 default.'),
  isFallback: z.boolean().describe('The charset used is not the one declared first: the declaration lied or was absent.'),
  isDoubtful: z.boolean().describe('Even the best decoding looks garbled (replacement characters, mojibake).'),
  reason: z.string().describe('Why, in one line.'),
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
  publishedAtKnown: z.boolean().optional()
    .describe('false when the post gave no publication time or one that could not be read (then `publishedAt` is absent, never guessed). Absent on posts of older crawlers: known when `publishedAt` is set.'),
  publishedAtIssue: z.enum(['missing', 'unparseable', 'future']).optional().describe('Why the time is unknown.'),
  publishedAtText: z.string().max(200).optional().describe('The time as written, when it could not be read.'),
  charset: charsetProvenanceSchema.optional(),
  isTextGarbled: z.boolean().optional().describe('true when the text looks garbled (replacement characters, mojibake) even after the charset check: stored, flagged and counted, never passed off as clean text.'),
  fieldOrigins: z.strictObject({
    title: z.enum(fieldOrigins).optional(),
    content: z.enum(fieldOrigins).optional(),
    authorName: z.enum(fieldOrigins).optional(),
    publishedAt: z.enum(fieldOrigins).optional(),
  }).optional().describe('Which fields came from declared selectors and which were extracted automatically (html and browser sources).'),
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
}).refine((post) => !(post.publishedAtKnown === true && post.publishedAt === undefined), {
  message: 'publishedAtKnown is true but publishedAt is missing', path: ['publishedAtKnown'],
}).refine((post) => !(post.publishedAtKnown === false && post.publishedAt !== undefined), {
  message: 'publishedAtKnown is false but publishedAt is set', path: ['publishedAtKnown'],
});

export type RawPost = z.infer<typeof rawPostSchema>;
export type RawPostInput = z.input<typeof rawPostSchema>;
export type Engagement = z.infer<typeof engagementSchema>;
export type CharsetProvenance = z.infer<typeof charsetProvenanceSchema>;

/** File suffix of a finished raw-spool segment; a segment being written ends in `.part` until it is closed. */
export const rawSegmentSuffix = '.ndjson';

/** Folder of the raw spool inside the data dir: crawlers append segments, the pipeline consumes them. */
export function rawSpoolDir(dataDir: string): string {
  return `${dataDir.replace(/\/$/, '')}/raw`;
}
