import { describe, expect, it } from 'vitest';
import { formatMinutes, percent } from './digest-sentences.ts';
import { markdownText } from './render-markdown.ts';

describe('digest text helpers', () => {
  it('keeps crawled text from opening Markdown links, images, HTML, emphasis, code, table cells or blocks', () => {
    expect(markdownText('![x](http://evil) <img src=x> **粗** `代码` a|b ~~删~~ &amp;')).toBe('\\!\\[x\\](http://evil) \\<img src=x\\> \\*\\*粗\\*\\* \\`代码\\` a\\|b \\~\\~删\\~\\~ \\&amp;');
    expect(markdownText('# 标题\n> 引用\r\n- 列表')).toBe('\\# 标题 \\> 引用 - 列表');
    expect(markdownText('2026. 年度总结')).toBe('2026\\. 年度总结');
    expect(markdownText('- 列表项')).toBe('\\- 列表项');
  });

  it('states a share only where its base is not zero, and minutes in a readable unit', () => {
    expect(percent(1, 3)).toBe('33.3%');
    expect(percent(0, 0)).toBeUndefined();
    expect(formatMinutes(7.25)).toBe('7.3 分钟');
    expect(formatMinutes(86)).toBe('86 分钟');
    expect(formatMinutes(210)).toBe('3.5 小时（210 分钟）');
  });
});
