import { z } from 'zod';

/** Rules that can change a word's contribution; stored with the evidence so reviewers see why. */
export const sentimentRuleSchema = z.enum([
  'negation',
  'degree',
  'adversative-later',
  'adversative-earlier',
  'concessive',
  'rhetorical-question',
  'exclamation',
  'repetition',
  'emphatic-question',
  'tilde',
  'ellipsis',
  'counter-expectation',
  'summary',
  'laughter',
  'summary-earlier',
  'minor-flaw',
  'bare-negation',
  'irrealis',
  'attribute',
]);
/** A sentiment rule name. */
export type SentimentRule = z.infer<typeof sentimentRuleSchema>;

/** One modification applied to a word's weight: which rule, which cue word triggered it, by what factor. */
export const sentimentModifierSchema = z.strictObject({ rule: sentimentRuleSchema, cue: z.string(), factor: z.number() });
/** A modification of a word's weight. */
export type SentimentModifier = z.infer<typeof sentimentModifierSchema>;

/** One contributing word (or emoticon, emoji, rhetorical marker) with its offsets and final weight. */
export const sentimentEvidenceSchema = z.strictObject({
  text: z.string(),
  field: z.enum(['title', 'content']).describe('the post field the offsets refer to'),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  source: z.enum(['word', 'emoticon', 'emoji', 'rhetorical-marker', 'punctuation']),
  baseWeight: z.number(),
  weight: z.number(),
  modifiers: z.array(sentimentModifierSchema),
});
/** A piece of sentiment evidence. */
export type SentimentEvidence = z.infer<typeof sentimentEvidenceSchema>;

/** Sentiment labels. */
export const sentimentLabelSchema = z.enum(['negative', 'neutral', 'positive']);
/** A sentiment label. */
export type SentimentLabel = z.infer<typeof sentimentLabelSchema>;

/** The sentiment of one text: score in [-1, 1], label, and the evidence that produced it. */
export const sentimentSchema = z.strictObject({
  score: z.number().min(-1).max(1),
  label: sentimentLabelSchema,
  evidence: z.array(sentimentEvidenceSchema),
});
/** The sentiment of one text. */
export type Sentiment = z.infer<typeof sentimentSchema>;
