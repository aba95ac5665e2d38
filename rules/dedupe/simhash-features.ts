import type { Segmenter, Token } from '../segmentation/segmenter.ts';

const repeatedCharsPattern = /(.)\1{2,}/gu;
const isContentWord = (token: Token): boolean => token.kind === 'word' || token.kind === 'number';

/**
 * The part of a Weibo repost chain (`comment//@B:comment//@C:original`) to fingerprint: the
 * segment with the most content words, which is normally the reposted text itself. Without
 * this, every repost's comments would push its SimHash away from the original's.
 */
export function longestRepostSegment(tokens: readonly Token[]): readonly Token[] {
  const segments: Token[][] = [[]];
  tokens.forEach((token, index) => {
    const isChainMarker = token.kind === 'mention' && tokens[index - 1]?.text === '/' && tokens[index - 2]?.text === '/';
    if (isChainMarker) segments.push([]);
    else segments.at(-1)?.push(token);
  });
  let best: Token[] = segments[0] ?? [];
  let bestCount = -1;
  for (const segment of segments) {
    const count = segment.filter(isContentWord).length;
    if (count > bestCount) {
      best = segment;
      bestCount = count;
    }
  }
  return best;
}

/**
 * SimHash features of a post: content words (no stop words, punctuation, links, mentions or
 * emoticons) of the longest repost-chain segment, lower-cased, weighted by (1 + ln count) × IDF so that the
 * common words a reposter adds (太, 可怕, 转发) move the hash less than the story's rare words.
 */
export function simhashFeatures(tokens: readonly Token[], segmenter: Pick<Segmenter, 'isStopWord' | 'inverseDocumentFrequency'>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of longestRepostSegment(tokens)) {
    if (!isContentWord(token)) continue;
    // 哈哈哈哈哈哈 and 哈哈 are the same feature, or a laughing post would look like every other.
    const word = token.text.toLowerCase().replace(repeatedCharsPattern, '$1$1');
    if (segmenter.isStopWord(word)) continue;
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const features = new Map<string, number>();
  // Sublinear term frequency: a word repeated ten times counts about three times, not ten.
  for (const [word, count] of counts) features.set(word, (1 + Math.log(count)) * segmenter.inverseDocumentFrequency(word));
  return features;
}
