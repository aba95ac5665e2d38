import { describe, expect, it } from 'vitest';
import type { RuleHit } from './rule-hit.ts';
import { riskLevelOf, riskWeightsSchema, scoreRisk } from './risk-score.ts';

const weights = riskWeightsSchema.parse({});
const hit = (ruleId: string, severity: RuleHit['severity'], role?: RuleHit['role']): RuleHit => ({
  ruleId, packId: 'p', packVersion: '1.0.0', ruleName: ruleId, category: 'c', severity, ...(role ? { role } : {}), matches: [],
});
const viral = { reposts: 60_000, comments: 30_000, likes: 100_000 };
const local = { reposts: 1_500, comments: 2_500, likes: 3_000 };

describe('risk score', () => {
  it('starts from the points of the most severe hit', () => {
    expect(scoreRisk([hit('a', 'low'), hit('b', 'high')], { negativity: 0 }, weights).breakdown.severity).toBe('high');
    expect(scoreRisk([hit('b', 'high')], { negativity: 0 }, weights).score).toBe(weights.severityPoints.high);
  });

  it('adds capped points for further distinct rules', () => {
    const many = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => hit(id, 'medium'));
    expect(scoreRisk(many, { negativity: 0 }, weights).breakdown.extraHitPoints).toBe(weights.extraHitPointsMax);
    expect(scoreRisk([hit('a', 'medium'), hit('a', 'medium')], { negativity: 0 }, weights).breakdown.extraHitPoints).toBe(0);
  });

  it('rises with negativity, engagement, story growth and source weight', () => {
    const base = scoreRisk([hit('a', 'medium')], { negativity: 0 }, weights).score;
    expect(scoreRisk([hit('a', 'medium')], { negativity: 0.8 }, weights).score).toBeGreaterThan(base);
    expect(scoreRisk([hit('a', 'medium')], { negativity: 0, engagement: { reposts: 500, comments: 200 } }, weights).score).toBeGreaterThan(base);
    expect(scoreRisk([hit('a', 'medium')], { negativity: 0, storyGrowth: 4 }, weights).score).toBeGreaterThan(base);
    expect(scoreRisk([hit('a', 'medium')], { negativity: 0, sourceWeight: 1.5 }, weights).score).toBeGreaterThan(base);
  });

  it('log-scales engagement counted in thousands: a few hundred interactions barely count, 100,000 saturate', () => {
    const at = (reposts: number) => scoreRisk([hit('a', 'medium')], { negativity: 0, engagement: { reposts } }, weights).breakdown.engagement;
    expect(at(300)).toBeLessThan(0.1);
    expect(at(100_000) / at(10_000)).toBeLessThan(2);
    expect(at(100_000)).toBe(1);
    expect(at(10_000_000)).toBe(1);
  });

  it('keeps a level meaningful: spread moves a post up one level only when it is wide or its story grows fast', () => {
    const level = (severity: RuleHit['severity'], inputs: Parameters<typeof scoreRisk>[1], rules = 1) =>
      scoreRisk(['a', 'b', 'c'].slice(0, rules).map((id) => hit(id, severity)), inputs, weights).level;
    expect(level('low', { negativity: 1, engagement: viral, storyGrowth: 16 })).toBe('low');
    expect(level('medium', { negativity: 1, engagement: local }, 3)).toBe('medium');
    expect(level('medium', { negativity: 0.9, engagement: viral })).toBe('high');
    expect(level('high', { negativity: 1, engagement: local }, 3)).toBe('high');
    expect(level('high', { negativity: 1, engagement: local, storyGrowth: 16 })).toBe('critical');
    expect(level('critical', { negativity: 0 })).toBe('critical');
  });

  it('gives a very negative post without any hit at most a medium score', () => {
    const result = scoreRisk([], { negativity: 1, engagement: { reposts: 100_000 } }, weights);
    expect(result.breakdown.severity).toBeNull();
    expect(result.level).toBe('medium');
    expect(scoreRisk([], { negativity: 0 }, weights)).toMatchObject({ score: 0, level: 'low' });
  });

  it('counts an amplifier (escalation marker) only together with a signal', () => {
    expect(scoreRisk([hit('求扩散', 'high', 'amplifier')], { negativity: 0 }, weights)).toMatchObject({ score: 0, level: 'low' });
    const complaint = scoreRisk([hit('complaint', 'medium'), hit('多次反映无果', 'high', 'amplifier')], { negativity: 0 }, weights);
    expect(complaint.breakdown.severity).toBe('high');
    expect(complaint.level).toBe('high');
  });

  it('keeps an official voice (ceiling) within its level however severe the signals and wide the spread', () => {
    const debunk = scoreRisk([hit('fatalities', 'critical'), hit('rumour', 'medium'), hit('debunk', 'low', 'ceiling')], { negativity: 1, engagement: viral, storyGrowth: 16, sourceWeight: 2 }, weights);
    expect(debunk).toMatchObject({ level: 'low', breakdown: { ceiling: 'low', severity: 'low' } });
    expect(debunk.score).toBeLessThan(weights.levelThresholds.medium);
    expect(scoreRisk([hit('reply', 'low', 'ceiling')], { negativity: 0 }, weights)).toMatchObject({ level: 'low', breakdown: { severity: 'low' } });
    expect(scoreRisk([hit('notice', 'high', 'ceiling'), hit('complaint', 'medium')], { negativity: 0 }, weights).breakdown.severity).toBe('medium');
  });

  it('caps at 100 and maps scores to levels by the configured thresholds', () => {
    expect(scoreRisk([hit('a', 'critical'), hit('b', 'high')], { negativity: 1, engagement: { reposts: 1e6 }, storyGrowth: 100, sourceWeight: 2 }, weights)).toMatchObject({ score: 100, level: 'critical' });
    const strict = riskWeightsSchema.parse({ levelThresholds: { medium: 10, high: 20, critical: 30 } });
    expect(riskLevelOf(25, strict)).toBe('high');
    expect(riskLevelOf(25, weights)).toBe('medium');
  });

  it('lets configured weights change the formula', () => {
    const noEngagement = riskWeightsSchema.parse({ engagementBoost: 0 });
    const input = { negativity: 0, engagement: { reposts: 5000 } };
    expect(scoreRisk([hit('a', 'medium')], input, noEngagement).score).toBe(weights.severityPoints.medium);
  });
});
