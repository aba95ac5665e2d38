import { DateTime } from 'luxon';

/** Where a written time is read: the site's time zone and the moment the page was fetched. */
export interface TimeContext {
  /** IANA zone of times written without an offset, e.g. Asia/Shanghai. */
  timeZone: string;
  /** The crawl time; relative times (`3分钟前`) count back from it. */
  now: Date;
}

const relativeUnits: Record<string, { minutes?: number; seconds?: number; hours?: number; days?: number; weeks?: number; months?: number }> = {
  秒: { seconds: 1 }, 秒钟: { seconds: 1 }, 分: { minutes: 1 }, 分钟: { minutes: 1 }, 小时: { hours: 1 }, 个小时: { hours: 1 },
  天: { days: 1 }, 日: { days: 1 }, 周: { weeks: 1 }, 星期: { weeks: 1 }, 个星期: { weeks: 1 }, 个月: { months: 1 }, 月: { months: 1 },
};
const dayWords: Record<string, number> = { 今天: 0, 昨天: 1, 前天: 2 };

/** Full-width digits and punctuation (`２０２６年１１月`, `１２：３０`) as ASCII. */
function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

function toUtcIso(value: DateTime): string | undefined {
  return value.isValid ? value.toUTC().toISO({ suppressMilliseconds: false }) ?? undefined : undefined;
}

/** Reads an hour written with 上午/下午/晚上 (12-hour clock) as a 24-hour hour. */
function hourOf(hour: string, halfDay: string | undefined): number {
  const value = Number(hour);
  if (halfDay && /下午|晚上|傍晚|PM/i.test(halfDay) && value < 12) return value + 12;
  if (halfDay && /凌晨|上午|早上|AM/i.test(halfDay) && value === 12) return 0;
  return value;
}

const clock = String.raw`(?:\s*(上午|下午|晚上|凌晨|早上|傍晚|AM|PM)?\s*(\d{1,2})[:：点时時](\d{1,2})?(?:[:：分](\d{1,2}))?)?`;
const fullDate = new RegExp(String.raw`(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[T\s]*)${clock}`);
// The lookahead keeps `12/28/2013` (a date with its year) from being read as 12-28 of this year.
const monthDay = new RegExp(String.raw`(?:^|[^\d])(\d{1,2})\s*[-/月]\s*(\d{1,2})(?!\d|\s*[-/.]\s*\d)\s*日?(?:\s+|(?=[上下晚凌早傍]))?${clock}`);
const dayWordClock = new RegExp(String.raw`(今天|昨天|前天)${clock}`);
const bareClock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/**
 * Parses a time as Chinese sites write it — `刚刚`, `3分钟前`, `昨天 12:30`, `2026年11月26日 10:00`,
 * `11-26 08:00`, ISO 8601, RFC 2822 or epoch seconds/milliseconds — in the site's time zone, and
 * returns it as a UTC ISO string; undefined when the text holds no time.
 */
export function parseChineseTime(input: string | number | undefined | null, context: TimeContext): string | undefined {
  if (input === undefined || input === null) return undefined;
  if (typeof input === 'number') return epochToIso(input);
  const text = toHalfWidth(input).replace(/\s+/g, ' ').trim();
  if (text === '') return undefined;
  const now = DateTime.fromJSDate(context.now, { zone: context.timeZone });
  if (!now.isValid) throw new RangeError(`unknown time zone "${context.timeZone}"`);

  if (/^\d{10}(\.\d+)?$|^\d{13}$/.test(text)) return epochToIso(Number(text));

  // Machine formats first: they carry their own offset, or none (then the site's zone applies).
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) return toUtcIso(DateTime.fromISO(text, { zone: context.timeZone, setZone: false }));
  if (/^[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4}/.test(text) || /^\d{1,2} [A-Z][a-z]{2} \d{4} \d/.test(text)) {
    const rfc = DateTime.fromRFC2822(text, { zone: context.timeZone });
    if (rfc.isValid) return toUtcIso(rfc);
    return toUtcIso(DateTime.fromHTTP(text, { zone: context.timeZone }));
  }

  if (/刚刚|刚才/.test(text)) return toUtcIso(now);
  if (/半小时前/.test(text)) return toUtcIso(now.minus({ minutes: 30 }));
  const relative = /(\d+)\s*(秒钟|秒|分钟|分|个小时|小时|天|日|个星期|星期|周|个月)\s*(?:以)?前/.exec(text);
  if (relative) {
    const unit = relativeUnits[relative[2]!]!;
    const amount = Number(relative[1]);
    const duration = Object.fromEntries(Object.entries(unit).map(([key, value]) => [key, value * amount]));
    return toUtcIso(now.minus(duration));
  }

  const withDayWord = dayWordClock.exec(text);
  if (withDayWord) {
    const day = now.minus({ days: dayWords[withDayWord[1]!]! });
    return toUtcIso(day.set({ hour: withDayWord[3] ? hourOf(withDayWord[3], withDayWord[2]) : 0, minute: Number(withDayWord[4] ?? 0), second: Number(withDayWord[5] ?? 0), millisecond: 0 }));
  }

  const full = fullDate.exec(text);
  if (full) {
    return toUtcIso(DateTime.fromObject({
      year: Number(full[1]), month: Number(full[2]), day: Number(full[3]),
      hour: full[5] ? hourOf(full[5], full[4]) : 0, minute: Number(full[6] ?? 0), second: Number(full[7] ?? 0),
    }, { zone: context.timeZone }));
  }

  const partial = monthDay.exec(text);
  if (partial) {
    let value = DateTime.fromObject({
      year: now.year, month: Number(partial[1]), day: Number(partial[2]),
      hour: partial[4] ? hourOf(partial[4], partial[3]) : 0, minute: Number(partial[5] ?? 0), second: Number(partial[6] ?? 0),
    }, { zone: context.timeZone });
    // Sites drop the year for the current year; a date "in the future" is from last year (late December crawls of early January posts).
    if (value.isValid && value > now.plus({ days: 1 })) value = value.minus({ years: 1 });
    return toUtcIso(value);
  }

  const clockOnly = bareClock.exec(text);
  if (clockOnly) {
    return toUtcIso(now.set({ hour: Number(clockOnly[1]), minute: Number(clockOnly[2]), second: Number(clockOnly[3] ?? 0), millisecond: 0 }));
  }

  const iso = DateTime.fromISO(text, { zone: context.timeZone });
  return iso.isValid ? toUtcIso(iso) : undefined;
}

/** Epoch seconds (10 digits) or milliseconds (13 digits) as a UTC ISO string. */
function epochToIso(value: number): string | undefined {
  if (!Number.isFinite(value) || value <= 0) return undefined;
  const millis = value < 1e11 ? value * 1000 : value;
  return new Date(millis).toISOString();
}
