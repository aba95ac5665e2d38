import { z } from 'zod';
import { ruleFieldSchema, ruleRoleSchema, severitySchema } from './pack-schema.ts';

/** One matched term: where it is (field and UTF-16 offsets) so the review app can highlight it. */
export const matchedTermSchema = z.strictObject({
  term: z.string(),
  field: ruleFieldSchema,
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
/** A matched term with its position. */
export type MatchedTerm = z.infer<typeof matchedTermSchema>;

/** A rule that fired, with everything needed to store and explain it without importing rules/. */
export const ruleHitSchema = z.strictObject({
  ruleId: z.string().describe('`<pack-id>/<rule-id>`'),
  packId: z.string(),
  packVersion: z.string(),
  ruleName: z.string(),
  category: z.string(),
  severity: severitySchema,
  role: ruleRoleSchema.exclude(['signal']).optional().describe('absent for signals (most hits); amplifier or ceiling otherwise'),
  matches: z.array(matchedTermSchema),
});
/** A rule hit. */
export type RuleHit = z.infer<typeof ruleHitSchema>;
