import { z } from 'zod';

/**
 * A rule hit as the review app reads it from a stored post (`risk.hits[]`, written by the pipeline from
 * rules/risk/rule-hit.ts). Parsed leniently: a field the app does not know, or one that is missing, must not
 * break a page.
 */
export const storedRuleHitSchema = z.looseObject({
  ruleId: z.string(),
  packId: z.string().optional().catch(undefined),
  packVersion: z.string().optional().catch(undefined),
  ruleName: z.string().optional().catch(undefined),
  category: z.string().optional().catch(undefined),
  severity: z.string().optional().catch(undefined),
  matches: z.array(z.looseObject({
    term: z.string().optional().catch(undefined),
    field: z.string().optional().catch(undefined),
    start: z.number().int().nonnegative().optional().catch(undefined),
    end: z.number().int().nonnegative().optional().catch(undefined),
  })).catch([]).default([]),
});
/** A stored rule hit. */
export type StoredRuleHit = z.infer<typeof storedRuleHitSchema>;

/** The hits of a stored post that can be read; unreadable items are skipped. */
export function readRuleHits(hits: unknown): StoredRuleHit[] {
  if (!Array.isArray(hits)) return [];
  return hits.flatMap((hit) => {
    const parsed = storedRuleHitSchema.safeParse(hit);
    return parsed.success ? [parsed.data] : [];
  });
}
