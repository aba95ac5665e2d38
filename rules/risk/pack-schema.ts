import { z } from 'zod';

/** Rule severities, lowest first. */
export const severitySchema = z.enum(['low', 'medium', 'high', 'critical']);
/** A rule severity. */
export type Severity = z.infer<typeof severitySchema>;

/**
 * How a hit enters the risk score (rules/README.md "Risk score"):
 * `signal` — the post is about this risk: the most severe signal sets the base points;
 * `amplifier` — an escalation marker (集体维权, 曝光, 多次投诉无果 …): counts at its severity only when a signal hit too;
 * `ceiling` — the post is an official voice or context (回复, 辟谣, 提醒, 通报 …): the post's level is at most this severity.
 */
export const ruleRoleSchema = z.enum(['signal', 'amplifier', 'ceiling']);
/** A rule role. */
export type RuleRole = z.infer<typeof ruleRoleSchema>;

/** Post fields a rule can look at. */
export const ruleFieldSchema = z.enum(['title', 'content', 'author']);
/** A post field. */
export type RuleField = z.infer<typeof ruleFieldSchema>;

const termSchema = z.string().trim().min(1).describe('a literal term; `{organisation}` / `{service}` in template packs');

/** `near(A|B, C|D, 10)`: a term of the first list within N characters of a term of the second. */
export const nearExpressionPattern = /^near\(\s*([^,]+?)\s*,\s*([^,]+?)\s*,\s*(\d+)\s*\)$/;

/** A rule's match expression; every condition present must hold (logical AND). */
export const matchExpressionSchema = z.strictObject({
  any: z.array(termSchema).min(1).optional().describe('at least one of these terms occurs'),
  all: z.array(z.array(termSchema).min(1)).min(1).optional().describe('every group has at least one term that occurs'),
  none: z.array(termSchema).min(1).optional().describe('vetoes the rule if any of these terms occurs in scope'),
  near: z.array(z.string().regex(nearExpressionPattern, 'must look like near(A|B, C|D, 10)')).min(1).optional()
    .describe('each proximity expression holds: a term of the left list within N characters of one of the right list'),
  regex: z.array(z.string().min(1)).min(1).optional().describe('at least one of these regular expressions (JavaScript, flag u) matches'),
}).refine((match) => Boolean(match.any ?? match.all ?? match.near ?? match.regex), 'a match needs at least one of any, all, near or regex');
/** A match expression. */
export type MatchExpression = z.infer<typeof matchExpressionSchema>;

/** One rule of a pack. */
export const ruleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'kebab-case'),
  name: z.string().min(1),
  severity: severitySchema.optional().describe('defaults to the pack severity'),
  category: z.string().min(1).optional().describe('defaults to the pack category'),
  role: ruleRoleSchema.default('signal').describe('how the hit enters the risk score: signal, amplifier or ceiling'),
  fields: z.array(ruleFieldSchema).min(1).default(['title', 'content']).describe('fields searched; author is opt-in'),
  match: matchExpressionSchema,
  exclude: z.array(termSchema).default([]).describe('phrases that neutralise a matched term inside them (反诈 keeps 诈 from counting)'),
  minNegativity: z.number().min(0).max(1).default(0).describe('hit only when the sentiment score is ≤ -minNegativity'),
});
/** A rule as written in a pack. */
export type Rule = z.infer<typeof ruleSchema>;

/** A rule pack (`rules/packs/<id>/pack.yaml`). */
export const rulePackSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'kebab-case'),
  name: z.string().min(1),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'semantic version'),
  category: z.string().min(1),
  severity: severitySchema,
  description: z.string().default(''),
  template: z.boolean().default(false).describe('a template pack is active only when its placeholders have values from config'),
  dictionaryTerms: z.array(termSchema).default([]).describe('extra words for the segmenter (kept whole when cutting)'),
  rules: z.array(ruleSchema).min(1),
}).superRefine((pack, context) => {
  const seen = new Set<string>();
  for (const rule of pack.rules) {
    if (seen.has(rule.id)) context.addIssue({ code: 'custom', message: `duplicate rule id ${rule.id}` });
    seen.add(rule.id);
  }
});
/** A validated rule pack. */
export type RulePack = z.infer<typeof rulePackSchema>;

/** One example of `examples.yaml`: a post and the rule ids (of this pack) that must hit, no more. */
export const packExampleSchema = z.strictObject({
  text: z.string(),
  title: z.string().optional(),
  author: z.string().optional(),
  organisationNames: z.array(z.string()).optional(),
  serviceNames: z.array(z.string()).optional(),
  expect: z.array(z.string()).describe('rule ids within the pack; [] means none of its rules may hit'),
});
/** An example post with expected hits. */
export type PackExample = z.infer<typeof packExampleSchema>;

/** A pack's `examples.yaml`. */
export const packExamplesSchema = z.array(packExampleSchema).min(1);
