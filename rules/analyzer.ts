import { analyzerOptionsSchema, type AnalyzerOptions, type AnalyzerOptionsInput } from './analyzer-options.ts';
import type { Analysis, AnalyzeInput } from './analysis.ts';
import { contentHash } from './dedupe/content-hash.ts';
import { simhash64, simhashBandKeys } from './dedupe/simhash.ts';
import { simhashFeatures } from './dedupe/simhash-features.ts';
import { compileRulePacks, type CompiledRuleSet } from './risk/compile-rules.ts';
import { expandTemplatePack, usesPlaceholders } from './risk/expand-template.ts';
import { builtInPacksDirectory, loadPacks } from './risk/load-packs.ts';
import type { RulePack } from './risk/pack-schema.ts';
import { scoreRisk } from './risk/risk-score.ts';
import { createJiebaSegmenter } from './segmentation/jieba-segmenter.ts';
import type { Segmenter, Token } from './segmentation/segmenter.ts';
import { collectSentimentEvidence, summariseSentiment } from './sentiment/score-sentiment.ts';
import { loadSentimentLexicon, type SentimentLexicon } from './sentiment/sentiment-lexicon.ts';

export type { AnalyzerOptions, AnalyzerOptionsInput } from './analyzer-options.ts';
export type { Analysis, AnalyzeInput } from './analysis.ts';

/** A ready analyzer: everything is loaded and compiled once; `analyze` is synchronous and pure. */
export interface Analyzer {
  /** Tokens, keywords, sentiment with evidence, risk with hits, and the duplicate-detection hashes of one post. */
  analyze(input: AnalyzeInput): Analysis;
  /** The options in force, defaults filled. */
  readonly options: AnalyzerOptions;
  /** The active packs (templates expanded), for listing and audits. */
  readonly packs: readonly RulePack[];
  readonly segmenter: Segmenter;
  readonly lexicon: SentimentLexicon;
  readonly ruleSet: CompiledRuleSet;
}

/** Packs selected by the options, with template placeholders filled from the configured names. */
export function resolvePacks(options: AnalyzerOptions): RulePack[] {
  const directories = [...(options.includeBuiltInPacks ? [builtInPacksDirectory] : []), ...options.extraPackDirectories];
  const values = { organisation: options.organisationNames, service: options.serviceNames };
  return loadPacks(directories)
    .map(({ pack }) => pack)
    .filter((pack) => !options.disabledPacks.includes(pack.id))
    .map((pack) => (pack.template || usesPlaceholders(pack) ? expandTemplatePack(pack, values) : pack))
    .filter((pack): pack is RulePack => pack !== undefined);
}

const outputTokenKinds = new Set<Token['kind']>(['word', 'number', 'emoticon', 'emoji']);

/** Builds an analyzer from plain-data options (validated; throws listing every invalid option or pack). */
export function createAnalyzer(optionsInput: AnalyzerOptionsInput = {}): Analyzer {
  const options = analyzerOptionsSchema.parse(optionsInput);
  const packs = resolvePacks(options);
  const segmenter = createJiebaSegmenter({
    userDictionaryTerms: [...options.userDictionaryTerms, ...options.organisationNames, ...options.serviceNames, ...packs.flatMap((pack) => pack.dictionaryTerms)],
    extraStopWords: options.extraStopWords,
  });
  const lexicon = loadSentimentLexicon({ extraLexiconFiles: options.sentimentLexiconFiles, extraWords: options.sentimentWords });
  const ruleSet = compileRulePacks(packs);
  const scoring = { neutralBand: options.sentimentNeutralBand, saturation: options.sentimentSaturation };

  function analyze(input: AnalyzeInput): Analysis {
    const title = input.title ?? '';
    const titleTokens = title === '' ? [] : segmenter.tokenize(title);
    const contentTokens = segmenter.tokenize(input.content);
    const allTokens = [...titleTokens, ...contentTokens];
    const sentiment = summariseSentiment([
      ...collectSentimentEvidence(titleTokens, lexicon, 'title'),
      ...collectSentimentEvidence(contentTokens, lexicon, 'content'),
    ], scoring);
    const negativity = Math.max(0, -sentiment.score);
    const hits = ruleSet.match({ title, content: input.content, author: input.author ?? '' }, negativity);
    const risk = scoreRisk(hits, { negativity, engagement: input.engagement, sourceWeight: input.sourceWeight, storyGrowth: input.storyGrowth }, options.riskWeights);
    // Content only: the same text travels with different titles (or none) across sites and reposts.
    const simhash = simhash64(simhashFeatures(contentTokens.length > 0 ? contentTokens : titleTokens, segmenter));
    return {
      tokens: allTokens.filter((token) => outputTokenKinds.has(token.kind)).map((token) => token.text),
      keywords: segmenter.extractKeywords(allTokens, options.keywordCount),
      sentiment,
      risk: { score: risk.score, level: risk.level, hits, breakdown: risk.breakdown },
      contentHash: contentHash(input.content),
      simhash,
      simhashBands: simhashBandKeys(simhash, options.simhashBands),
    };
  }

  return { analyze, options, packs, segmenter, lexicon, ruleSet };
}
