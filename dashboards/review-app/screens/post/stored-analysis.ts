import { z } from 'zod';

/**
 * Sentiment evidence and risk breakdown as the review app reads them from a stored post (written by the
 * pipeline from rules/sentiment/sentiment-result.ts and rules/risk/risk-score.ts). Lenient on purpose:
 * unknown or missing fields never break the page.
 */
export const storedEvidenceSchema = z.looseObject({
  text: z.string().optional().catch(undefined),
  field: z.string().optional().catch(undefined),
  start: z.number().int().optional().catch(undefined),
  end: z.number().int().optional().catch(undefined),
  source: z.string().optional().catch(undefined),
  weight: z.number().optional().catch(undefined),
  baseWeight: z.number().optional().catch(undefined),
  /** Kinds and labels a newer analysis may add (per-token contributions…): shown as they are. */
  kind: z.string().optional().catch(undefined),
  label: z.string().optional().catch(undefined),
  contribution: z.number().optional().catch(undefined),
  modifiers: z.array(z.looseObject({ rule: z.string().optional().catch(undefined), cue: z.string().optional().catch(undefined), factor: z.number().optional().catch(undefined) })).catch([]).default([]),
});
/** A piece of stored sentiment evidence. */
export type StoredEvidence = z.infer<typeof storedEvidenceSchema>;

/** The readable evidence items of a stored post. */
export function readEvidence(evidence: unknown): StoredEvidence[] {
  if (!Array.isArray(evidence)) return [];
  return evidence.flatMap((item) => {
    const parsed = storedEvidenceSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The breakdown entries that are numbers or short strings, in a stable order. */
export function readBreakdown(breakdown: unknown): [string, number | string][] {
  if (!breakdown || typeof breakdown !== 'object') return [];
  return Object.entries(breakdown as Record<string, unknown>).flatMap(([key, value]): [string, number | string][] =>
    (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.length < 100) ? [[key, value]] : []);
}
