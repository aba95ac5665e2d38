import { resolve } from 'node:path';
import type { Config } from '../config/config-schema.ts';
import { createAnalyzer, type AnalyzerOptionsInput } from '../rules/analyzer.ts';
import { scoreRisk } from '../rules/risk/risk-score.ts';
import type { RuleHit } from '../rules/risk/rule-hit.ts';
import type { PostAnalyzer } from './post-analysis.ts';
import { riskLevelRank, type PostDocument } from './post-document.ts';

const distinct = <T>(values: T[]): T[] => [...new Set(values)];

function riskFields(score: number, level: keyof typeof riskLevelRank, hits: RuleHit[], breakdown: Record<string, unknown>): NonNullable<PostDocument['risk']> {
  return {
    score, level, levelRank: riskLevelRank[level],
    ruleIds: distinct(hits.map((hit) => hit.ruleId)),
    packIds: distinct(hits.map((hit) => hit.packId)),
    categories: distinct(hits.map((hit) => hit.category)),
    hits, breakdown,
  };
}

/** The rule engine's options from the config's `analysis` section (paths resolved against the working directory). */
export function analyzerOptionsFromConfig(config: Config): AnalyzerOptionsInput {
  const { analysis } = config;
  return {
    organisationNames: analysis.organisationNames,
    serviceNames: analysis.serviceNames,
    userDictionaryTerms: analysis.userDictionaryTerms,
    extraStopWords: analysis.extraStopWords,
    keywordCount: analysis.keywordCount,
    includeBuiltInPacks: analysis.includeBuiltInPacks,
    extraPackDirectories: analysis.extraPackDirectories.map((dir) => resolve(dir)),
    disabledPacks: analysis.disabledPacks,
    sentimentLexiconFiles: analysis.sentimentLexiconFiles.map((file) => resolve(file)),
    sentimentWords: analysis.sentimentWords,
    sentimentNeutralBand: analysis.sentimentNeutralBand,
    sentimentSaturation: analysis.sentimentSaturation,
    riskWeights: analysis.riskWeights,
    simhashBands: 4,
  };
}

/** The analysis stage on the rule engine of rules/, configured from the `analysis` section. */
export function createPostAnalyzer(config: Config): PostAnalyzer {
  const analyzer = createAnalyzer(analyzerOptionsFromConfig(config));
  const weights = analyzer.options.riskWeights;
  return {
    analyze(input) {
      const result = analyzer.analyze({
        ...(input.title ? { title: input.title } : {}),
        content: input.content,
        ...(input.authorName ? { author: input.authorName } : {}),
        ...(input.engagement ? { engagement: input.engagement } : {}),
        ...(input.sourceWeight !== undefined ? { sourceWeight: input.sourceWeight } : {}),
      });
      return {
        // Stored for exact term search: each distinct token once.
        tokens: distinct(result.tokens),
        keywords: result.keywords.map((keyword) => keyword.word),
        sentiment: result.sentiment,
        risk: riskFields(result.risk.score, result.risk.level, result.risk.hits, result.risk.breakdown),
        contentHash: result.contentHash,
        simhash: result.simhash,
        simhashBands: result.simhashBands,
      };
    },
    rescoreRisk(document, storyGrowth) {
      if (!document.risk || !document.sentiment) return document.risk;
      const hits = document.risk.hits as RuleHit[];
      const risk = scoreRisk(hits, {
        negativity: Math.max(0, -document.sentiment.score),
        ...(document.engagement ? { engagement: document.engagement } : {}),
        ...(document.sourceWeight !== undefined ? { sourceWeight: document.sourceWeight } : {}),
        storyGrowth,
      }, weights);
      return riskFields(risk.score, risk.level, hits, risk.breakdown);
    },
  };
}
