import { nearExpressionPattern, type Rule, type RulePack } from './pack-schema.ts';

/** Values for template placeholders, from config: `{organisation}` and `{service}`. */
export interface TemplateValues {
  organisation: readonly string[];
  service: readonly string[];
}

const placeholderPattern = /\{(organisation|service)\}/g;

/** Expands one term into every combination of placeholder values; [] when a placeholder has none. */
export function expandTerm(term: string, values: TemplateValues): string[] {
  let expanded = [term];
  for (const name of ['organisation', 'service'] as const) {
    const token = `{${name}}`;
    if (!term.includes(token)) continue;
    expanded = expanded.flatMap((partial) => values[name].filter((value) => value.trim() !== '').map((value) => partial.split(token).join(value.trim())));
  }
  return [...new Set(expanded)];
}

const expandTerms = (terms: readonly string[], values: TemplateValues): string[] => [...new Set(terms.flatMap((term) => expandTerm(term, values)))];

function expandNear(expression: string, values: TemplateValues): string | undefined {
  const match = nearExpressionPattern.exec(expression);
  if (!match) return expression;
  const left = expandTerms((match[1] ?? '').split('|'), values);
  const right = expandTerms((match[2] ?? '').split('|'), values);
  if (left.length === 0 || right.length === 0) return undefined;
  return `near(${left.join('|')}, ${right.join('|')}, ${match[3]})`;
}

function expandRule(rule: Rule, values: TemplateValues): Rule | undefined {
  const { any, all, none, near, regex } = rule.match;
  const expandedAny = any && expandTerms(any, values);
  const expandedAll = all?.map((group) => expandTerms(group, values));
  const expandedNear = near?.map((expression) => expandNear(expression, values));
  // A condition whose placeholder has no value cannot be satisfied: the rule is inactive.
  if (expandedAny?.length === 0 || expandedAll?.some((group) => group.length === 0) || expandedNear?.some((expression) => expression === undefined)) return undefined;
  const expandedNone = none && expandTerms(none, values);
  return {
    ...rule,
    exclude: expandTerms(rule.exclude, values),
    match: {
      ...(expandedAny ? { any: expandedAny } : {}),
      ...(expandedAll ? { all: expandedAll } : {}),
      ...(expandedNone && expandedNone.length > 0 ? { none: expandedNone } : {}),
      ...(expandedNear ? { near: expandedNear.filter((expression): expression is string => expression !== undefined) } : {}),
      ...(regex ? { regex } : {}),
    },
  };
}

/** True when any term of the pack uses a placeholder. */
export function usesPlaceholders(pack: RulePack): boolean {
  placeholderPattern.lastIndex = 0;
  return placeholderPattern.test(JSON.stringify(pack.rules));
}

/**
 * Fills `{organisation}` / `{service}` in a pack's terms; rules whose placeholders have no values are
 * dropped, and a pack left with no rules is returned as undefined (a template with no names configured).
 */
export function expandTemplatePack(pack: RulePack, values: TemplateValues): RulePack | undefined {
  const rules = pack.rules.map((rule) => expandRule(rule, values)).filter((rule): rule is Rule => rule !== undefined);
  if (rules.length === 0) return undefined;
  return { ...pack, rules, dictionaryTerms: expandTerms(pack.dictionaryTerms, values) };
}
