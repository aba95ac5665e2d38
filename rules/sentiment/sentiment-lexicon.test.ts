import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJiebaSegmenter } from '../segmentation/jieba-segmenter.ts';
import { loadSentimentLexicon, parseWordLexicon } from './sentiment-lexicon.ts';
import { scoreSentiment } from './score-sentiment.ts';

describe('sentiment lexicon files', () => {
  it('parses word<TAB>weight lines and skips comments and blank lines', () => {
    const weights = parseWordLexicon('# comment\n\n好评\t2\n差评\t-2.5\n', 'inline');
    expect([...weights]).toEqual([['好评', 2], ['差评', -2.5]]);
  });

  it('rejects weights outside -3..3 and malformed lines, naming the source', () => {
    expect(() => parseWordLexicon('超神\t5\n', 'mine.tsv')).toThrow(/mine\.tsv.*超神/);
    expect(() => parseWordLexicon('只有词没有权重\n', 'mine.tsv')).toThrow(/mine\.tsv: line 1/);
    expect(() => parseWordLexicon('词\t不是数字\n', 'mine.tsv')).toThrow(/-3\.\.3/);
  });

  it('lets user files and inline words extend and override the built-in lexicon', () => {
    const directory = mkdtempSync(join(tmpdir(), 'yuqing-lexicon-'));
    const file = join(directory, 'brand.tsv');
    writeFileSync(file, '# brand slang\n丝滑\t2\n满意\t-1\n');
    const lexicon = loadSentimentLexicon({ extraLexiconFiles: [file], extraWords: { 卡成狗: -2.5 } });
    expect(lexicon.weightByWord.get('丝滑')).toBe(2);
    expect(lexicon.weightByWord.get('满意')).toBe(-1);
    const segmenter = createJiebaSegmenter({ userDictionaryTerms: ['卡成狗'] });
    expect(scoreSentiment(segmenter.tokenize('新版本卡成狗'), lexicon).label).toBe('negative');
  });

  it('ships every modifier list the scorer needs', () => {
    const lexicon = loadSentimentLexicon();
    expect(lexicon.negators.has('没有')).toBe(true);
    expect(lexicon.degreeByAdverb.get('极其')).toBeGreaterThan(1);
    expect(lexicon.degreeByAdverb.get('稍微')).toBeLessThan(1);
    expect(lexicon.roleByMarker.get('但是')).toBe('adversative');
    expect(lexicon.weightByWord.get('[怒]')).toBeLessThan(0);
  });
});
