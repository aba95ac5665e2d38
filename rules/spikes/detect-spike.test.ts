import { describe, expect, it } from 'vitest';
import { detectSpike, findSpikeHours } from './detect-spike.ts';

const steady = [10, 12, 9, 11, 10, 13, 8, 11, 10, 12, 9, 11];

describe('spike detection', () => {
  it('flags an hour far above the trailing mean + k·σ and reports the numbers behind it', () => {
    const decision = detectSpike([...steady, 40]);
    expect(decision).toMatchObject({ isSpike: true, reason: 'spike', current: 40 });
    expect(decision.mean).toBeCloseTo(10.5, 1);
    expect(decision.threshold).toBeLessThan(40);
    expect(decision.zScore).toBeGreaterThan(3);
  });

  it('does not flag ordinary variation', () => {
    expect(detectSpike([...steady, 14])).toMatchObject({ isSpike: false, reason: 'below-threshold' });
  });

  it('ignores jumps below the minimum volume', () => {
    expect(detectSpike([0, 0, 1, 0, 0, 0, 0, 1, 6])).toMatchObject({ isSpike: false, reason: 'below-minimum' });
    expect(detectSpike([0, 0, 1, 0, 0, 0, 0, 1, 6], { minCount: 5 }).isSpike).toBe(true);
  });

  it('needs enough history before deciding', () => {
    expect(detectSpike([1, 2, 50])).toMatchObject({ isSpike: false, reason: 'insufficient-history' });
  });

  it('floors σ so a perfectly flat baseline does not make every uptick a spike', () => {
    expect(detectSpike([10, 10, 10, 10, 10, 10, 10, 12]).isSpike).toBe(false);
  });

  it('honours the cool-down after a previous spike', () => {
    expect(detectSpike([...steady, 40], {}, 2)).toMatchObject({ isSpike: false, reason: 'cooldown' });
    expect(detectSpike([...steady, 40], {}, 7).isSpike).toBe(true);
  });

  it('uses only the configured trailing window as the baseline', () => {
    const series = [100, 100, 100, 100, 100, 100, ...steady, 40];
    expect(detectSpike(series, { baselineHours: 12 }).isSpike).toBe(true);
    expect(detectSpike(series, { baselineHours: 18 }).isSpike).toBe(false);
  });

  it('finds spikes across a whole series, suppressing repeats inside the cool-down', () => {
    const series = [...steady, 60, 65, 70, 12, 10, 11, 9, 10, 11, 10, 90];
    expect(findSpikeHours(series, { cooldownHours: 6 })).toEqual([12, 22]);
  });
});
