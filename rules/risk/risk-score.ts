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
    low: z.number().min(0).max(100).default(10),
    medium: z.number().min(0).max(100).default(33),
    high: z.number().min(0).max(100).default(52),
    critical: z.number().min(0).max(100).default(85),
  }).default({ low: 10, medium: 33, high: 52, critical: 85 }).describe('base points of the most severe hit'),
  extraHitPoints: z.number().min(0).default(2).describe('points per additional distinct rule hit'),
  extraHitPointsMax: z.number().min(0).default(4).describe('cap on the extra-hit points'),
  negativeOnlyPoints: z.number().min(0).max(100).default(20).describe('base points of a post with no hit, times its negativity'),
  negativityBoost: z.number().min(0).default(0.1).describe('amplification at negativity 1 (sentiment score -1)'),
  engagementBoost: z.number().min(0).default(0.5).describe('amplification at saturated engagement'),
  engagementSaturation: z.number().positive().default(100).describe('weighted interactions at which engagement counts fully (log scale); 100 = 100,000 reposts with the default weights'),
  engagementWeights: z.strictObject({
    reposts: z.number().min(0).default(0.001),
    comments: z.number().min(0).default(0.001),
    likes: z.number().min(0).default(0.0002),
    views: z.number().min(0).default(0.000002),
  }).default({ reposts: 0.001, comments: 0.001, likes: 0.0002, views: 0.000002 }).describe('weight of one interaction per kind, before the log; the defaults count in thousands of reposts, so that ln(1 + x) stays small below about 1,000 interactions and only wide spread moves a level'),
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
  severity: riskLevelSchema.nullable().describe('severity that set the base points, after any ceiling'),
  ceiling: riskLevelSchema.nullable().describe('lowest severity among ceiling hits (official voice); null when none hit'),
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
const rank = (severity: Severity): number => severityOrder.indexOf(severity);
const clamp01 = (value: number): number => Math.min(1, Math.max(0, value));

/** Level of a 0–100 score under the configured thresholds. */
export function riskLevelOf(score: number, weights: RiskWeights): RiskLevel {
  if (score >= weights.levelThresholds.critical) return 'critical';
  if (score >= weights.levelThresholds.high) return 'high';
  if (score >= weights.levelThresholds.medium) return 'medium';
  return 'low';
}

/** Highest score that still has the given level (a ceiling of `critical` leaves the score alone). */
function topScoreOf(level: RiskLevel, weights: RiskWeights): number {
  if (level === 'critical') return 100;
  const next = level === 'low' ? weights.levelThresholds.medium : level === 'medium' ? weights.levelThresholds.high : weights.levelThresholds.critical;
  return Math.max(0, next - 0.1);
}

/** The severity that sets the base points and the ceiling, from the hits' roles (rules/README.md "Risk score"). */
function effectiveSeverity(hits: readonly RuleHit[]): { severity: Severity | null; ceiling: Severity | null; counted: RuleHit[] } {
  const signals = hits.filter((hit) => (hit.role ?? 'signal') === 'signal');
  // Escalation markers mean nothing on their own ("求扩散" under a lost-cat photo); with a signal they lift it.
  const counted = signals.length > 0 ? hits.filter((hit) => hit.role !== 'ceiling') : [];
  let severity: Severity | null = null;
  for (const hit of counted) if (severity === null || rank(hit.severity) > rank(severity)) severity = hit.severity;
  let ceiling: Severity | null = null;
  for (const hit of hits) if (hit.role === 'ceiling' && (ceiling === null || rank(hit.severity) < rank(ceiling))) ceiling = hit.severity;
  // Over a signal an official voice caps it; alone (a reply, a notice with nothing else) it is recorded as low.
  if (ceiling !== null) severity = severity === null ? 'low' : rank(severity) > rank(ceiling) ? ceiling : severity;
  return { severity, ceiling, counted };
}

/**
 * score = min(100, base × multiplier × sourceWeight), where
 *   base       = points of the effective severity + extraHitPoints per further counted rule (capped),
 *                or negativeOnlyPoints × negativity when nothing counted;
 *   multiplier = 1 + negativityBoost·negativity + engagementBoost·engagement + growthBoost·growth,
 *   engagement = log(1 + Σ weight·count) / log(1 + engagementSaturation), clamped to 0..1,
 *   growth     = log(max(1, storyGrowth)) / log(growthSaturation), clamped to 0..1;
 * with a ceiling hit the score then stays within the ceiling's level.
 */
export function scoreRisk(hits: readonly RuleHit[], inputs: RiskInputs, weights: RiskWeights): { score: number; level: RiskLevel; breakdown: RiskBreakdown } {
  const negativity = clamp01(inputs.negativity);
  const { severity, ceiling, counted } = effectiveSeverity(hits);
  const distinctRules = new Set(counted.map((hit) => hit.ruleId)).size;
  const extraHitPoints = severity === null ? 0 : Math.min(weights.extraHitPointsMax, Math.max(0, distinctRules - 1) * weights.extraHitPoints);
  const basePoints = severity === null ? weights.negativeOnlyPoints * negativity : weights.severityPoints[severity] + extraHitPoints;
  const engagement = inputs.engagement ?? {};
  const interactions = (engagement.reposts ?? 0) * weights.engagementWeights.reposts + (engagement.comments ?? 0) * weights.engagementWeights.comments
    + (engagement.likes ?? 0) * weights.engagementWeights.likes + (engagement.views ?? 0) * weights.engagementWeights.views;
  const engagementShare = clamp01(Math.log1p(interactions) / Math.log1p(weights.engagementSaturation));
  const growthShare = clamp01(Math.log(Math.max(1, inputs.storyGrowth ?? 1)) / Math.log(weights.growthSaturation));
  const sourceWeight = Math.max(0, inputs.sourceWeight ?? 1);
  const multiplier = 1 + weights.negativityBoost * negativity + weights.engagementBoost * engagementShare + weights.growthBoost * growthShare;
  const uncapped = Math.min(100, basePoints * multiplier * sourceWeight);
  const score = Math.round((ceiling === null ? uncapped : Math.min(uncapped, topScoreOf(ceiling, weights))) * 10) / 10;
  const round = (value: number): number => Math.round(value * 1000) / 1000;
  return {
    score,
    level: riskLevelOf(score, weights),
    breakdown: { basePoints: round(basePoints), severity, ceiling, extraHitPoints, negativity: round(negativity), engagement: round(engagementShare), growth: round(growthShare), sourceWeight, multiplier: round(multiplier) },
  };
}
