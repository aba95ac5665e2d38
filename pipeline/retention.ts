import type { Client } from '@elastic/elasticsearch';
import type { IndexNames } from './post-document.ts';

const monthlySuffix = /-(\d{4})\.(\d{2})$/;

/** Monthly indices whose whole month lies before the cut-off, given the names that exist. */
export function expiredMonthlyIndices(indices: string[], prefixes: string[], retentionDays: number, now = new Date()): string[] {
  const cutoff = now.getTime() - retentionDays * 86_400_000;
  return indices.filter((index) => {
    if (!prefixes.some((prefix) => index.startsWith(prefix))) return false;
    const match = monthlySuffix.exec(index);
    if (!match) return false;
    const monthEnd = Date.UTC(Number(match[1]), Number(match[2]), 1); // first instant of the next month
    return monthEnd <= cutoff;
  }).sort();
}

/**
 * Applies the retention period by deleting whole monthly indices of posts, events, spikes and engagement snapshots (no
 * delete-by-query: the test distribution has no reindex module, and dropping an index is cheaper anyway).
 */
export async function applyRetention(client: Client, names: IndexNames, retentionDays: number, options: { dryRun?: boolean; now?: Date } = {}): Promise<string[]> {
  const prefixes = [`${names.posts}-`, `${names.events}-`, `${names.spikes}-`, `${names.engagement}-`];
  const existing = Object.keys(await client.indices.get({ index: prefixes.map((prefix) => `${prefix}*`), allow_no_indices: true, ignore_unavailable: true }));
  const expired = expiredMonthlyIndices(existing, prefixes, retentionDays, options.now);
  if (!options.dryRun && expired.length > 0) await client.indices.delete({ index: expired });
  return expired;
}
