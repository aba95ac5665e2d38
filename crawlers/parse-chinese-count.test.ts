import { describe, expect, it } from 'vitest';
import { parseChineseCount } from './parse-chinese-count.ts';

describe('parseChineseCount', () => {
  it.each([
    ['1.2万', 12_000], ['3千+', 3000], ['10万+', 100_000], ['2亿', 200_000_000], ['1,234', 1234], ['评论 56', 56],
    ['转发 1.5w', 15_000], ['阅读(３２)', 32], ['2.5k', 2500], ['0', 0],
  ])('reads %s as %d', (text, expected) => {
    expect(parseChineseCount(text)).toBe(expected);
  });

  it('returns undefined when the text holds no number (a bare "评论" button means none shown)', () => {
    expect(parseChineseCount('评论')).toBeUndefined();
    expect(parseChineseCount(undefined)).toBeUndefined();
  });

  it('passes JSON numbers through', () => {
    expect(parseChineseCount(42)).toBe(42);
  });
});
