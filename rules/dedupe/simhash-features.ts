import type { Token } from '../segmentation/segmenter.ts';

/**
 * SimHash features of a post: content words (no stop words, punctuation, links, mentions or
 * emoticons), lower-cased, weighted by count. Repost boilerplate (`//@user:`, 转发微博) and link
 * text are left out so a repost of a post hashes near the post.
 */
export function simhashFeatures(tokens: readonly Token[], isStopWord: (word: string) => boolean): Map<string, number> {
  const features = new Map<string, number>();
  for (const token of tokens) {
    if (token.kind !== 'word' && token.kind !== 'number') continue;
    const word = token.text.toLowerCase();
    if (isStopWord(word)) continue;
    features.set(word, (features.get(word) ?? 0) + 1);
  }
  return features;
}
