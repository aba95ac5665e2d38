import { z } from 'zod';

// Mirrors rules/analyzer-options.ts (config/ may not import rules/); tests/analysis-config.test.ts checks that
// the defaults here equal the engine's, so the two cannot drift apart silently.

const levelPoints = (low: number, medium: number, high: number, critical: number) => z.strictObject({
  low: z.number().min(0).max(100).default(low),
  medium: z.number().min(0).max(100).default(medium),
  high: z.number().min(0).max(100).default(high),
  critical: z.number().min(0).max(100).default(critical),
});

export const riskWeightsConfigSchema = z.strictObject({
  severityPoints: levelPoints(10, 33, 52, 85).prefault({}).describe('Base points of the most severe rule hit, per severity.'),
  extraHitPoints: z.number().min(0).default(2).describe('Points per additional distinct rule hit.'),
  extraHitPointsMax: z.number().min(0).default(4).describe('Cap on the extra-hit points.'),
  negativeOnlyPoints: z.number().min(0).max(100).default(20).describe('Base points of a post with no rule hit, times its negativity (0..1).'),
  negativityBoost: z.number().min(0).default(0.1).describe('Score amplification at negativity 1 (sentiment score -1).'),
  engagementBoost: z.number().min(0).default(0.5).describe('Score amplification at saturated engagement.'),
  engagementSaturation: z.number().positive().default(100).describe('Weighted interactions at which engagement counts fully (log scale); 100 = 100,000 reposts with the default weights.'),
  engagementWeights: z.strictObject({
    reposts: z.number().min(0).default(0.001), comments: z.number().min(0).default(0.001),
    likes: z.number().min(0).default(0.0002), views: z.number().min(0).default(0.000002),
  }).prefault({}).describe('Weight of one interaction of each kind, before the log (the defaults count in thousands of reposts, so only wide spread moves a level).'),
  growthBoost: z.number().min(0).default(0.4).describe('Score amplification at saturated story growth.'),
  growthSaturation: z.number().gt(1).default(16).describe('Story growth ratio (posts this hour / previous hour) that counts fully (log scale).'),
  levelThresholds: z.strictObject({
    medium: z.number().min(0).max(100).default(25), high: z.number().min(0).max(100).default(50), critical: z.number().min(0).max(100).default(75),
  }).prefault({}).describe('Score (0–100) from which each risk level starts.'),
}).describe('Weights of the risk formula (see rules/README.md "Risk score").');

export const spikeConfigSchema = z.strictObject({
  dimensions: z.array(z.enum(['rule', 'category', 'keyword'])).default(['rule', 'category', 'keyword']).describe('Series watched for spikes.'),
  topKeywords: z.number().int().min(1).default(30).describe('Keywords of the last hour watched for spikes (most frequent first).'),
  baselineHours: z.number().int().min(2).default(24).describe('Trailing hours that form the baseline.'),
  minBaselineHours: z.number().int().min(2).default(6).describe('With fewer hours of history, no decision.'),
  k: z.number().positive().default(3).describe('Spike when the last hour > mean + k·σ of the baseline.'),
  minCount: z.number().int().min(0).default(10).describe('The last hour needs at least this many posts.'),
  minStdDev: z.number().min(0).default(1).describe('Floor on σ, so a flat baseline does not turn every uptick into a spike.'),
  cooldownHours: z.number().int().min(0).default(6).describe('After a spike, the same series cannot spike again for this many hours.'),
}).describe('Spike detection per rule, category and keyword.');

export const analysisSchema = z.strictObject({
  organisationNames: z.array(z.string()).default([]).describe('Names of your organisation; fill {organisation} in the organisation-mention template pack (inactive while empty).'),
  serviceNames: z.array(z.string()).default([]).describe('Names of your services and products; fill {service} in template packs.'),
  userDictionaryTerms: z.array(z.string()).default([]).describe('Extra words jieba keeps whole (places, brands, officials\' titles).'),
  extraStopWords: z.array(z.string()).default([]).describe('Stop words added to the built-in list (keywords and SimHash only).'),
  keywordCount: z.number().int().min(0).max(100).default(8).describe('Keywords extracted per post (TF-IDF).'),
  includeBuiltInPacks: z.boolean().default(true).describe('Load the rule packs shipped in rules/packs.'),
  extraPackDirectories: z.array(z.string()).default([]).describe('Folders with more rule packs (one sub-folder per pack), relative to the working directory.'),
  disabledPacks: z.array(z.string()).default([]).describe('Rule pack ids to skip.'),
  sentimentLexiconFiles: z.array(z.string()).default([]).describe('Extra word<TAB>weight lexicon files (see rules/README.md), relative to the working directory.'),
  sentimentWords: z.record(z.string(), z.number().min(-3).max(3)).default({}).describe('Inline sentiment word weights (-3..3), applied last.'),
  sentimentNeutralBand: z.number().min(0).max(1).default(0.1).describe('A |score| below this is labelled neutral.'),
  sentimentSaturation: z.number().positive().default(4).describe('score = S / sqrt(S² + saturation) for the summed weight S.'),
  riskWeights: riskWeightsConfigSchema.prefault({}),
  nearDuplicateMaxDistance: z.number().int().min(0).max(3).default(3).describe('Posts whose SimHashes differ in at most this many bits are near-duplicates (≤ 3: the banded index finds them).'),
  eventWindowHours: z.number().min(1).default(72).describe('A post joins an event whose last post is at most this old.'),
  eventMinKeywordOverlap: z.number().min(0).max(1).default(0.3).describe('Share of a post\'s keywords that a recent post must contain (at least three words) for the two to be one story (event).'),
  spikes: spikeConfigSchema.prefault({}),
}).describe('Segmentation, sentiment, risk rules, duplicates, events and spikes.');

export type AnalysisConfig = z.infer<typeof analysisSchema>;
