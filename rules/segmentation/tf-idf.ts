import type { Keyword, Token } from './segmenter.ts';

/** Inverse document frequencies by word, plus the value used for words the table lacks. */
export interface IdfTable {
  idfByWord: Map<string, number>;
  defaultIdf: number;
}

/** Parses jieba's `word idf` table; unknown words get the median IDF, as jieba itself does. */
export function parseIdfTable(text: string): IdfTable {
  const idfByWord = new Map<string, number>();
  for (const line of text.split('\n')) {
    const separator = line.lastIndexOf(' ');
    if (separator <= 0) continue;
    const idf = Number(line.slice(separator + 1));
    if (Number.isFinite(idf)) idfByWord.set(line.slice(0, separator), idf);
  }
  const sorted = [...idfByWord.values()].sort((a, b) => a - b);
  return { idfByWord, defaultIdf: sorted[Math.floor(sorted.length / 2)] ?? 10 };
}

/**
 * TF-IDF keywords over tokens that are words (not emoticons, links, punctuation or numbers),
 * not stop words, and at least two characters long — single characters are rarely topics.
 */
export function extractTfIdfKeywords(tokens: readonly Token[], topK: number, idfTable: IdfTable, stopWords: ReadonlySet<string>): Keyword[] {
  const counts = new Map<string, number>();
  let total = 0;
  for (const token of tokens) {
    if (token.kind !== 'word' || token.text.length < 2) continue;
    const word = token.text.toLowerCase();
    if (stopWords.has(word)) continue;
    counts.set(word, (counts.get(word) ?? 0) + 1);
    total += 1;
  }
  const keywords: Keyword[] = [];
  for (const [word, count] of counts) {
    keywords.push({ word, weight: (count / total) * (idfTable.idfByWord.get(word) ?? idfTable.defaultIdf) });
  }
  // Ties break by first-seen order (Map order), so output is deterministic.
  return keywords.sort((a, b) => b.weight - a.weight).slice(0, Math.max(0, topK));
}
