import { describe, expect, it } from 'vitest';
import { convertToSimplified, normalizeText } from './normalize-text.ts';

describe('text normalisation', () => {
  it('turns full-width letters and digits into ASCII but keeps Chinese punctuation', () => {
    expect(normalizeText('投诉电话：１３９１２３４５６７８，ＡＢＣ公司！')).toBe('投诉电话：13912345678，ABC公司！');
  });

  it('removes invisible characters and collapses whitespace, keeping paragraph breaks', () => {
    expect(normalizeText('  第一段\u200B内容\u3000\u3000结束 \r\n\r\n\r\n 第二段  ')).toBe('第一段内容 结束\n\n第二段');
  });

  it('converts traditional Chinese (including Hong Kong and Taiwan forms) to simplified', () => {
    expect(convertToSimplified('這個問題已經反映過很多次了，請盡快處理')).toBe('这个问题已经反映过很多次了，请尽快处理');
  });
});
