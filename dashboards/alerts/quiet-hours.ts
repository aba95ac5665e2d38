import { DateTime } from 'luxon';
import type { QuietHoursConfig } from '../../config/alerts-schema.ts';

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** Whether `now` falls in the quiet period (start inclusive, end exclusive; a start after the end spans midnight). */
export function isInQuietHours(quietHours: QuietHoursConfig, now: Date): boolean {
  if (!quietHours.start || !quietHours.end) return false;
  const local = DateTime.fromJSDate(now, { zone: quietHours.timeZone });
  const minute = local.hour * 60 + local.minute;
  const start = minutesOf(quietHours.start);
  const end = minutesOf(quietHours.end);
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}
