import { Jieba } from '@node-rs/jieba';
import { dict as jiebaDictionary, idf as jiebaIdfTable } from '@node-rs/jieba/dict.js';
import { findProtectedSpans } from './protected-spans.ts';
import { loadStopWords } from './stop-words.ts';
import type { Keyword, Segmenter, Token, TokenKind } from './segmenter.ts';
import { extractTfIdfKeywords, parseIdfTable, type IdfTable } from './tf-idf.ts';

/** Options of the jieba segmenter; every field is plain data so it can come from config. */
export interface JiebaSegmenterOptions {
  /** Extra dictionary words (organisation names, product names, pack terms) kept whole by the cutter. */
  userDictionaryTerms?: readonly string[];
  /** Extra stop words, added to the built-in list, for keywords and SimHash. */
  extraStopWords?: readonly string[];
}

// A frequency well above any common word, so configured terms are never split; jieba only uses it
// to rank alternative cuts, so it has no effect where the term does not occur.
const userTermFrequency = 100_000;

// The IDF table is 270k lines; parse it once per process, not once per segmenter.
let sharedIdfTable: IdfTable | undefined;

const invisiblePattern = /^[\s\p{Cf}]+$/u;
const punctuationPattern = /^[\p{P}\p{S}]+$/u;
const emojiPattern = /\p{Extended_Pictographic}/u;
const numberPattern = /^[+-]?\d[\d.,:%]*$/;

// Full-width ASCII (！ to ～) and the ideographic space map one-to-one onto ASCII, so folding keeps
// every offset valid while letting ＹＹＤＳ, １２３ and ｈｔｔｐ match like their half-width forms.
function foldFullWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (char) => (char === '\u3000' ? ' ' : String.fromCharCode(char.charCodeAt(0) - 0xfee0)));
}

function classifyWord(text: string): TokenKind {
  // Zero-width spaces and other format characters (common padding in Weibo posts) are not words.
  if (invisiblePattern.test(text)) return 'space';
  if (emojiPattern.test(text)) return 'emoji';
  if (numberPattern.test(text)) return 'number';
  if (punctuationPattern.test(text)) return 'punctuation';
  return 'word';
}

/** Creates the production segmenter: @node-rs/jieba (see rules/README.md for why), with user terms and stop words. */
export function createJiebaSegmenter(options: JiebaSegmenterOptions = {}): Segmenter {
  const jieba = Jieba.withDict(jiebaDictionary);
  const userTerms = (options.userDictionaryTerms ?? []).map((term) => term.trim()).filter((term) => term !== '' && !/\s/.test(term));
  if (userTerms.length > 0) {
    jieba.loadDict(Buffer.from(userTerms.map((term) => `${term} ${userTermFrequency} nz`).join('\n'), 'utf8'));
  }
  const stopWords = loadStopWords(options.extraStopWords);
  sharedIdfTable ??= parseIdfTable(new TextDecoder().decode(jiebaIdfTable));
  const idfTable = sharedIdfTable;

  function cutSegment(text: string, offset: number, into: Token[]): void {
    if (text === '') return;
    let position = offset;
    for (const word of jieba.cut(text, true)) {
      into.push({ text: word, start: position, end: position + word.length, kind: classifyWord(word) });
      position += word.length;
    }
  }

  function tokenize(original: string): Token[] {
    const text = foldFullWidth(original);
    const tokens: Token[] = [];
    let position = 0;
    for (const span of findProtectedSpans(text)) {
      cutSegment(text.slice(position, span.start), position, tokens);
      tokens.push({ text: text.slice(span.start, span.end), start: span.start, end: span.end, kind: span.kind });
      position = span.end;
    }
    cutSegment(text.slice(position), position, tokens);
    return tokens;
  }

  return {
    tokenize,
    cut: (text) => tokenize(text).map((token) => token.text),
    extractKeywords(input, topK): Keyword[] {
      const tokens = typeof input === 'string' ? tokenize(input) : input;
      return extractTfIdfKeywords(tokens, topK, idfTable, stopWords);
    },
    isStopWord: (word) => stopWords.has(word),
    inverseDocumentFrequency: (word) => idfTable.idfByWord.get(word) ?? idfTable.defaultIdf,
  };
}
