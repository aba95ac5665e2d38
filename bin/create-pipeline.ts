import type { Client } from '@elastic/elasticsearch';
import { createPostAnalyzer } from '../pipeline/analyze-post.ts';
import { ensurePostIndices } from '../pipeline/ensure-indices.ts';
import { Pipeline, type PipelineOptions } from '../pipeline/run-pipeline.ts';
import type { CliContext } from './cli-context.ts';

/** Wires the pipeline from the config: indices, analysis, spool and dead letters. */
export async function createPipeline(context: Pick<CliContext, 'config' | 'logger'>, client: Client, extra: Partial<PipelineOptions> = {}): Promise<Pipeline> {
  const names = await ensurePostIndices(client, context.config.elasticsearch);
  return new Pipeline({ client, config: context.config, names, analyzer: createPostAnalyzer(context.config), logger: context.logger,
    analysisWorkers: context.config.pipeline.analysisWorkers, ...extra });
}
