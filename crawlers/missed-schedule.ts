import type { ScheduledTask } from 'node-cron';

// Looking further back costs time for sparse schedules and changes nothing: a source idle this long is due.
const lookBackMillis = 7 * 86_400_000;
const lookBackSecondsMillis = 3_600_000;

/**
 * True when the task's schedule had a slot in (since, now]: the source should have run while yuqing was
 * down (or the host slept). Walks forward a minute (a second, for six-field expressions) at a time and
 * stops at the first slot; a gap longer than the look-back counts as missed.
 */
export function hasMissedSlot(task: Pick<ScheduledTask, 'match' | 'getPattern'>, since: Date, now: Date): boolean {
  if (now.getTime() <= since.getTime()) return false;
  const withSeconds = task.getPattern().trim().split(/\s+/).length === 6;
  const step = withSeconds ? 1000 : 60_000;
  if (now.getTime() - since.getTime() > (withSeconds ? lookBackSecondsMillis : lookBackMillis)) return true;
  for (let at = Math.floor(since.getTime() / step) * step + step; at <= now.getTime(); at += step) {
    if (task.match(new Date(at))) return true;
  }
  return false;
}
