import { z } from 'zod';
import { keywordSchema } from './segmentation/segmenter.ts';
import { sentimentSchema } from './sentiment/sentiment-result.ts';
import { ruleHitSchema } from './risk/rule-hit.ts';
import { engagementSchema, riskBreakdownSchema, riskLevelSchema } from './risk/risk-score.ts';

/** One post to analyse; `sourceWeight` and `storyGrowth` come from the pipeline. */
export const analyzeInputSchema = z.strictObject({
  title: z.string().optional(),
  content: z.string(),
  author: z.string().optional(),
  engagement: engagementSchema.optional(),
  sourceWeight: z.number().min(0).optional().describe('1 = normal source; >1 for sources whose posts travel further'),
  storyGrowth: z.number().min(0).optional().describe('posts of this story in the last hour / the hour before'),
});
/** Input of `analyze`. */
export type AnalyzeInput = z.infer<typeof analyzeInputSchema>;

/** Everything `analyze` returns: plain JSON data, safe to store and send. */
export const analysisSchema = z.strictObject({
  tokens: z.array(z.string()).describe('words, emoticons and emoji of title then content (no spaces or punctuation)'),
  keywords: z.array(keywordSchema),
  sentiment: sentimentSchema,
  risk: z.strictObject({
    score: z.number().min(0).max(100),
    level: riskLevelSchema,
    hits: z.array(ruleHitSchema),
    breakdown: riskBreakdownSchema,
  }),
  contentHash: z.string().describe('sha256 hex of the normalised content'),
  simhash: z.string().describe('64-bit SimHash of the content (of the title when there is no content), 16 hex characters'),
  simhashBands: z.array(z.string()).describe('band keys "<band>:<hex>" for the banded near-duplicate index'),
});
/** Result of `analyze`. */
export type Analysis = z.infer<typeof analysisSchema>;
