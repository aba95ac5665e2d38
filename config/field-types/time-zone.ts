import { z } from 'zod';

/** True when the runtime's time-zone database knows the name (what luxon and node-cron rely on). */
function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time-zone name such as `Asia/Shanghai` (or `UTC`); a typo would otherwise shift every time silently or stop the scheduler. */
export function timeZoneName() {
  return z.string().refine(isKnownTimeZone, { error: (issue) => `unknown time zone "${String(issue.input)}"; expected an IANA name such as "Asia/Shanghai"` });
}
