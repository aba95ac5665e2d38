import { describe, expect, it } from 'vitest';
import { parseChineseTime } from './parse-chinese-time.ts';

// 2026-11-26 10:30:00 in Shanghai.
const now = new Date('2026-11-26T02:30:00.000Z');
const shanghai = { timeZone: 'Asia/Shanghai', now };

describe('parseChineseTime', () => {
  it.each([
    ['刚刚', '2026-11-26T02:30:00.000Z'],
    ['3分钟前', '2026-11-26T02:27:00.000Z'],
    ['45秒前', '2026-11-26T02:29:15.000Z'],
    ['2小时前', '2026-11-26T00:30:00.000Z'],
    ['半小时前', '2026-11-26T02:00:00.000Z'],
    ['3天前', '2026-11-23T02:30:00.000Z'],
    ['今天 08:15', '2026-11-26T00:15:00.000Z'],
    ['昨天 12:30', '2026-11-25T04:30:00.000Z'],
    ['前天 23:59', '2026-11-24T15:59:00.000Z'],
    ['2026年11月26日 10:00', '2026-11-26T02:00:00.000Z'],
    ['2026年11月5日', '2026-11-04T16:00:00.000Z'],
    ['发表于 2026-11-26 10:00', '2026-11-26T02:00:00.000Z'],
    ['2026-11-26 10:00:30', '2026-11-26T02:00:30.000Z'],
    ['2026/11/26 9:05', '2026-11-26T01:05:00.000Z'],
    ['11-26 08:00', '2026-11-26T00:00:00.000Z'],
    ['11月26日 08:00', '2026-11-26T00:00:00.000Z'],
    ['2026年11月26日 下午3:20', '2026-11-26T07:20:00.000Z'],
    ['２０２６年１１月２６日 １０：００', '2026-11-26T02:00:00.000Z'],
    ['2026-11-26T10:00:00+08:00', '2026-11-26T02:00:00.000Z'],
    ['2026-11-26T02:00:00Z', '2026-11-26T02:00:00.000Z'],
    ['2026-11-26T10:00:00', '2026-11-26T02:00:00.000Z'],
    ['Thu, 26 Nov 2026 10:00:00 +0800', '2026-11-26T02:00:00.000Z'],
    ['1795658400', '2026-11-26T02:00:00.000Z'],
    ['1795658400000', '2026-11-26T02:00:00.000Z'],
  ])('reads %s in the site\'s zone as %s', (text, expected) => {
    expect(parseChineseTime(text, shanghai)).toBe(expected);
  });

  it('reads epoch numbers from JSON', () => {
    expect(parseChineseTime(1795658400, shanghai)).toBe('2026-11-26T02:00:00.000Z');
  });

  it('uses the source\'s time zone for times written without one', () => {
    expect(parseChineseTime('2026-11-26 10:00', { timeZone: 'Asia/Taipei', now })).toBe('2026-11-26T02:00:00.000Z');
    expect(parseChineseTime('2026-11-26 10:00', { timeZone: 'Europe/Berlin', now })).toBe('2026-11-26T09:00:00.000Z');
  });

  it('puts a year-less date that would lie in the future into last year', () => {
    const earlyJanuary = { timeZone: 'Asia/Shanghai', now: new Date('2027-01-02T02:00:00.000Z') };
    expect(parseChineseTime('12-31 23:00', earlyJanuary)).toBe('2026-12-31T15:00:00.000Z');
  });

  it('returns undefined for text without a time', () => {
    expect(parseChineseTime('置顶', shanghai)).toBeUndefined();
    expect(parseChineseTime('', shanghai)).toBeUndefined();
    expect(parseChineseTime(undefined, shanghai)).toBeUndefined();
  });
});
