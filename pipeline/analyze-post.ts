import type { Config } from '../config/config-schema.ts';
import { createJiebaSegmenter } from '../rules/segmentation/jieba-segmenter.ts';
import type { AnalyzePost } from './post-analysis.ts';

const keywordsPerPost = 8;

/** The analysis stage: jieba tokens (distinct words, no punctuation or spaces) and TF-IDF keywords per post. */
export function createAnalyzePost(_config: Config): AnalyzePost {
  const segmenter = createJiebaSegmenter();
  return ({ title, content }) => {
    const text = title ? `${title}\n${content}` : content;
    const tokens = segmenter.tokenize(text);
    const words = [...new Set(tokens.filter((token) => token.kind === 'word' || token.kind === 'emoticon').map((token) => token.text))];
    return { tokens: words, keywords: segmenter.extractKeywords(tokens, keywordsPerPost).map((keyword) => keyword.word) };
  };
}
