import { describe, expect, it } from 'vitest';
import { createJiebaSegmenter } from './jieba-segmenter.ts';

describe('jieba segmenter', () => {
  const segmenter = createJiebaSegmenter({ userDictionaryTerms: ['小资钱包', '招商贷'] });

  it('covers the whole text with contiguous tokens whose offsets slice back to their text', () => {
    const text = '今天真的破防了[泪]，这家店太离谱了😡 //@小明:转发微博 https://t.cn/abc';
    const tokens = segmenter.tokenize(text);
    let position = 0;
    for (const token of tokens) {
      expect(token.start).toBe(position);
      // Full-width ASCII (here the comma) is folded to half-width; everything else is verbatim.
      expect(text.slice(token.start, token.end).normalize('NFKC')).toBe(token.text.normalize('NFKC'));
      position = token.end;
    }
    expect(position).toBe(text.length);
  });

  it('folds full-width letters and digits so they segment like half-width ones', () => {
    expect(segmenter.cut('ＹＹＤＳ１２３')).toEqual(segmenter.cut('YYDS123'));
    expect(segmenter.tokenize('\u200b\u200b好').filter((token) => token.kind === 'word').map((token) => token.text)).toEqual(['好']);
  });

  it('keeps Weibo emoticons, links and mentions whole and labels their kind', () => {
    const tokens = segmenter.tokenize('太好了[哈哈] @小明 看 https://t.cn/A6x 吧😀');
    const kindOf = (text: string): string | undefined => tokens.find((token) => token.text === text)?.kind;
    expect(kindOf('[哈哈]')).toBe('emoticon');
    expect(kindOf('@小明')).toBe('mention');
    expect(kindOf('https://t.cn/A6x')).toBe('url');
    expect(kindOf('😀')).toBe('emoji');
  });

  it('keeps user dictionary terms whole that the default dictionary would split', () => {
    const plain = createJiebaSegmenter();
    expect(plain.cut('小资钱包涉嫌诈骗')).not.toContain('小资钱包');
    expect(segmenter.cut('小资钱包涉嫌诈骗，招商贷暴雷了')).toEqual(expect.arrayContaining(['小资钱包', '招商贷', '诈骗']));
  });

  it('extracts topic words as keywords and leaves out stop words, punctuation and single characters', () => {
    const keywords = segmenter.extractKeywords('北京烤鸭真好吃，我们明天还去吃北京烤鸭，顺便逛逛故宫。', 3).map((keyword) => keyword.word);
    expect(keywords[0]).toBe('北京烤鸭');
    expect(keywords).toContain('故宫');
    for (const word of keywords) {
      expect(segmenter.isStopWord(word)).toBe(false);
      expect(word.length).toBeGreaterThan(1);
    }
  });

  it('accepts tokens instead of text so a post is cut only once', () => {
    const text = '地铁故障导致大面积延误，乘客滞留站台';
    expect(segmenter.extractKeywords(segmenter.tokenize(text), 5)).toEqual(segmenter.extractKeywords(text, 5));
  });

  it('adds configured stop words to the built-in ones', () => {
    const custom = createJiebaSegmenter({ extraStopWords: ['故宫'] });
    expect(custom.isStopWord('故宫')).toBe(true);
    expect(custom.isStopWord('的')).toBe(true);
    expect(custom.extractKeywords('北京烤鸭和故宫', 5).map((keyword) => keyword.word)).not.toContain('故宫');
  });
});
