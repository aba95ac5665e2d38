import AhoCorasick from 'modern-ahocorasick';
import { nearExpressionPattern, type RuleField, type RulePack, type Severity } from './pack-schema.ts';
import type { MatchedTerm, RuleHit } from './rule-hit.ts';

/** The text a rule set is matched against; absent fields are treated as empty. */
export type RuleFields = Partial<Record<RuleField, string>>;

/** A compiled, immutable rule set: one Aho-Corasick automaton over every term of every rule. */
export interface CompiledRuleSet {
  /** Rule hits for the post; `negativity` is max(0, -sentiment score), used by `minNegativity`. */
  match(fields: RuleFields, negativity: number): RuleHit[];
  /** Number of distinct terms in the automaton. */
  readonly termCount: number;
  /** Number of active rules. */
  readonly ruleCount: number;
}

interface CompiledNear { left: number[]; right: number[]; withinChars: number }

interface CompiledRule {
  hit: Omit<RuleHit, 'matches'>;
  fields: RuleField[];
  any?: number[];
  all?: number[][];
  none?: number[];
  near?: CompiledNear[];
  regex?: RegExp[];
  exclude: number[];
  minNegativity: number;
}

interface Occurrence { field: RuleField; start: number; end: number }

// Latin terms match case-insensitively; lower-casing only ASCII keeps UTF-16 offsets unchanged.
const asciiLowerCase = (text: string): string => text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());

/** Compiles packs into one matcher; rule ids in hits are `<pack-id>/<rule-id>`. */
export function compileRulePacks(packs: readonly RulePack[]): CompiledRuleSet {
  const terms: string[] = [];
  const termIndex = new Map<string, number>();
  const intern = (term: string): number => {
    const key = asciiLowerCase(term.trim());
    let index = termIndex.get(key);
    if (index === undefined) {
      index = terms.length;
      terms.push(key);
      termIndex.set(key, index);
    }
    return index;
  };
  const internAll = (list: readonly string[]): number[] => [...new Set(list.map(intern))];

  const rules: CompiledRule[] = [];
  // Rules reachable from each term, so a post only evaluates rules one of its terms can satisfy.
  const rulesByTerm = new Map<number, Set<number>>();
  const alwaysEvaluated: number[] = [];
  for (const pack of packs) {
    for (const rule of pack.rules) {
      const near = rule.match.near?.map((expression): CompiledNear => {
        const parts = nearExpressionPattern.exec(expression);
        return { left: internAll((parts?.[1] ?? '').split('|')), right: internAll((parts?.[2] ?? '').split('|')), withinChars: Number(parts?.[3] ?? 0) };
      });
      const compiled: CompiledRule = {
        hit: { ruleId: `${pack.id}/${rule.id}`, packId: pack.id, packVersion: pack.version, ruleName: rule.name, category: rule.category ?? pack.category, severity: (rule.severity ?? pack.severity) satisfies Severity, ...(rule.role === 'signal' ? {} : { role: rule.role }) },
        fields: rule.fields,
        ...(rule.match.any ? { any: internAll(rule.match.any) } : {}),
        ...(rule.match.all ? { all: rule.match.all.map(internAll) } : {}),
        ...(rule.match.none ? { none: internAll(rule.match.none) } : {}),
        ...(near ? { near } : {}),
        ...(rule.match.regex ? { regex: rule.match.regex.map((source) => new RegExp(source, 'giu')) } : {}),
        exclude: internAll(rule.exclude),
        minNegativity: rule.minNegativity,
      };
      const ruleNumber = rules.push(compiled) - 1;
      // Any positive term condition gates the rule; regex-only rules run on every post.
      const gatingTerms = compiled.any ?? compiled.all?.[0] ?? (compiled.near?.[0] ? [...compiled.near[0].left] : undefined);
      if (!gatingTerms) alwaysEvaluated.push(ruleNumber);
      for (const term of gatingTerms ?? []) {
        const set = rulesByTerm.get(term) ?? new Set<number>();
        set.add(ruleNumber);
        rulesByTerm.set(term, set);
      }
    }
  }
  const automaton = terms.length > 0 ? new AhoCorasick(terms) : undefined;

  function findOccurrences(fields: RuleFields): Map<number, Occurrence[]> {
    const byTerm = new Map<number, Occurrence[]>();
    if (!automaton) return byTerm;
    for (const field of ['title', 'content', 'author'] as const) {
      const text = fields[field];
      if (!text) continue;
      for (const found of automaton.search(asciiLowerCase(text))) {
        const list = byTerm.get(found.patternIndex) ?? [];
        list.push({ field, start: found.start, end: found.end });
        byTerm.set(found.patternIndex, list);
      }
    }
    return byTerm;
  }

  function evaluate(rule: CompiledRule, byTerm: Map<number, Occurrence[]>, fields: RuleFields, negativity: number): RuleHit | undefined {
    if (negativity < rule.minNegativity) return undefined;
    const excluded = rule.exclude.flatMap((term) => byTerm.get(term) ?? []);
    // A match strictly inside an exclusion phrase does not count (反诈 keeps 诈 from counting; 未造成人员伤亡 keeps 造成人员伤亡).
    const isExcluded = (found: Occurrence): boolean => excluded.some((zone) => zone.field === found.field
      && zone.start <= found.start && zone.end >= found.end && zone.end - zone.start > found.end - found.start);
    const occurrencesOf = (term: number): MatchedTerm[] => (byTerm.get(term) ?? [])
      .filter((occurrence) => rule.fields.includes(occurrence.field) && !isExcluded(occurrence))
      .map((occurrence) => ({ term: terms[term] ?? '', ...occurrence }));
    const matches: MatchedTerm[] = [];
    if (rule.none?.some((term) => occurrencesOf(term).length > 0)) return undefined;
    if (rule.any) {
      const found = rule.any.flatMap(occurrencesOf);
      if (found.length === 0) return undefined;
      matches.push(...found);
    }
    for (const group of rule.all ?? []) {
      const found = group.flatMap(occurrencesOf);
      if (found.length === 0) return undefined;
      matches.push(...found);
    }
    for (const near of rule.near ?? []) {
      const left = near.left.flatMap(occurrencesOf);
      const right = near.right.flatMap(occurrencesOf);
      const pairs = left.flatMap((a) => right.filter((b) => b.field === a.field && !(a.start === b.start && a.end === b.end)
        && Math.max(a.start, b.start) - Math.min(a.end, b.end) <= near.withinChars).flatMap((b) => [a, b]));
      if (pairs.length === 0) return undefined;
      matches.push(...pairs);
    }
    if (rule.regex) {
      const found: MatchedTerm[] = [];
      for (const field of rule.fields) {
        const text = fields[field];
        if (!text) continue;
        for (const pattern of rule.regex) {
          for (const match of text.matchAll(pattern)) {
            const occurrence = { field, start: match.index, end: match.index + match[0].length };
            if (match[0] !== '' && !isExcluded(occurrence)) found.push({ term: match[0], ...occurrence });
          }
        }
      }
      if (found.length === 0) return undefined;
      matches.push(...found);
    }
    const unique = new Map(matches.map((item) => [`${item.field}:${item.start}:${item.end}`, item]));
    return { ...rule.hit, matches: [...unique.values()].sort((a, b) => a.field.localeCompare(b.field) || a.start - b.start) };
  }

  return {
    termCount: terms.length,
    ruleCount: rules.length,
    match(fields, negativity) {
      const byTerm = findOccurrences(fields);
      const candidates = new Set(alwaysEvaluated);
      for (const term of byTerm.keys()) for (const rule of rulesByTerm.get(term) ?? []) candidates.add(rule);
      const hits: RuleHit[] = [];
      for (const ruleNumber of [...candidates].sort((a, b) => a - b)) {
        const rule = rules[ruleNumber];
        const hit = rule && evaluate(rule, byTerm, fields, negativity);
        if (hit) hits.push(hit);
      }
      return hits;
    },
  };
}
