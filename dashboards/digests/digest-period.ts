import { DateTime } from 'luxon';

/** The span a digest covers (`to` exclusive) and the span it is compared with. */
export interface DigestPeriod {
  /** Printed and used in file names: 2026-W47, 2026-11-25, 2026-11, or 2026-11-01_2026-11-07. */
  label: string;
  kind: 'day' | 'week' | 'month' | 'range';
  /** The period is still running: it reports from its start up to the time it was made ("so far"). */
  isPartial?: boolean | undefined;
  from: Date;
  to: Date;
  previousFrom: Date;
  previousTo: Date;
  timeZone: string;
}

/** Raised for a week, date or range that cannot be read. */
export class DigestPeriodError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DigestPeriodError';
  }
}

function period(kind: DigestPeriod['kind'], label: string, from: DateTime, to: DateTime, previousFrom: DateTime, timeZone: string): DigestPeriod {
  return { kind, label, from: from.toJSDate(), to: to.toJSDate(), previousFrom: previousFrom.toJSDate(), previousTo: from.toJSDate(), timeZone };
}

/** An ISO week such as 2026-W47: Monday 00:00 to the next Monday 00:00 in `timeZone`, compared with the week before. */
export function isoWeekPeriod(week: string, timeZone: string): DigestPeriod {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) throw new DigestPeriodError(`expected an ISO week such as 2026-W47, got "${week}"`);
  const start = DateTime.fromObject({ weekYear: Number(match[1]), weekNumber: Number(match[2]), weekday: 1 }, { zone: timeZone });
  if (!start.isValid || start.weekNumber !== Number(match[2])) throw new DigestPeriodError(`${week} is not a week of ${match[1]}`);
  return period('week', week, start, start.plus({ weeks: 1 }), start.minus({ weeks: 1 }), timeZone);
}

function parseDay(text: string, timeZone: string, option: string): DateTime {
  const value = DateTime.fromISO(text, { zone: timeZone });
  if (!value.isValid) throw new DigestPeriodError(`${option}: expected a date such as 2026-11-01 or a date-time, got "${text}"`);
  return value;
}

/**
 * Any period: `from` and `to` as dates (both days included) or date-times (`to` exclusive), in `timeZone`;
 * compared with the span of the same length just before it.
 */
export function rangePeriod(fromText: string, toText: string, timeZone: string): DigestPeriod {
  const from = parseDay(fromText, timeZone, '--from');
  const isDateOnly = /^\d{4}-\d{2}-\d{2}$/.test(toText);
  const to = isDateOnly ? parseDay(toText, timeZone, '--to').plus({ days: 1 }) : parseDay(toText, timeZone, '--to');
  if (to <= from) throw new DigestPeriodError(`--to must be after --from (${fromText} … ${toText})`);
  const label = isDateOnly && /^\d{4}-\d{2}-\d{2}$/.test(fromText) ? `${fromText}_${toText}` : `${from.toFormat("yyyy-MM-dd'T'HHmm")}_${to.toFormat("yyyy-MM-dd'T'HHmm")}`;
  return period('range', label, from, to, from.minus(to.diff(from)), timeZone);
}

/** The last complete day, ISO week or month before `now`: what a scheduled run reports on. */
export function lastCompletePeriod(kind: 'day' | 'week' | 'month', now: Date, timeZone: string): DigestPeriod {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  if (kind === 'week') {
    const start = local.startOf('week').minus({ weeks: 1 });
    return isoWeekPeriod(`${start.weekYear}-W${String(start.weekNumber).padStart(2, '0')}`, timeZone);
  }
  if (kind === 'month') {
    const start = local.startOf('month').minus({ months: 1 });
    return period('month', start.toFormat('yyyy-MM'), start, start.plus({ months: 1 }), start.minus({ months: 1 }), timeZone);
  }
  const start = local.startOf('day').minus({ days: 1 });
  return period('day', start.toFormat('yyyy-MM-dd'), start, start.plus({ days: 1 }), start.minus({ days: 1 }), timeZone);
}

/** The period as people read it: 2026-11-16 至 2026-11-22 (the last day included). */
export function describePeriod(digestPeriod: DigestPeriod): string {
  const from = DateTime.fromJSDate(digestPeriod.from, { zone: digestPeriod.timeZone });
  const to = DateTime.fromJSDate(digestPeriod.to, { zone: digestPeriod.timeZone });
  const isWholeDays = from.equals(from.startOf('day')) && to.equals(to.startOf('day'));
  const fromText = from.toFormat(isWholeDays ? 'yyyy-MM-dd' : 'yyyy-MM-dd HH:mm');
  const toText = isWholeDays ? to.minus({ days: 1 }).toFormat('yyyy-MM-dd') : to.toFormat('yyyy-MM-dd HH:mm');
  return fromText === toText ? fromText : `${fromText} 至 ${toText}`;
}

/**
 * The current day, ISO week or month from its start up to `now`: what `yuqing digest` reports when nothing has
 * been published in the last complete period (a fresh install), compared with the same span of the period before.
 */
export function currentPeriodSoFar(kind: 'day' | 'week' | 'month', now: Date, timeZone: string): DigestPeriod {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  const unit = kind === 'day' ? 'day' : kind === 'week' ? 'week' : 'month';
  const start = local.startOf(unit);
  const label = kind === 'week' ? `${start.weekYear}-W${String(start.weekNumber).padStart(2, '0')}` : kind === 'month' ? start.toFormat('yyyy-MM') : start.toFormat('yyyy-MM-dd');
  const previousStart = start.minus({ [`${unit}s`]: 1 });
  return {
    kind, isPartial: true, label: `${label}-so-far`, from: start.toJSDate(), to: local.toJSDate(),
    previousFrom: previousStart.toJSDate(), previousTo: previousStart.plus(local.diff(start)).toJSDate(), timeZone,
  };
}

/**
 * The period as a leader reads it in the title: 2026年第47周（11月16日—11月22日）, 2026年11月25日, 2026年11月,
 * 2026年11月1日—11月30日; a running period says 至今 and when it was cut.
 */
export function periodName(digestPeriod: DigestPeriod): string {
  const from = DateTime.fromJSDate(digestPeriod.from, { zone: digestPeriod.timeZone });
  const to = DateTime.fromJSDate(digestPeriod.to, { zone: digestPeriod.timeZone });
  const last = to.equals(to.startOf('day')) ? to.minus({ days: 1 }) : to;
  const day = (value: DateTime, withYear: boolean) => value.toFormat(withYear ? 'yyyy年M月d日' : 'M月d日');
  const span = digestPeriod.isPartial ? `${day(from, false)}至今，截至 ${to.toFormat('M月d日 HH:mm')}` : `${day(from, false)}—${day(last, from.year !== last.year)}`;
  switch (digestPeriod.kind) {
    case 'week': return `${from.weekYear}年第${from.weekNumber}周（${span}）`;
    case 'month': return digestPeriod.isPartial ? `${from.toFormat('yyyy年M月')}（${span}）` : from.toFormat('yyyy年M月');
    case 'day': return digestPeriod.isPartial ? `${day(from, true)}（截至 ${to.toFormat('HH:mm')}）` : day(from, true);
    case 'range': return `${day(from, true)}—${day(last, from.year !== last.year)}`;
  }
}
