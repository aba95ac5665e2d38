import { parentPort } from 'node:worker_threads';
import type { Config } from '../config/config-schema.ts';
import type { RawPost } from '../crawlers/raw-post.ts';
import { createPostAnalyzer } from './analyze-post.ts';
import { buildContextFor, buildPostOperation, type BuildContext } from './build-post.ts';
import { indexNames } from './post-document.ts';
import type { PreparedPost } from './prepared-post.ts';

/** Messages a worker accepts: its config once, then batches of raw posts. */
export type AnalysisRequest = { kind: 'init'; config: Config } | { kind: 'batch'; id: number; posts: RawPost[] };
/** One result per post of a batch, in order: the prepared post, or why it could not be analysed. */
export type AnalysisResult = { prepared: PreparedPost } | { error: string; post: RawPost };
export interface AnalysisResponse { id: number; results: AnalysisResult[] }

let context: BuildContext | undefined;

parentPort?.on('message', (request: AnalysisRequest) => {
  if (request.kind === 'init') {
    context = buildContextFor(request.config, indexNames(request.config.elasticsearch.indexPrefix), createPostAnalyzer(request.config));
    return;
  }
  const results = request.posts.map((post): AnalysisResult => {
    try {
      return { prepared: buildPostOperation(post, context!) };
    } catch (error) {
      return { error: (error as Error).message, post };
    }
  });
  parentPort!.postMessage({ id: request.id, results } satisfies AnalysisResponse);
});
