import type { Engagement } from '../crawlers/raw-post.ts';
import type { PostDocument } from './post-document.ts';

/** What the analysis stage receives for one post (text already normalised and redacted). */
export interface AnalysisInput {
  title?: string | undefined;
  content: string;
  authorName?: string | undefined;
  engagement?: Engagement | undefined;
  sourceWeight?: number | undefined;
}

/** The fields analysis contributes to a stored post; anything not computed is simply absent. */
export type PostAnalysis = Partial<Pick<PostDocument,
  'tokens' | 'keywords' | 'sentiment' | 'risk' | 'contentHash' | 'simhash' | 'simhashBands'>>;

/** Turns posts into tokens, keywords, sentiment and risk. */
export interface PostAnalyzer {
  analyze(input: AnalysisInput): PostAnalysis;
  /** The risk of an analysed post again, now that its story's growth is known (after event assignment). */
  rescoreRisk(document: PostDocument, storyGrowth: number): PostDocument['risk'];
}
