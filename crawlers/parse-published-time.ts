import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { parseChineseTime, type TimeContext } from './parse-chinese-time.ts';

/** Why a post has no publication time. */
export type PublishedAtIssue = 'missing' | 'unparseable' | 'future';

/** A publication time as read from a page or feed: the time, or why there is none (and the text that was not understood). */
export interface PublishedTime {
  publishedAt?: string | undefined;
  publishedAtIssue?: PublishedAtIssue | undefined;
  publishedAtText?: string | undefined;
}

// A time this far past the crawl is a misreading or a site's clock error, never a post from the future.
const futureToleranceMillis = 10 * 60_000;
// Before this, a "date" is an epoch zero, a placeholder or a misread number.
const earliestPlausible = Date.UTC(1990, 0, 1);

// Zones where "CST" means China (or Taipei) Standard Time, UTC+8, not US Central: Chinese sites and feeds write it so.
const chinaStandardTimeZones = /^(Asia\/(Shanghai|Chongqing|Chungking|Harbin|Urumqi|Taipei|Hong_Kong|Macau|Macao)|PRC|ROC|Hongkong)$/;

// Day names carry nothing a date needs and confuse parsers where they sit in odd places ("Dec 28 Sat 2013").
const weekdayNames = /\b(Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(day|nesday|urday|sday)?\b\.?,?/gi;

// Strict parsers only: "today" or "next Friday" in a page's text is not a publication date.
const chronoParsers: chrono.Chrono[] = [chrono.en.strict, chrono.en.GB, chrono.de.strict, chrono.fr.strict, chrono.es.strict, chrono.pt.strict, chrono.nl.strict, chrono.it.strict, chrono.ru.strict, chrono.ja.strict];

/**
 * Reads a publication time with a maintained parser for everything the Chinese reader does not cover:
 * RFC 822/1123 and their deviations (`+0900` with no space, `UTC`, zone names, the day name in odd
 * places), and day/month names in English, German, French, Spanish, Portuguese, Dutch, Italian, Russian
 * and Japanese. A result counts only when its year, month and day were all written: chrono fills in
 * what is missing from "now", which would be an invented date.
 */
function parseWithChrono(text: string, context: TimeContext): string | undefined {
  const cleaned = text.replace(weekdayNames, ' ').replace(/\s+/g, ' ').trim();
  const timezones = chinaStandardTimeZones.test(context.timeZone) ? { CST: 480, BJT: 480, CCT: 480 } : undefined;
  let best: { components: chrono.ParsedComponents; length: number } | undefined;
  for (const parser of chronoParsers) {
    for (const input of cleaned === text ? [text] : [text, cleaned]) {
      for (const result of parser.parse(input, { instant: context.now, timezone: offsetMinutes(context) }, timezones ? { timezones } : undefined)) {
        const { start } = result;
        if (!start.isCertain('year') || !start.isCertain('month') || !start.isCertain('day')) continue;
        if (!best || result.text.length > best.length) best = { components: start, length: result.text.length };
      }
    }
  }
  if (!best) return undefined;
  const { components } = best;
  if (components.isCertain('timezoneOffset')) return components.date().toISOString();
  // No offset written: the wall-clock time is the site's, in its zone (with that date's DST, not today's).
  const local = DateTime.fromObject({
    year: components.get('year')!, month: components.get('month')!, day: components.get('day')!,
    hour: components.isCertain('hour') ? components.get('hour')! : 0,
    minute: components.isCertain('minute') ? components.get('minute')! : 0,
    second: components.isCertain('second') ? components.get('second')! : 0,
  }, { zone: context.timeZone });
  return local.isValid ? local.toUTC().toISO() ?? undefined : undefined;
}

function offsetMinutes(context: TimeContext): number {
  return DateTime.fromJSDate(context.now, { zone: context.timeZone }).offset;
}

/**
 * The publication time written in `input`, in UTC; undefined when there is none that can be read. Chinese
 * forms (relative times, 年月日, ISO, epochs) first, then the multilingual parser.
 */
export function parsePublishedTime(input: string | number | undefined | null, context: TimeContext): string | undefined {
  if (input === undefined || input === null) return undefined;
  if (typeof input === 'number') return parseChineseTime(input, context);
  let text = input.replace(/\s+/g, ' ').trim();
  if (text === '') return undefined;
  if (chinaStandardTimeZones.test(context.timeZone)) text = text.replace(/\b(CST|BJT|CCT)\b/g, '+0800');
  // 星期六 between the date and the clock would cut the clock off.
  text = text.replace(/(星期|周|礼拜|禮拜)[一二三四五六日天]/g, ' ').replace(/\s+/g, ' ').trim();
  return parseChineseTime(text, context) ?? parseWithChrono(text, context);
}

/**
 * A publication time with its verdict: read (`publishedAt`), absent (`missing`), written but not
 * understood (`unparseable`, with the text), or later than the crawl (`future`, a misreading or a wrong
 * clock). A time is never guessed: the pipeline files an undated post by when it was first seen and flags it.
 */
export function readPublishedTime(input: string | number | undefined | null, context: TimeContext): PublishedTime {
  const written = typeof input === 'string' ? input.replace(/\s+/g, ' ').trim() : input;
  if (written === undefined || written === null || written === '') return { publishedAtIssue: 'missing' };
  const text = String(written).slice(0, 200);
  const parsed = parsePublishedTime(written, context);
  if (!parsed || Date.parse(parsed) < earliestPlausible) return { publishedAtIssue: 'unparseable', publishedAtText: text };
  if (Date.parse(parsed) > context.now.getTime() + futureToleranceMillis) return { publishedAtIssue: 'future', publishedAtText: text };
  return { publishedAt: parsed };
}
