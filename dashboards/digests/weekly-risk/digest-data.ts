import { z } from 'zod';
import { responseStatuses, reviewStatuses, riskLevels } from '../../../pipeline/post-document.ts';

const timestamp = z.iso.datetime();
const count = z.number().int().min(0);
const link = z.strictObject({ title: z.string(), url: z.string(), postId: z.string().optional() });

/**
 * Everything the risk digest shows, as collected from Elasticsearch aggregations. Renderers format these
 * numbers and nothing else, so no sentence can state a fact that is not here.
 */
export const digestDataSchema = z.strictObject({
  title: z.string(),
  period: z.strictObject({
    label: z.string(), kind: z.enum(['day', 'week', 'month', 'range']), text: z.string(), from: timestamp, to: timestamp, previousFrom: timestamp, previousTo: timestamp, timeZone: z.string(),
    /** The title name in Chinese (2026年第47周（11月16日—11月22日）). */
    name: z.string(),
    /** A period still running, reported so far. */
    isPartial: z.boolean(),
  }),
  /** 本周要点: the riskiest stories active in the period, with their assessment, status and responsible unit. */
  highlights: z.array(z.strictObject({
    eventId: z.string(), title: z.string(), maxRiskLevel: z.enum(riskLevels), postCount: count, sourceCount: count,
    assessment: z.string(), status: z.string(), unit: z.string().optional(), isUnitProposed: z.boolean(), appUrl: z.string(), representative: link.optional(),
  })),
  generatedAt: timestamp,
  volume: z.strictObject({ total: count, previousTotal: count }),
  /** Posts per local day of the period, split by sentiment (`unscored`: no sentiment stored). */
  daily: z.array(z.strictObject({ date: z.string(), total: count, negative: count, neutral: count, positive: count, unscored: count })),
  sentiment: z.strictObject({ negative: count, neutral: count, positive: count, unscored: count }),
  riskLevels: z.strictObject({ critical: count, high: count, medium: count, low: count, unscored: count }),
  topRiskItems: z.array(z.strictObject({
    postId: z.string(), title: z.string(), url: z.string(), sourceName: z.string(), publishedAt: timestamp,
    level: z.enum(riskLevels), score: z.number(), categories: z.array(z.string()),
    /** Posts of the post's story (event), all periods; the list shows one post per story. */
    storyPosts: count,
    reviewStatus: z.enum(reviewStatuses).optional(), responseStatus: z.enum(responseStatuses).optional(),
    /** The post in the review app. */
    appUrl: z.string(),
  })),
  newEvents: z.strictObject({
    total: count,
    items: z.array(z.strictObject({
      eventId: z.string(), title: z.string(), firstSeenAt: timestamp, postCount: count, sourceCount: count,
      maxRiskLevel: z.enum(riskLevels), maxRiskScore: z.number(), representative: link.optional(), appUrl: z.string(),
    })),
  }),
  spikes: z.strictObject({
    total: count,
    items: z.array(z.strictObject({ dimension: z.enum(['rule', 'category', 'keyword']), value: z.string(), detectedAt: timestamp, count, baselineMean: z.number(), example: link.optional() })),
  }),
  topKeywords: z.array(z.strictObject({ keyword: z.string(), count })),
  sources: z.strictObject({
    total: count,
    items: z.array(z.strictObject({ sourceId: z.string(), sourceName: z.string(), total: count, highRisk: count, negative: count })),
  }),
  categories: z.array(z.strictObject({ category: z.string(), label: z.string(), total: count, highRisk: count })),
  rules: z.array(z.strictObject({ ruleId: z.string(), ruleName: z.string().optional(), hits: count, dismissed: count, falsePositive: count })),
  response: z.strictObject({
    /** Posts of the period at high risk or above, and how they stand now. */
    highRisk: count,
    responded: count,
    dismissed: count,
    byStatus: z.record(z.enum(reviewStatuses), count),
    /** Posts of the period with a recorded time to first response, and its median in minutes. */
    timedResponses: count,
    medianFirstResponseMinutes: z.number().nullable(),
    /** Responses waiting for approval at generation time (all periods). */
    pendingApprovals: count,
  }),
});

export type DigestData = z.infer<typeof digestDataSchema>;
