import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Analyzer } from '../analyzer.ts';
import { engagementSchema, riskLevelSchema, type RiskLevel } from '../risk/risk-score.ts';

/** The calibration posts shipped with the rules (format documented at the top of the file). */
export const calibrationPostsPath = fileURLToPath(new URL('./calibration-posts.yaml', import.meta.url));

const ruleIdSchema = z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, '<pack-id>/<rule-id>');

/** One invented post with the level a demanding reader expects. */
export const calibrationPostSchema = z.strictObject({
  id: z.string().regex(/^[a-z]+-\d+$/, '<group>-<number>'),
  source: z.enum(['hotline', 'forum', 'weibo', 'news', 'official', 'review']),
  title: z.string().optional(),
  author: z.string().optional(),
  content: z.string().min(1),
  engagement: engagementSchema.optional(),
  level: riskLevelSchema,
  rules: z.array(ruleIdSchema).optional().describe('rule ids that must hit'),
  notRules: z.array(ruleIdSchema).optional().describe('rule ids that must not hit'),
  note: z.string().optional(),
});
/** A calibration post. */
export type CalibrationPost = z.infer<typeof calibrationPostSchema>;

/** The calibration file: the deployment's names and the posts. */
export const calibrationSetSchema = z.strictObject({
  organisationNames: z.array(z.string()).default([]),
  serviceNames: z.array(z.string()).default([]),
  posts: z.array(calibrationPostSchema).min(1),
}).superRefine((set, context) => {
  const seen = new Set<string>();
  for (const post of set.posts) {
    if (seen.has(post.id)) context.addIssue({ code: 'custom', message: `duplicate post id ${post.id}` });
    seen.add(post.id);
  }
});
/** A validated calibration set. */
export type CalibrationSet = z.infer<typeof calibrationSetSchema>;

/** Reads and validates a calibration file (throws with every problem). */
export function loadCalibrationSet(path: string = calibrationPostsPath): CalibrationSet {
  return calibrationSetSchema.parse(parseYaml(readFileSync(path, 'utf8')));
}

/** What the analyzer made of one calibration post. */
export interface CalibrationOutcome {
  post: CalibrationPost;
  level: RiskLevel;
  score: number;
  ruleIds: string[];
  missingRules: string[];
  unexpectedRules: string[];
}

const levels = riskLevelSchema.options;

/** Distance in levels between two risk levels (0 = same level). */
export function levelDistance(a: RiskLevel, b: RiskLevel): number {
  return Math.abs(levels.indexOf(a) - levels.indexOf(b));
}

/** Runs every post through the analyzer (which must be built with the set's names). */
export function evaluateCalibrationSet(set: CalibrationSet, analyzer: Analyzer): CalibrationOutcome[] {
  return set.posts.map((post) => {
    const { risk } = analyzer.analyze({ title: post.title, content: post.content, author: post.author, engagement: post.engagement });
    const ruleIds = [...new Set(risk.hits.map((hit) => hit.ruleId))];
    return {
      post, level: risk.level, score: risk.score, ruleIds,
      missingRules: (post.rules ?? []).filter((id) => !ruleIds.includes(id)),
      unexpectedRules: (post.notRules ?? []).filter((id) => ruleIds.includes(id)),
    };
  });
}

/** Expected × actual level counts as a printable table (rows: expected). */
export function formatConfusionMatrix(outcomes: readonly CalibrationOutcome[]): string {
  const header = ['expected \\ actual', ...levels, 'total', 'exact'];
  const rows = levels.map((expected) => {
    const row = outcomes.filter((outcome) => outcome.post.level === expected);
    const exact = row.filter((outcome) => outcome.level === expected).length;
    return [expected, ...levels.map((actual) => String(row.filter((outcome) => outcome.level === actual).length)), String(row.length), row.length > 0 ? `${Math.round((100 * exact) / row.length)}%` : '—'];
  });
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: string[]): string => `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** One line per post whose level or rules differ from the expectation. */
export function formatMisses(outcomes: readonly CalibrationOutcome[]): string {
  return outcomes
    .filter((outcome) => outcome.level !== outcome.post.level || outcome.missingRules.length > 0 || outcome.unexpectedRules.length > 0)
    .map((outcome) => {
      const text = (outcome.post.title ?? outcome.post.content).replace(/\s+/g, ' ').slice(0, 30);
      const rules = [
        ...(outcome.missingRules.length > 0 ? [`missing ${outcome.missingRules.join(', ')}`] : []),
        ...(outcome.unexpectedRules.length > 0 ? [`unexpected ${outcome.unexpectedRules.join(', ')}`] : []),
      ].join('; ');
      return `${outcome.post.id} expected ${outcome.post.level}, got ${outcome.level} (${outcome.score}) [${outcome.ruleIds.join(', ')}] ${rules} “${text}”`;
    })
    .join('\n');
}
