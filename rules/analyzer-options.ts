import { z } from 'zod';
import { riskWeightsSchema } from './risk/risk-score.ts';

/**
 * Options of `createAnalyzer`. Plain data only, so config/ can mirror them in its own schema;
 * rules/README.md "Options" lists each with unit and default.
 */
export const analyzerOptionsSchema = z.strictObject({
  userDictionaryTerms: z.array(z.string()).default([]).describe('extra words the segmenter keeps whole (brands, products, places)'),
  extraStopWords: z.array(z.string()).default([]).describe('stop words added to the built-in list (keywords and SimHash only)'),
  keywordCount: z.number().int().min(0).max(100).default(8).describe('keywords returned per post (count)'),
  organisationNames: z.array(z.string()).default([]).describe('names of the organisation, filling {organisation} in template packs'),
  serviceNames: z.array(z.string()).default([]).describe('names of its services and products, filling {service} in template packs'),
  includeBuiltInPacks: z.boolean().default(true).describe('load the packs shipped in rules/packs'),
  extraPackDirectories: z.array(z.string()).default([]).describe('absolute paths of folders holding more packs (one sub-folder per pack)'),
  disabledPacks: z.array(z.string()).default([]).describe('pack ids to skip'),
  sentimentLexiconFiles: z.array(z.string()).default([]).describe('absolute paths of extra word<TAB>weight lexicon files, overriding built-in words'),
  sentimentWords: z.record(z.string(), z.number().min(-3).max(3)).default({}).describe('inline word weights (-3..3), applied last'),
  sentimentNeutralBand: z.number().min(0).max(1).default(0.1).describe('|score| below this is labelled neutral'),
  sentimentSaturation: z.number().positive().default(4).describe('score = S / sqrt(S² + saturation) for summed weight S'),
  riskWeights: riskWeightsSchema.default(riskWeightsSchema.parse({})).describe('weights of the risk formula'),
  simhashBands: z.union([z.literal(1), z.literal(2), z.literal(4), z.literal(8), z.literal(16)]).default(4)
    .describe('bands of the SimHash index; pairs within Hamming distance bands-1 share a band key'),
});
/** Analyzer options with defaults filled. */
export type AnalyzerOptions = z.infer<typeof analyzerOptionsSchema>;
/** Analyzer options as a caller writes them (every field optional). */
export type AnalyzerOptionsInput = z.input<typeof analyzerOptionsSchema>;
