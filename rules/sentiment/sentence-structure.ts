import type { Token } from '../segmentation/segmenter.ts';

/** Where each token sits: its sentence and clause numbers, and how each sentence ends. */
export interface SentenceStructure {
  sentenceOfToken: Int32Array;
  clauseOfToken: Int32Array;
  /** Per sentence: count of exclamation marks and whether a question mark ends it. */
  endings: { exclamations: number; questions: number; isQuestion: boolean; endToken: number }[];
  /** Per sentence: token index range [first, last]. */
  ranges: [number, number][];
}

const sentenceEndPattern = /[。！？!?；;…\n]/;
const clauseEndPattern = /[，,、：:~～（）()【】「」『』“”"]/;

/** True when the token closes a sentence (full stop, ! ?, ; … newline) or starts a repost chain. */
function isSentenceBoundary(token: Token): boolean {
  if (token.kind === 'mention' || token.kind === 'url') return true;
  if (token.kind === 'space') return token.text.includes('\n');
  return token.kind === 'punctuation' && (sentenceEndPattern.test(token.text) || token.text === '/');
}

/**
 * Splits tokens into sentences and clauses. Weibo writing often uses spaces and emoticons where
 * prose uses commas, so both end a clause (negation never reaches across them).
 */
export function analyseSentenceStructure(tokens: readonly Token[]): SentenceStructure {
  const sentenceOfToken = new Int32Array(tokens.length);
  const clauseOfToken = new Int32Array(tokens.length);
  const endings: SentenceStructure['endings'] = [{ exclamations: 0, questions: 0, isQuestion: false, endToken: -1 }];
  const ranges: [number, number][] = [[0, -1]];
  let sentence = 0;
  let clause = 0;
  let previousWasBoundary = false;
  tokens.forEach((token, index) => {
    const sentenceBoundary = isSentenceBoundary(token);
    if (!sentenceBoundary && previousWasBoundary) {
      sentence += 1;
      clause += 1;
      endings.push({ exclamations: 0, questions: 0, isQuestion: false, endToken: -1 });
      ranges.push([index, index - 1]);
    }
    sentenceOfToken[index] = sentence;
    clauseOfToken[index] = clause;
    const range = ranges[sentence];
    if (range) range[1] = index;
    const ending = endings[sentence];
    if (ending && sentenceBoundary) {
      for (const char of token.text) {
        if (char === '!' || char === '！') ending.exclamations += 1;
        if (char === '?' || char === '？') {
          ending.isQuestion = true;
          ending.questions += 1;
        }
      }
      if (ending.endToken < 0) ending.endToken = index;
    }
    if (!sentenceBoundary && (token.kind === 'space' || token.kind === 'emoticon' || (token.kind === 'punctuation' && clauseEndPattern.test(token.text)))) {
      clause += 1;
    }
    previousWasBoundary = sentenceBoundary;
  });
  return { sentenceOfToken, clauseOfToken, endings, ranges };
}
