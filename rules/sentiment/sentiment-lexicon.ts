import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseAttributeValues, type AttributeValueTable } from './attribute-values.ts';

const lexiconDirectoryUrl = new URL('./lexicon/', import.meta.url);

/** Built-in word lexicon files, in load order (later files override earlier entries). */
export const builtInWordLexiconFiles = ['derived.tsv', 'core.tsv', 'review.tsv', 'internet.tsv', 'emoticons.tsv', 'emoji.tsv'] as const;

/** A sentiment weight: signed, -3 (strongly negative) … +3 (strongly positive). */
export const sentimentWeightSchema = z.number().min(-3).max(3);

/** Roles of clause-structure markers (see lexicon/structure-markers.tsv). */
export const structureMarkerRoleSchema = z.enum(['adversative', 'mild-adversative', 'concessive', 'rhetorical', 'indignant', 'counter-expectation', 'summary', 'minor-flaw', 'irrealis']);
/** Role of a clause-structure marker. */
export type StructureMarkerRole = z.infer<typeof structureMarkerRoleSchema>;

/** Everything the scorer looks up: word weights, negators, degree adverbs and structure markers. */
export interface SentimentLexicon {
  weightByWord: Map<string, number>;
  negators: Set<string>;
  degreeByAdverb: Map<string, number>;
  roleByMarker: Map<string, StructureMarkerRole>;
  /** Words whose sentiment depends on the attribute they describe (价格高 vs 质量高). */
  attributeValues: AttributeValueTable;
  /** Longest entry measured in characters; bounds the multi-token lookup. */
  longestEntryChars: number;
}

/** Options for loading the lexicon; user files use the same formats as the built-in ones. */
export interface SentimentLexiconOptions {
  /** Extra `word<TAB>weight` files (absolute paths), loaded after the built-in ones so they override them. */
  extraLexiconFiles?: readonly string[];
  /** Inline word weights, applied last (config-supplied words: brand slang, product nicknames). */
  extraWords?: Readonly<Record<string, number>>;
}

function contentLines(text: string): string[] {
  return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
}

/** Parses a `word<TAB>value` file; throws with file name and line on malformed rows so users can fix their files. */
export function parseTabSeparatedEntries(text: string, sourceName: string): [string, string][] {
  return contentLines(text).map((line, index) => {
    const [word, value, ...rest] = line.split('\t');
    if (word === undefined || value === undefined || word === '' || rest.length > 1) {
      throw new Error(`${sourceName}: line ${index + 1} (not comments) must be "word<TAB>value": ${JSON.stringify(line)}`);
    }
    return [word, value.trim()];
  });
}

/** Parses a word-weight lexicon file, validating every weight against the -3..3 scale. */
export function parseWordLexicon(text: string, sourceName: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const [word, value] of parseTabSeparatedEntries(text, sourceName)) {
    const parsed = sentimentWeightSchema.safeParse(Number(value));
    if (!parsed.success || value === '') throw new Error(`${sourceName}: weight of ${JSON.stringify(word)} must be a number in -3..3, got ${JSON.stringify(value)}`);
    weights.set(word, parsed.data);
  }
  return weights;
}

function readBuiltIn(name: string): string {
  return readFileSync(new URL(name, lexiconDirectoryUrl), 'utf8');
}

/** Loads the built-in lexicon files plus user files and inline words. */
export function loadSentimentLexicon(options: SentimentLexiconOptions = {}): SentimentLexicon {
  const weightByWord = new Map<string, number>();
  const sources: [string, string][] = [
    ...builtInWordLexiconFiles.map((name): [string, string] => [readBuiltIn(name), name]),
    ...(options.extraLexiconFiles ?? []).map((path): [string, string] => [readFileSync(path, 'utf8'), path]),
  ];
  for (const [text, name] of sources) {
    for (const [word, weight] of parseWordLexicon(text, name)) weightByWord.set(word, weight);
  }
  for (const [word, weight] of Object.entries(options.extraWords ?? {})) {
    weightByWord.set(word, sentimentWeightSchema.parse(weight));
  }

  const negators = new Set(contentLines(readBuiltIn('negations.txt')));
  const degreeByAdverb = new Map(
    parseTabSeparatedEntries(readBuiltIn('degree.tsv'), 'degree.tsv').map(([word, value]) => [word, z.number().positive().max(3).parse(Number(value))]),
  );
  const roleByMarker = new Map(
    parseTabSeparatedEntries(readBuiltIn('structure-markers.tsv'), 'structure-markers.tsv').map(([word, value]) => [word, structureMarkerRoleSchema.parse(value)]),
  );
  const attributeValues = parseAttributeValues(readBuiltIn('attribute-values.tsv'), 'attribute-values.tsv');
  let longestEntryChars = 0;
  for (const word of weightByWord.keys()) longestEntryChars = Math.max(longestEntryChars, word.length);
  return { weightByWord, negators, degreeByAdverb, roleByMarker, attributeValues, longestEntryChars };
}
