import type { Config } from '../../../../config/config-schema.ts';
import type { StoredRuleHit } from '../rules/stored-rule-hit.ts';
import { readBreakdown } from './stored-analysis.ts';

type Weights = Pick<Config['analysis']['riskWeights'], 'negativityBoost' | 'engagementBoost' | 'growthBoost'>;

/** One part of a risk score, in points of the final score. */
export interface ScoreContribution {
  /** `base`, `extra`, `negativity`, `engagement`, `growth`, `sourceWeight`, `other`, or a stored breakdown key the app does not know. */
  kind: string;
  points: number;
  /** The stored input behind it (negativity 0.62, engagement share 0.31, source weight 1.2…). */
  input?: number | string | undefined;
}

/** A risk score taken apart: what each factor added, the total before the cap, and what capped it. */
export interface RiskExplanation {
  score: number;
  contributions: ScoreContribution[];
  /** Sum of the contributions before any cap. */
  uncapped: number;
  isCapped: boolean;
  /** The severity an official-voice hit held the post to, when one did. */
  ceiling?: string | undefined;
  severity?: string | undefined;
  negativity: number;
  /** Breakdown entries the formula does not use (e.g. added by a newer analysis): shown as they are, never hidden. */
  extra: { key: string; value: number | string }[];
}

const known = new Set(['basePoints', 'severity', 'ceiling', 'extraHitPoints', 'negativity', 'engagement', 'growth', 'sourceWeight', 'multiplier']);
const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * Takes a stored score apart along the documented formula — score = min(100, base × multiplier × sourceWeight), with
 * multiplier = 1 + negativityBoost·negativity + engagementBoost·engagement + growthBoost·growth — into points each
 * factor added. The boosts come from the configured weights; whatever the stored multiplier or score holds beyond
 * them (weights changed since scoring, factors of a newer engine) is shown as "other", so the parts always add up
 * to the stored score instead of silently disagreeing with it.
 */
export function explainRisk(risk: { score: number; level: string; breakdown?: unknown }, weights: Weights): RiskExplanation {
  const entries = new Map(readBreakdown(risk.breakdown));
  const number = (key: string) => (typeof entries.get(key) === 'number' ? entries.get(key) as number : 0);
  const text = (key: string) => (typeof entries.get(key) === 'string' ? entries.get(key) as string : undefined);
  const base = number('basePoints');
  const extraPoints = number('extraHitPoints');
  const negativity = number('negativity');
  const sourceWeight = entries.has('sourceWeight') ? number('sourceWeight') : 1;
  const boosts = [
    { kind: 'negativity', share: weights.negativityBoost * negativity, input: negativity },
    { kind: 'engagement', share: weights.engagementBoost * number('engagement'), input: number('engagement') },
    { kind: 'growth', share: weights.growthBoost * number('growth'), input: number('growth') },
  ];
  const multiplier = entries.has('multiplier') ? number('multiplier') : 1 + boosts.reduce((sum, boost) => sum + boost.share, 0);
  const contributions: ScoreContribution[] = [
    { kind: 'base', points: round1((base - extraPoints) * sourceWeight), input: text('severity') },
    ...(extraPoints > 0 ? [{ kind: 'extra', points: round1(extraPoints * sourceWeight) }] : []),
    // A factor that adds less than 0.05 points is not a reason anyone needs to read.
    ...boosts.map((boost) => ({ kind: boost.kind, points: round1(base * boost.share * sourceWeight), input: boost.input })).filter((part) => part.points > 0),
  ];
  const uncapped = base * multiplier * sourceWeight;
  const explained = contributions.reduce((sum, part) => sum + part.points, 0);
  // Source weight is folded into every part above; a residual means the stored multiplier holds more than the configured boosts.
  if (Math.abs(uncapped - explained) >= 0.5) contributions.push({ kind: 'other', points: round1(uncapped - explained) });
  const isCapped = risk.score < round1(uncapped) - 0.05;
  return {
    score: risk.score, contributions, uncapped: round1(uncapped), isCapped, ceiling: text('ceiling'), severity: text('severity'), negativity,
    extra: [...entries].filter(([key]) => !known.has(key)).map(([key, value]) => ({ key, value })),
  };
}

/** The hits listed with the most severe first (then by name), for the summary sentence. */
export function hitsBySeverity(hits: StoredRuleHit[]): StoredRuleHit[] {
  const order = ['critical', 'high', 'medium', 'low'];
  const rank = (hit: StoredRuleHit) => (hit.severity ? order.indexOf(hit.severity) : order.length);
  return [...hits].sort((a, b) => rank(a) - rank(b) || (a.ruleName ?? a.ruleId).localeCompare(b.ruleName ?? b.ruleId));
}

/** A matched term people can read: a single character (万, 块) is shown with the characters around it. */
export function readableTerm(text: string, term: string | undefined, start: number | undefined, end: number | undefined): { before: string; term: string; after: string } {
  const value = term ?? '';
  if ([...value].length !== 1) return { before: '', term: value, after: '' };
  const at = start !== undefined && end !== undefined && text.slice(start, end) === value ? start : text.indexOf(value);
  if (at < 0) return { before: '', term: value, after: '' };
  return { before: text.slice(Math.max(0, at - 4), at), term: value, after: text.slice(at + value.length, at + value.length + 4) };
}
