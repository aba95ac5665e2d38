import { riskLevelRank, riskLevels } from '../../pipeline/post-document.ts';

export type RiskLevel = (typeof riskLevels)[number];

/** Chinese names of the risk levels, as alerts and digests print them. */
export const riskLevelNames: Record<RiskLevel, string> = { low: '低', medium: '中', high: '高', critical: '严重' };

/** The rank of a level (critical highest). */
export const rankOf = (level: RiskLevel): number => riskLevelRank[level];

/** Chinese names of spike dimensions. */
export const spikeDimensionNames = { rule: '规则', category: '风险类别', keyword: '关键词' } as const;
