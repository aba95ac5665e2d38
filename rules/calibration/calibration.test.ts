import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../analyzer.ts';
import { evaluateCalibrationSet, formatConfusionMatrix, formatMisses, levelDistance, loadCalibrationSet } from './calibration-set.ts';

// A behaviour test of the shipped packs and default risk weights: invented posts of the kinds a city
// government or company monitors, each with the level a demanding reader expects (rules/README.md "Risk levels").
const set = loadCalibrationSet();
const analyzer = createAnalyzer({ organisationNames: set.organisationNames, serviceNames: set.serviceNames });
const outcomes = evaluateCalibrationSet(set, analyzer);
const report = (): string => `\n${formatConfusionMatrix(outcomes)}\n\n${formatMisses(outcomes)}\n`;

/** Share of posts whose level must match exactly. */
const minimumExactShare = 0.85;

describe('risk calibration set', () => {
  it('has enough posts of every level to mean something', () => {
    expect(set.posts.length).toBeGreaterThanOrEqual(150);
    for (const level of ['low', 'medium', 'high', 'critical'] as const) expect(set.posts.filter((post) => post.level === level).length, level).toBeGreaterThanOrEqual(10);
  });

  it('puts every post within one level of its expected level', () => {
    const far = outcomes.filter((outcome) => levelDistance(outcome.level, outcome.post.level) > 1);
    expect(far.map((outcome) => outcome.post.id), report()).toEqual([]);
  });

  it(`gives at least ${minimumExactShare * 100}% of the posts exactly their expected level`, () => {
    const exact = outcomes.filter((outcome) => outcome.level === outcome.post.level).length;
    expect(exact / outcomes.length, report()).toBeGreaterThanOrEqual(minimumExactShare);
  });

  it('fires the rules named in the set and none of those it excludes', () => {
    const wrong = outcomes.filter((outcome) => outcome.missingRules.length > 0 || outcome.unexpectedRules.length > 0);
    expect(wrong.map((outcome) => outcome.post.id), report()).toEqual([]);
  });
});
