import { z } from 'zod';

/** What a token is, so later stages can treat emoticons, links and punctuation differently from words. */
export const tokenKindSchema = z.enum(['word', 'emoticon', 'emoji', 'url', 'mention', 'punctuation', 'space', 'number']);
/** Kind of a token. */
export type TokenKind = z.infer<typeof tokenKindSchema>;

/**
 * One segment of the input with UTF-16 offsets into the original text (`end` exclusive). Full-width
 * ASCII is folded to half-width before cutting (a length-preserving change), so `text` may differ
 * from the original slice in character width only.
 */
export const tokenSchema = z.strictObject({
  text: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  kind: tokenKindSchema,
});
/** A token with its character offsets. */
export type Token = z.infer<typeof tokenSchema>;

/** A keyword of one post with its TF-IDF weight. */
export const keywordSchema = z.strictObject({ word: z.string(), weight: z.number() });
/** A keyword of one post. */
export type Keyword = z.infer<typeof keywordSchema>;

/**
 * The one seam between the analysis and a concrete word segmenter; swapping jieba bindings
 * (or adding another language) means writing another implementation of this interface.
 */
export interface Segmenter {
  /** Tokens covering the whole text, in order, with offsets and kinds. */
  tokenize(text: string): Token[];
  /** Only the token strings (convenience for comparisons and benchmarks). */
  cut(text: string): string[];
  /** Top-K keywords by TF-IDF; accepts tokens already produced by `tokenize` to avoid cutting twice. */
  extractKeywords(input: string | readonly Token[], topK: number): Keyword[];
  /** True when the word is on the stop-word list (built-in plus configured). */
  isStopWord(word: string): boolean;
  /** Inverse document frequency of a word (jieba's table; unknown words get the median), for weighting. */
  inverseDocumentFrequency(word: string): number;
}
