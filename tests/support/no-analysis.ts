import type { PostAnalyzer } from '../../pipeline/post-analysis.ts';

/** An analyzer that computes nothing, for tests about storage alone: analysed fields are simply absent. */
export const noAnalysis: PostAnalyzer = { analyze: () => ({}), rescoreRisk: (document) => document.risk };
