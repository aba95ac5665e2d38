import { z } from 'zod';

/** Spike detector settings (rules/README.md "Spikes"). */
export const spikeOptionsSchema = z.strictObject({
  baselineHours: z.number().int().min(2).default(24).describe('trailing hours (before the current one) that form the baseline'),
  minBaselineHours: z.number().int().min(2).default(6).describe('fewer trailing hours than this: no decision (insufficient history)'),
  k: z.number().positive().default(3).describe('threshold = mean + k·σ of the baseline'),
  minCount: z.number().int().min(0).default(10).describe('the current hour needs at least this many posts'),
  minStdDev: z.number().min(0).default(1).describe('floor on σ, so a perfectly flat baseline does not turn every uptick into a spike'),
  cooldownHours: z.number().int().min(0).default(6).describe('after a spike, the same series cannot spike again for this many hours'),
});
/** Spike settings with defaults filled. */
export type SpikeOptions = z.infer<typeof spikeOptionsSchema>;
/** Spike settings as written (all optional). */
export type SpikeOptionsInput = z.input<typeof spikeOptionsSchema>;

/** Why the detector decided what it did. */
export type SpikeReason = 'spike' | 'below-threshold' | 'below-minimum' | 'cooldown' | 'insufficient-history';

/** The decision for the latest hour, with the numbers behind it (stored with the spike for alerts). */
export interface SpikeDecision {
  isSpike: boolean;
  reason: SpikeReason;
  current: number;
  mean: number;
  stdDev: number;
  threshold: number;
  /** (current - mean) / σ, with σ floored at minStdDev. */
  zScore: number;
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

/**
 * Decides whether the last hour of `hourlyCounts` (oldest first, one count per hour, last = the hour
 * just finished) is a spike: count ≥ minCount and count > mean + k·σ of the trailing baseline.
 * `hoursSinceLastSpike` (from stored spikes) applies the cool-down; omit it when there was none.
 */
export function detectSpike(hourlyCounts: readonly number[], options: SpikeOptionsInput = {}, hoursSinceLastSpike?: number): SpikeDecision {
  const settings = spikeOptionsSchema.parse(options);
  const current = hourlyCounts.at(-1) ?? 0;
  const baseline = hourlyCounts.slice(Math.max(0, hourlyCounts.length - 1 - settings.baselineHours), -1);
  const mean = baseline.length === 0 ? 0 : baseline.reduce((sum, count) => sum + count, 0) / baseline.length;
  const variance = baseline.length === 0 ? 0 : baseline.reduce((sum, count) => sum + (count - mean) ** 2, 0) / baseline.length;
  const stdDev = Math.max(Math.sqrt(variance), settings.minStdDev);
  const threshold = mean + settings.k * stdDev;
  const numbers = { current, mean: round(mean), stdDev: round(stdDev), threshold: round(threshold), zScore: round((current - mean) / stdDev) };
  const decide = (reason: SpikeReason): SpikeDecision => ({ isSpike: reason === 'spike', reason, ...numbers });
  if (baseline.length < settings.minBaselineHours) return decide('insufficient-history');
  if (current < settings.minCount) return decide('below-minimum');
  if (current <= threshold) return decide('below-threshold');
  if (hoursSinceLastSpike !== undefined && hoursSinceLastSpike <= settings.cooldownHours) return decide('cooldown');
  return decide('spike');
}

/** Indices of every spike hour in a whole series, applying the cool-down as it goes (for backfills and replays). */
export function findSpikeHours(hourlyCounts: readonly number[], options: SpikeOptionsInput = {}): number[] {
  const spikes: number[] = [];
  for (let hour = 0; hour < hourlyCounts.length; hour += 1) {
    const last = spikes.at(-1);
    const decision = detectSpike(hourlyCounts.slice(0, hour + 1), options, last === undefined ? undefined : hour - last);
    if (decision.isSpike) spikes.push(hour);
  }
  return spikes;
}
