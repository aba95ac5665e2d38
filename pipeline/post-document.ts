import type { estypes } from '@elastic/elasticsearch';
import { z } from 'zod';

/**
 * The stored post: schema, index names and mapping. This is the contract between the pipeline
 * (which writes the analysed fields) and the dashboards (which read them and own `review`).
 */

export const reviewStatuses = ['new', 'in_progress', 'responded', 'dismissed', 'escalated'] as const;
export const riskLevels = ['low', 'medium', 'high', 'critical'] as const;
export const sentimentLabels = ['negative', 'neutral', 'positive'] as const;

/** Sortable rank of a risk level (critical highest). */
export const riskLevelRank: Record<(typeof riskLevels)[number], number> = { low: 1, medium: 2, high: 3, critical: 4 };

const timestamp = z.iso.datetime();

export const responseStatuses = ['none', 'draft', 'in_approval', 'returned', 'approved', 'published'] as const;

/** A note left on a post by someone working it (review app). */
export const reviewNoteSchema = z.looseObject({
  id: z.string(),
  by: z.string(),
  at: timestamp,
  text: z.string(),
});

/** One approve/return decision at a stage of the response approval chain. */
export const approvalDecisionSchema = z.looseObject({
  round: z.number().int().min(1),
  stageIndex: z.number().int().min(0),
  stageId: z.string(),
  decision: z.enum(['approved', 'returned']),
  by: z.string(),
  at: timestamp,
  comment: z.string().optional(),
});

/** The response to a post: its draft text, who wrote it, every approval decision, and where it was published. */
export const responseRecordSchema = z.looseObject({
  text: z.string(),
  channel: z.string(),
  /** Everyone who wrote or edited the draft: none of them may approve it. */
  authors: z.array(z.string()),
  createdAt: timestamp,
  updatedAt: timestamp,
  updatedBy: z.string(),
  /** Approval rounds start at 1 and grow each time a returned draft is submitted again. */
  round: z.number().int().min(0),
  submittedAt: timestamp.optional(),
  submittedBy: z.string().optional(),
  approvals: z.array(approvalDecisionSchema),
  publishedAt: timestamp.optional(),
  publishedBy: z.string().optional(),
  publishedUrl: z.string().optional(),
});

/**
 * Review state: written only by the review app. The pipeline sets the initial value on first insert and never
 * again. Kept on the post so the queue filters on it and sorts on risk in one query.
 */
export const reviewStateSchema = z.looseObject({
  status: z.enum(reviewStatuses),
  /** Bumped by every review change; a pipeline update does not touch it, so it is not a reviewer conflict. */
  revision: z.number().int().min(0),
  assignee: z.string().optional(),
  updatedAt: timestamp.optional(),
  updatedBy: z.string().optional(),
  claimedAt: timestamp.optional(),
  dismissReason: z.string().optional(),
  responseStatus: z.enum(responseStatuses).optional(),
  /** Stage index of the response awaiting approval (0-based in the configured chain). */
  approvalStage: z.number().int().optional(),
  firstResponseAt: timestamp.optional(),
  /** Minutes from first seen to the first published response (aggregations cannot subtract dates without scripts). */
  firstResponseMinutes: z.number().optional(),
  closedAt: timestamp.optional(),
  escalatedAt: timestamp.optional(),
  /** Free-text notes of the people working the item, oldest first. */
  notes: z.array(reviewNoteSchema).optional(),
  /** The current response record: draft, its approval round, publication. */
  response: responseRecordSchema.optional(),
  /** Searchable copies of the response record's people and stage, for the personal inboxes (review app). */
  approvalStageId: z.string().optional(),
  responseAuthors: z.array(z.string()).optional(),
  roundApprovers: z.array(z.string()).optional(),
  submittedBy: z.string().optional(),
  submittedAt: timestamp.optional(),
  /** The responsible unit (责任单位) a supervisor handed the post to, by id of `review.responsibleUnits`. */
  unit: z.string().optional(),
  /** The last undoable action and the state before it, for a few seconds (review app). */
  undo: z.record(z.string(), z.unknown()).optional(),
});

/** Fields the pipeline computes for every post. */
export const postDocumentSchema = z.strictObject({
  postId: z.string(),
  sourceId: z.string(),
  sourceType: z.string(),
  sourceName: z.string().optional(),
  sourceWeight: z.number().optional(),
  region: z.string().optional(),
  category: z.string().optional(),
  labels: z.array(z.string()).optional(),
  url: z.string(),
  platformPostId: z.string().optional(),
  threadId: z.string().optional(),
  replyToId: z.string().optional(),
  title: z.string().optional(),
  content: z.string(),
  titleOriginal: z.string().optional(),
  contentOriginal: z.string().optional(),
  authorName: z.string().optional(),
  language: z.string().optional(),
  /** For an undated post (`publishedAtKnown: false`) this is when it was first seen, set once and never moved. */
  publishedAt: timestamp,
  /** false when the source gave no readable publication time: the review app shows 发布时间未知. Absent on older documents (known). */
  publishedAtKnown: z.boolean().optional(),
  /** How the crawler read the post: charset and why, unknown-date reason, fields extracted automatically. */
  provenance: z.strictObject({
    charset: z.string().optional(),
    charsetDecidedBy: z.string().optional(),
    charsetFallback: z.boolean().optional(),
    textGarbled: z.boolean().optional(),
    publishedAtIssue: z.string().optional(),
    publishedAtText: z.string().optional(),
    extractedFields: z.array(z.string()).optional(),
    selectorFields: z.array(z.string()).optional(),
  }).optional(),
  crawledAt: timestamp,
  firstSeenAt: timestamp.optional(),
  lastSeenAt: timestamp,
  engagement: z.strictObject({
    reposts: z.number().int().optional(), comments: z.number().int().optional(),
    likes: z.number().int().optional(), views: z.number().int().optional(),
  }).optional(),
  engagementTotal: z.number().int().optional(),
  piiRedactions: z.number().int().optional(),
  tokens: z.array(z.string()).optional(),
  keywords: z.array(z.string()).optional(),
  /** Pairs of top keywords ("a|b"): the index that finds other reports of the same story. */
  storyKeys: z.array(z.string()).optional(),
  contentHash: z.string().optional(),
  simhash: z.string().optional(),
  simhashBands: z.array(z.string()).optional(),
  duplicateOf: z.string().optional(),
  duplicateKind: z.enum(['exact', 'near']).optional(),
  copies: z.number().int().optional(),
  sentiment: z.strictObject({
    score: z.number(), label: z.enum(sentimentLabels), evidence: z.array(z.unknown()),
  }).optional(),
  risk: z.strictObject({
    score: z.number(), level: z.enum(riskLevels), levelRank: z.number().int(),
    ruleIds: z.array(z.string()), packIds: z.array(z.string()), categories: z.array(z.string()),
    hits: z.array(z.unknown()), breakdown: z.record(z.string(), z.unknown()),
  }).optional(),
  eventId: z.string().optional(),
  review: reviewStateSchema.optional(),
});

export type PostDocument = z.infer<typeof postDocumentSchema>;
export type ReviewState = z.infer<typeof reviewStateSchema>;
export type ReviewNote = z.infer<typeof reviewNoteSchema>;
export type ApprovalDecision = z.infer<typeof approvalDecisionSchema>;
export type ResponseRecord = z.infer<typeof responseRecordSchema>;

/** Every index, alias and template name yuqing uses, derived from one prefix. */
export interface IndexNames {
  /** Alias over all monthly post indices: read through it. */
  posts: string;
  /** Pattern matching the monthly post indices. */
  postsPattern: string;
  postsTemplate: string;
  /** Concrete monthly index for a post published at `date` (UTC month). */
  postsIndexFor(date: Date | string): string;
  /** Alias and monthly indices of the review audit trail (owned by the review app). */
  audit: string;
  auditIndexFor(date: Date | string): string;
  /** Events (stories across sources) and spikes, owned by the pipeline. */
  events: string;
  eventsIndexFor(date: Date | string): string;
  spikes: string;
  spikesIndexFor(date: Date | string): string;
  /** Engagement counts of posts at each crawl (owned by the pipeline), for engagement history. */
  engagement: string;
  engagementIndexFor(date: Date | string): string;
  /** Prefix shared by all of the above. */
  prefix: string;
}

/** Month suffix `YYYY.MM` in UTC; also parsed back by retention. */
export function monthSuffix(date: Date | string): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  return `${d.getUTCFullYear()}.${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function indexNames(prefix: string): IndexNames {
  const monthly = (name: string) => (date: Date | string) => `${prefix}${name}-${monthSuffix(date)}`;
  return {
    prefix,
    posts: `${prefix}posts`,
    postsPattern: `${prefix}posts-*`,
    postsTemplate: `${prefix}posts`,
    postsIndexFor: monthly('posts'),
    audit: `${prefix}audit`,
    auditIndexFor: monthly('audit'),
    events: `${prefix}events`,
    eventsIndexFor: monthly('events'),
    spikes: `${prefix}spikes`,
    spikesIndexFor: monthly('spikes'),
    engagement: `${prefix}engagement`,
    engagementIndexFor: monthly('engagement'),
  };
}

export interface TextAnalysisOptions { analyzer: string; searchAnalyzer?: string | undefined }

const keyword = { type: 'keyword' } as const;
const date = { type: 'date', format: 'strict_date_optional_time||epoch_millis' } as const;
const count = { type: 'long' } as const;
const stored = { type: 'object', enabled: false } as const;

/** Mapping of the posts indices. `dynamic: strict` so a typo in a writer fails loudly instead of creating a field. */
export function postsMapping(text: TextAnalysisOptions): estypes.MappingTypeMapping {
  const analysed = { type: 'text', analyzer: text.analyzer, ...(text.searchAnalyzer ? { search_analyzer: text.searchAnalyzer } : {}) } as const;
  return {
    dynamic: 'strict',
    properties: {
      postId: keyword, sourceId: keyword, sourceType: keyword, sourceName: keyword, sourceWeight: { type: 'float' },
      region: keyword, category: keyword, labels: keyword,
      url: { type: 'keyword', ignore_above: 4096 }, platformPostId: keyword, threadId: keyword, replyToId: keyword,
      title: { ...analysed, fields: { keyword: { type: 'keyword', ignore_above: 512 } } },
      content: analysed,
      titleOriginal: { type: 'text', index: false }, contentOriginal: { type: 'text', index: false },
      authorName: keyword, language: keyword,
      publishedAt: date, publishedAtKnown: { type: 'boolean' }, crawledAt: date, firstSeenAt: date, lastSeenAt: date,
      provenance: {
        properties: {
          charset: keyword, charsetDecidedBy: keyword, charsetFallback: { type: 'boolean' }, textGarbled: { type: 'boolean' },
          publishedAtIssue: keyword, publishedAtText: { type: 'keyword', ignore_above: 256 }, extractedFields: keyword, selectorFields: keyword,
        },
      },
      engagement: { properties: { reposts: count, comments: count, likes: count, views: count } },
      engagementTotal: count, piiRedactions: { type: 'integer' },
      // Tokens serve exact term search and the event lookup (read from doc values); keywords feed keyword clouds.
      tokens: keyword, keywords: keyword, storyKeys: keyword,
      contentHash: keyword, simhash: keyword, simhashBands: keyword,
      duplicateOf: keyword, duplicateKind: keyword, copies: { type: 'integer' },
      sentiment: { properties: { score: { type: 'float' }, label: keyword, evidence: stored } },
      risk: {
        properties: {
          score: { type: 'float' }, level: keyword, levelRank: { type: 'byte' },
          ruleIds: keyword, packIds: keyword, categories: keyword, hits: stored, breakdown: stored,
        },
      },
      eventId: keyword,
      review: {
        properties: {
          status: keyword, revision: { type: 'integer' }, assignee: keyword,
          updatedAt: date, updatedBy: keyword, claimedAt: date, dismissReason: keyword,
          responseStatus: keyword, approvalStage: { type: 'byte' },
          firstResponseAt: date, firstResponseMinutes: { type: 'float' }, closedAt: date,
          // Notes and the response record are read with the post, never searched: stored only.
          escalatedAt: date, notes: stored, response: stored,
          approvalStageId: keyword, responseAuthors: keyword, roundApprovers: keyword, submittedBy: keyword, submittedAt: date,
          unit: keyword, undo: stored,
        },
      },
    },
  };
}

export interface IndexLayoutOptions extends TextAnalysisOptions { shards: number; replicas: number; refreshIntervalSeconds: number }

/** Index template of the monthly posts indices: new months are created on first write, already behind the alias. */
export function postsIndexTemplate(names: IndexNames, options: IndexLayoutOptions): estypes.IndicesPutIndexTemplateRequest {
  return {
    name: names.postsTemplate,
    index_patterns: [names.postsPattern],
    priority: 200,
    template: {
      settings: {
        number_of_shards: options.shards,
        number_of_replicas: options.replicas,
        refresh_interval: `${Math.round(options.refreshIntervalSeconds * 1000)}ms`,
      },
      mappings: postsMapping(options),
      aliases: { [names.posts]: {} },
    },
    _meta: { description: 'yuqing posts, one index per month of publication' },
  };
}

/** A story seen across posts and sources in a time window (owned by the pipeline). */
export const eventDocumentSchema = z.strictObject({
  eventId: z.string(),
  title: z.string(),
  keywords: z.array(z.string()),
  firstSeenAt: timestamp,
  lastSeenAt: timestamp,
  updatedAt: timestamp,
  postCount: z.number().int(),
  sourceCount: z.number().int(),
  sourceIds: z.array(z.string()),
  categories: z.array(z.string()),
  representativePostId: z.string(),
  maxRiskScore: z.number(),
  maxRiskLevel: z.enum(riskLevels),
  maxRiskLevelRank: z.number().int(),
  negativeShare: z.number(),
  /** Posts published in the hour before `updatedAt`, and in the hour before that: how fast the story grows. */
  postsLastHour: z.number().int(),
  postsPreviousHour: z.number().int(),
  /** postsLastHour / max(1, postsPreviousHour); the risk formula's story growth. */
  growthRate: z.number(),
  peakHourAt: timestamp,
  peakHourCount: z.number().int(),
});
export type EventDocument = z.infer<typeof eventDocumentSchema>;

/** A sudden rise of volume for a rule, category or keyword (owned by the pipeline). */
export const spikeDocumentSchema = z.strictObject({
  spikeId: z.string(),
  dimension: z.enum(['rule', 'category', 'keyword']),
  value: z.string(),
  detectedAt: timestamp,
  windowStart: timestamp,
  windowEnd: timestamp,
  count: z.number().int(),
  baselineMean: z.number(),
  baselineStdDev: z.number(),
  threshold: z.number(),
  /** Other keywords that rose in the same burst (keyword spikes only): one burst is one spike. */
  alsoRising: z.array(z.string()).optional(),
});
export type SpikeDocument = z.infer<typeof spikeDocumentSchema>;

/** The engagement counts of one post as one crawl saw them (owned by the pipeline). */
export const engagementSnapshotSchema = z.strictObject({
  postId: z.string(),
  at: timestamp,
  reposts: z.number().int().optional(),
  comments: z.number().int().optional(),
  likes: z.number().int().optional(),
  views: z.number().int().optional(),
  total: z.number().int(),
});
export type EngagementSnapshot = z.infer<typeof engagementSnapshotSchema>;

/** Mapping of the engagement snapshot indices. */
export function engagementMapping(): estypes.MappingTypeMapping {
  return { dynamic: 'strict', properties: { postId: keyword, at: date, reposts: count, comments: count, likes: count, views: count, total: count } };
}

/** Mapping of the events indices. */
export function eventsMapping(): estypes.MappingTypeMapping {
  return {
    dynamic: 'strict',
    properties: {
      eventId: keyword, title: { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 512 } } }, keywords: keyword,
      firstSeenAt: date, lastSeenAt: date, updatedAt: date, postCount: { type: 'integer' }, sourceCount: { type: 'integer' },
      sourceIds: keyword, categories: keyword, representativePostId: keyword,
      maxRiskScore: { type: 'float' }, maxRiskLevel: keyword, maxRiskLevelRank: { type: 'byte' }, negativeShare: { type: 'float' },
      postsLastHour: { type: 'integer' }, postsPreviousHour: { type: 'integer' }, growthRate: { type: 'float' },
      peakHourAt: date, peakHourCount: { type: 'integer' },
    },
  };
}

/** Mapping of the spikes indices. */
export function spikesMapping(): estypes.MappingTypeMapping {
  return {
    dynamic: 'strict',
    properties: {
      spikeId: keyword, dimension: keyword, value: keyword, detectedAt: date, windowStart: date, windowEnd: date,
      count: { type: 'integer' }, baselineMean: { type: 'float' }, baselineStdDev: { type: 'float' }, threshold: { type: 'float' },
      alsoRising: keyword,
    },
  };
}

/** Template for a monthly index family (events, spikes, audit…) behind its alias. */
export function monthlyIndexTemplate(alias: string, mappings: estypes.MappingTypeMapping, options: { shards: number; replicas: number }): estypes.IndicesPutIndexTemplateRequest {
  return {
    name: alias,
    index_patterns: [`${alias}-*`],
    priority: 200,
    template: { settings: { number_of_shards: options.shards, number_of_replicas: options.replicas }, mappings, aliases: { [alias]: {} } },
  };
}
