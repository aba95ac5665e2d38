import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../config/load-config.ts';
import { explainRisk, readableTerm } from './risk-explanation.ts';

const weights = parseConfig({}, 'test', {}).analysis.riskWeights;

describe('explaining a stored risk score', () => {
  it('takes the score apart along the formula: base, extra rules, each amplification, and the cap that made it 100', () => {
    // 89 base points (85 critical + 4 extra), negativity 0.93, engagement 0.36 → multiplier 1 + 0.093 + 0.18 = 1.273.
    const explanation = explainRisk({ score: 100, level: 'critical', breakdown: {
      basePoints: 89, severity: 'critical', ceiling: null, extraHitPoints: 4, negativity: 0.93, engagement: 0.36, growth: 0, sourceWeight: 1, multiplier: 1.273,
    } }, weights);
    expect(explanation.contributions.map((part) => [part.kind, part.points])).toEqual([['base', 85], ['extra', 4], ['negativity', 8.3], ['engagement', 16]]);
    expect(explanation.uncapped).toBe(113.3);
    expect(explanation.isCapped).toBe(true);
    expect(explanation.contributions.reduce((sum, part) => sum + part.points, 0)).toBeCloseTo(explanation.uncapped, 0);
  });

  it('shows what the configured boosts do not explain as "other", and unknown breakdown entries as they are', () => {
    const explanation = explainRisk({ score: 60, level: 'high', breakdown: { basePoints: 52, severity: 'high', extraHitPoints: 0, negativity: 0, engagement: 0, growth: 0, sourceWeight: 1, multiplier: 1.15, discount: 0.8 } }, weights);
    expect(explanation.contributions.find((part) => part.kind === 'other')!.points).toBeCloseTo(7.8, 1);
    expect(explanation.extra).toEqual([{ key: 'discount', value: 0.8 }]);
    expect(explanation.isCapped).toBe(false);
  });

  it('never shows a one-character term alone', () => {
    const text = '老人被骗八万元积蓄';
    expect(readableTerm(text, '万', 5, 6)).toEqual({ before: '人被骗八', term: '万', after: '元积蓄' });
    expect(readableTerm(text, '万', 40, 41)).toEqual({ before: '人被骗八', term: '万', after: '元积蓄' });
    expect(readableTerm(text, '被骗', 2, 4)).toEqual({ before: '', term: '被骗', after: '' });
  });
});
