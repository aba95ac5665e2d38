import { describe, expect, it } from 'vitest';
import { currentPeriodSoFar, describePeriod, DigestPeriodError, isoWeekPeriod, lastCompletePeriod, periodName, rangePeriod } from './digest-period.ts';

const tz = 'Asia/Shanghai';

describe('digest periods', () => {
  it('reads an ISO week as Monday to Monday in the time zone, compared with the week before', () => {
    const week = isoWeekPeriod('2026-W47', tz);
    expect(week.from.toISOString()).toBe('2026-11-15T16:00:00.000Z');
    expect(week.to.toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(week.previousFrom.toISOString()).toBe('2026-11-08T16:00:00.000Z');
    expect(week.previousTo).toEqual(week.from);
    expect(describePeriod(week)).toBe('2026-11-16 至 2026-11-22');
    expect(isoWeekPeriod('2026-W01', tz).from.toISOString()).toBe('2025-12-28T16:00:00.000Z');
  });

  it('refuses weeks and ranges that do not exist', () => {
    expect(() => isoWeekPeriod('2026-47', tz)).toThrow(DigestPeriodError);
    expect(() => isoWeekPeriod('2026-W54', tz)).toThrow(/not a week of 2026/);
    expect(() => rangePeriod('2026-11-07', '2026-11-01', tz)).toThrow(/--to must be after --from/);
    expect(() => rangePeriod('yesterday', '2026-11-01', tz)).toThrow(/--from: expected a date/);
  });

  it('includes both days of a date range and compares it with as many days before', () => {
    const range = rangePeriod('2026-11-01', '2026-11-07', tz);
    expect(range.label).toBe('2026-11-01_2026-11-07');
    expect(range.from.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(range.to.toISOString()).toBe('2026-11-07T16:00:00.000Z');
    expect(range.previousFrom.toISOString()).toBe('2026-10-24T16:00:00.000Z');
    expect(describePeriod(range)).toBe('2026-11-01 至 2026-11-07');
  });

  it('finds the last complete day, week and month before a scheduled run', () => {
    // Monday 2026-11-23 08:00 in Shanghai.
    const monday = new Date('2026-11-23T00:00:00.000Z');
    expect(lastCompletePeriod('week', monday, tz).label).toBe('2026-W47');
    expect(lastCompletePeriod('day', monday, tz)).toMatchObject({ label: '2026-11-22', kind: 'day' });
    const month = lastCompletePeriod('month', monday, tz);
    expect(month.label).toBe('2026-10');
    expect(month.previousFrom.toISOString()).toBe('2026-08-31T16:00:00.000Z');
    expect(describePeriod(month)).toBe('2026-10-01 至 2026-10-31');
  });

  it('names periods as a leader reads them, in Chinese', () => {
    expect(periodName(isoWeekPeriod('2026-W47', tz))).toBe('2026年第47周（11月16日—11月22日）');
    expect(periodName(isoWeekPeriod('2026-W01', tz))).toBe('2026年第1周（12月29日—2026年1月4日）');
    expect(periodName(lastCompletePeriod('day', new Date('2026-11-23T00:00:00.000Z'), tz))).toBe('2026年11月22日');
    expect(periodName(lastCompletePeriod('month', new Date('2026-11-23T00:00:00.000Z'), tz))).toBe('2026年10月');
    expect(periodName(rangePeriod('2026-11-01', '2026-11-30', tz))).toBe('2026年11月1日—11月30日');
  });

  it('reports the current week so far, compared with the same span of the week before', () => {
    // Wednesday 2026-11-25 14:30 in Shanghai.
    const now = new Date('2026-11-25T06:30:00.000Z');
    const week = currentPeriodSoFar('week', now, tz);
    expect(week).toMatchObject({ kind: 'week', isPartial: true, label: '2026-W48-so-far' });
    expect(week.from.toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(week.to.toISOString()).toBe(now.toISOString());
    expect(week.previousFrom.toISOString()).toBe('2026-11-15T16:00:00.000Z');
    expect(week.previousTo.toISOString()).toBe('2026-11-18T06:30:00.000Z');
    expect(periodName(week)).toBe('2026年第48周（11月23日至今，截至 11月25日 14:30）');
  });
});
