import { describe, expect, it } from 'vitest';
import { analysisSchema } from '../config/analysis-schema.ts';
import { analyzerOptionsSchema } from '../rules/analyzer-options.ts';
import { spikeOptionsSchema } from '../rules/spikes/detect-spike.ts';

// config/ mirrors the engine's options because it may not import rules/; this keeps the copies honest.
describe('the analysis section of the config', () => {
  const config = analysisSchema.parse({});
  const engine = analyzerOptionsSchema.parse({});

  it('has the same defaults as the rule engine for every option it mirrors', () => {
    const mirrored = ['organisationNames', 'serviceNames', 'userDictionaryTerms', 'extraStopWords', 'keywordCount', 'includeBuiltInPacks',
      'extraPackDirectories', 'disabledPacks', 'sentimentLexiconFiles', 'sentimentWords', 'sentimentNeutralBand', 'sentimentSaturation', 'riskWeights'] as const;
    for (const key of mirrored) expect(config[key], key).toEqual(engine[key]);
  });

  it('has the same spike defaults as the spike detector', () => {
    const { dimensions: _dimensions, topKeywords: _topKeywords, ...detector } = config.spikes;
    expect(detector).toEqual(spikeOptionsSchema.parse({}));
  });

  it('accepts exactly what the engine accepts for risk weights', () => {
    const weights = { severityPoints: { critical: 90 }, levelThresholds: { high: 45 } };
    expect(analyzerOptionsSchema.parse({ riskWeights: analysisSchema.parse({ riskWeights: weights }).riskWeights }).riskWeights)
      .toEqual(analysisSchema.parse({ riskWeights: weights }).riskWeights);
  });
});
