import { z } from 'zod';
import type { Token } from '../segmentation/segmenter.ts';

/**
 * Attribute–value polarity (lexicon/attribute-values.tsv): words such as 高, 小, 快 whose sentiment
 * depends on what they describe. A value counts only after an attribute of a group that gives it a
 * direction: 价格很高 is a complaint, 质量很高 praise.
 */
export interface AttributeValueTable {
  /** value → attribute → weight; an attribute may sit in several groups (房间: size and age). */
  weightByValue: Map<string, Map<string, number>>;
  /** Every attribute word, to read fused tokens (价格便宜 = 价格 + 便宜). */
  attributes: Set<string>;
  longestAttributeChars: number;
  /** Last characters of the values: most tokens end in none of them, which rules them out at once. */
  valueEndings: Set<string>;
}

const groupNameSchema = z.string().regex(/^[a-z][a-z-]*$/u, 'a group name is lower-case latin letters');

/** Parses attribute-values.tsv; throws with the line on anything malformed or a group used before it is defined. */
export function parseAttributeValues(text: string, sourceName: string): AttributeValueTable {
  const membersByGroup = new Map<string, string[]>();
  const weightByValue = new Map<string, Map<string, number>>();
  const attributes = new Set<string>();
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  lines.forEach((line, index) => {
    if (line === '' || line.startsWith('#')) return;
    const fail = (why: string): never => {
      throw new Error(`${sourceName}: line ${index + 1}: ${why}: ${JSON.stringify(line)}`);
    };
    const fields = line.split('\t');
    if (line.startsWith('@')) {
      const [name, members, ...rest] = fields;
      const group = groupNameSchema.safeParse(name?.slice(1));
      if (!group.success || !members || rest.length > 0) fail('a group line is "@group<TAB>attribute words"');
      const words = (members ?? '').split(/\s+/u).filter(Boolean);
      membersByGroup.set(name?.slice(1) ?? '', words);
      for (const word of words) attributes.add(word);
      return;
    }
    const [group, value, weightText, ...rest] = fields;
    if (!group || !value || weightText === undefined || rest.length > 0) fail('a value line is "group<TAB>value<TAB>weight"');
    const members = membersByGroup.get(group ?? '') ?? fail(`group ${JSON.stringify(group)} is not defined above`);
    // The -3..3 scale of the word lexicon (sentimentWeightSchema), checked here to keep this file free of imports from it.
    const weight = Number(weightText);
    if (weightText === '' || !Number.isFinite(weight) || Math.abs(weight) > 3) fail('the weight must be a number in -3..3');
    const byAttribute = weightByValue.get(value ?? '') ?? new Map<string, number>();
    for (const attribute of members) byAttribute.set(attribute, weight);
    weightByValue.set(value ?? '', byAttribute);
  });
  let longestAttributeChars = 0;
  for (const attribute of attributes) longestAttributeChars = Math.max(longestAttributeChars, attribute.length);
  const valueEndings = new Set([...weightByValue.keys()].map((value) => value.at(-1) ?? ''));
  return { weightByValue, attributes, longestAttributeChars, valueEndings };
}

/** How far before its value an attribute may stand, in tokens (离 / 地铁站 / 很 / 近). */
const attributeReachTokens = 4;

/** The nearest attribute before token `index` in its clause, within reach; it alone decides the value's weight. */
export function findAttributeBefore(tokens: readonly Token[], index: number, table: AttributeValueTable, sameClause: (a: number, b: number) => boolean): string | undefined {
  for (let before = index - 1; before >= 0 && index - before <= attributeReachTokens && sameClause(before, index); before -= 1) {
    const text = tokens[before]?.text ?? '';
    // In 房间很干净价格也不高 the 价格 owns 高, not the 房间 before it.
    if (table.attributes.has(text)) return text;
  }
  return undefined;
}

/** A fused token that jieba keeps whole (价格便宜, 房间太小): the attribute, and the rest after it. */
export function splitFusedAttribute(text: string, table: AttributeValueTable): { attribute: string; rest: string } | undefined {
  for (let length = Math.min(table.longestAttributeChars, text.length - 1); length >= 1; length -= 1) {
    const attribute = text.slice(0, length);
    if (table.attributes.has(attribute)) return { attribute, rest: text.slice(length) };
  }
  return undefined;
}
