import { describe, expect, it } from 'vitest';
import type { RuleHit } from './rule-hit.ts';
import { riskLevelOf, riskWeightsSchema, scoreRisk } from './risk-score.ts';

const weights = riskWeightsSchema.parse({});
const hit = (ruleId: string, severity: RuleHit['severity']): RuleHit => ({ ruleId, packId: 'p', packVersion: '1.0.0', ruleName: ruleId, category: 'c', severity, matches: [] });

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

  it('log-scales engagement: ten times the reposts adds far less than ten times the risk', () => {
    const at = (reposts: number) => scoreRisk([hit('a', 'medium')], { negativity: 0, engagement: { reposts } }, weights).breakdown.engagement;
    expect(at(10_000) - at(1_000)).toBeLessThan(at(1_000));
    expect(at(10_000_000)).toBe(1);
  });

  it('gives a very negative post without any hit a low score only', () => {
    const result = scoreRisk([], { negativity: 1, engagement: { reposts: 100_000 } }, weights);
    expect(result.breakdown.severity).toBeNull();
    expect(result.level).toBe('medium');
    expect(scoreRisk([], { negativity: 0 }, weights)).toMatchObject({ score: 0, level: 'low' });
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
