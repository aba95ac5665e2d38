import { z } from 'zod';
import type { Severity } from './pack-schema.ts';
import type { RuleHit } from './rule-hit.ts';

/** Risk levels, lowest first. */
export const riskLevelSchema = z.enum(['low', 'medium', 'high', 'critical']);
/** A risk level. */
export type RiskLevel = z.infer<typeof riskLevelSchema>;

/** Weights of the risk formula (rules/README.md "Risk score"); every field has a default. */
export const riskWeightsSchema = z.strictObject({
  severityPoints: z.strictObject({
    low: z.number().min(0).max(100).default(20),
    medium: z.number().min(0).max(100).default(40),
    high: z.number().min(0).max(100).default(60),
    critical: z.number().min(0).max(100).default(80),
  }).default({ low: 20, medium: 40, high: 60, critical: 80 }).describe('base points of the most severe hit'),
  extraHitPoints: z.number().min(0).default(5).describe('points per additional distinct rule hit'),
  extraHitPointsMax: z.number().min(0).default(15).describe('cap on the extra-hit points'),
  negativeOnlyPoints: z.number().min(0).max(100).default(20).describe('base points of a post with no hit, times its negativity'),
  negativityBoost: z.number().min(0).default(0.5).describe('amplification at negativity 1 (sentiment score -1)'),
  engagementBoost: z.number().min(0).default(0.6).describe('amplification at saturated engagement'),
  engagementSaturation: z.number().positive().default(100_000).describe('weighted interactions at which engagement counts fully (log scale)'),
  engagementWeights: z.strictObject({
    reposts: z.number().min(0).default(1),
    comments: z.number().min(0).default(1),
    likes: z.number().min(0).default(0.2),
    views: z.number().min(0).default(0.002),
  }).default({ reposts: 1, comments: 1, likes: 0.2, views: 0.002 }).describe('interactions per kind, before the log'),
  growthBoost: z.number().min(0).default(0.4).describe('amplification at saturated story growth'),
  growthSaturation: z.number().gt(1).default(16).describe('growth ratio (posts this hour / previous hour) that counts fully (log scale)'),
  levelThresholds: z.strictObject({
    medium: z.number().min(0).max(100).default(25),
    high: z.number().min(0).max(100).default(50),
    critical: z.number().min(0).max(100).default(75),
  }).default({ medium: 25, high: 50, critical: 75 }).describe('score from which each level starts'),
});
/** Risk weights, every field filled. */
export type RiskWeights = z.infer<typeof riskWeightsSchema>;
/** Risk weights as a user writes them (any field may be left out). */
export type RiskWeightsInput = z.input<typeof riskWeightsSchema>;

/** Engagement counts of a post; missing counts are zero. */
export const engagementSchema = z.strictObject({
  reposts: z.number().min(0).optional(),
  comments: z.number().min(0).optional(),
  likes: z.number().min(0).optional(),
  views: z.number().min(0).optional(),
});
/** Engagement counts. */
export type Engagement = z.infer<typeof engagementSchema>;

/** How each part contributed, so the score can be explained and tuned. */
export const riskBreakdownSchema = z.strictObject({
  basePoints: z.number(),
  severity: riskLevelSchema.nullable(),
  extraHitPoints: z.number(),
  negativity: z.number(),
  engagement: z.number().describe('0..1, log-scaled'),
  growth: z.number().describe('0..1, log-scaled'),
  sourceWeight: z.number(),
  multiplier: z.number(),
});
/** Components of a risk score. */
export type RiskBreakdown = z.infer<typeof riskBreakdownSchema>;

/** Inputs of the risk formula besides the hits. */
export interface RiskInputs {
  negativity: number;
  engagement?: Engagement;
  /** Weight of the post's source, 1 = normal; supplied by the pipeline (e.g. 1.5 for major media). */
  sourceWeight?: number;
  /** Growth of the post's story: posts in the last hour / posts in the hour before; 1 = steady. */
  storyGrowth?: number;
}

const severityOrder: readonly Severity[] = ['low', 'medium', 'high', 'critical'];
const clamp01 = (value: number): number => Math.min(1, Math.max(0, value));

/** Level of a 0–100 score under the configured thresholds. */
export function riskLevelOf(score: number, weights: RiskWeights): RiskLevel {
  if (score >= weights.levelThresholds.critical) return 'critical';
  if (score >= weights.levelThresholds.high) return 'high';
  if (score >= weights.levelThresholds.medium) return 'medium';
  return 'low';
}

/**
 * score = min(100, base × multiplier × sourceWeight), where
 *   base       = points of the most severe hit + extraHitPoints per further rule (capped),
 *                or negativeOnlyPoints × negativity when nothing hit;
 *   multiplier = 1 + negativityBoost·negativity + engagementBoost·engagement + growthBoost·growth,
 *   engagement = log(1 + Σ weight·count) / log(1 + engagementSaturation), clamped to 0..1,
 *   growth     = log(max(1, storyGrowth)) / log(growthSaturation), clamped to 0..1.
 */
export function scoreRisk(hits: readonly RuleHit[], inputs: RiskInputs, weights: RiskWeights): { score: number; level: RiskLevel; breakdown: RiskBreakdown } {
  const negativity = clamp01(inputs.negativity);
  let severity: Severity | null = null;
  for (const hit of hits) if (severity === null || severityOrder.indexOf(hit.severity) > severityOrder.indexOf(severity)) severity = hit.severity;
  const distinctRules = new Set(hits.map((hit) => hit.ruleId)).size;
  const extraHitPoints = Math.min(weights.extraHitPointsMax, Math.max(0, distinctRules - 1) * weights.extraHitPoints);
  const basePoints = severity === null ? weights.negativeOnlyPoints * negativity : weights.severityPoints[severity] + extraHitPoints;
  const engagement = inputs.engagement ?? {};
  const interactions = (engagement.reposts ?? 0) * weights.engagementWeights.reposts + (engagement.comments ?? 0) * weights.engagementWeights.comments
    + (engagement.likes ?? 0) * weights.engagementWeights.likes + (engagement.views ?? 0) * weights.engagementWeights.views;
  const engagementShare = clamp01(Math.log1p(interactions) / Math.log1p(weights.engagementSaturation));
  const growthShare = clamp01(Math.log(Math.max(1, inputs.storyGrowth ?? 1)) / Math.log(weights.growthSaturation));
  const sourceWeight = Math.max(0, inputs.sourceWeight ?? 1);
  const multiplier = 1 + weights.negativityBoost * negativity + weights.engagementBoost * engagementShare + weights.growthBoost * growthShare;
  const score = Math.round(Math.min(100, basePoints * multiplier * sourceWeight) * 10) / 10;
  const round = (value: number): number => Math.round(value * 1000) / 1000;
  return {
    score,
    level: riskLevelOf(score, weights),
    breakdown: { basePoints: round(basePoints), severity, extraHitPoints, negativity: round(negativity), engagement: round(engagementShare), growth: round(growthShare), sourceWeight, multiplier: round(multiplier) },
  };
}
