import { describe, expect, it } from 'vitest';
import { parseAttributeValues } from './attribute-values.ts';
import { loadSentimentLexicon } from './sentiment-lexicon.ts';

describe('attribute-values.tsv', () => {
  it('parses groups and values; an attribute in several groups keeps each group’s values', () => {
    const table = parseAttributeValues('# comment\n@size\t房间 床\n@age\t房间 设施\nsize\t小\t-1\nage\t旧\t-1\n', 'test.tsv');
    expect(table.weightByValue.get('小')).toEqual(new Map([['房间', -1], ['床', -1]]));
    expect(table.weightByValue.get('旧')?.get('房间')).toBe(-1);
    expect(table.longestAttributeChars).toBe(2);
  });

  it('names the line of a malformed entry', () => {
    expect(() => parseAttributeValues('size\t小\t-1\n', 'a.tsv')).toThrow(/a\.tsv: line 1: group "size" is not defined above/u);
    expect(() => parseAttributeValues('@size\t房间\nsize\t小\t-9\n', 'b.tsv')).toThrow(/b\.tsv: line 2: the weight must be a number in -3\.\.3/u);
    expect(() => parseAttributeValues('@Size!\t房间\n', 'c.tsv')).toThrow(/c\.tsv: line 1: a group line/u);
    expect(() => parseAttributeValues('@size\t房间\nsize\t小\n', 'd.tsv')).toThrow(/d\.tsv: line 2: a value line/u);
  });

  it('ships a table in which no value word is also an attribute', () => {
    const lexicon = loadSentimentLexicon();
    const table = lexicon.attributeValues;
    expect(table.weightByValue.size).toBeGreaterThan(20);
    for (const value of table.weightByValue.keys()) expect(table.attributes.has(value)).toBe(false);
  });
});
