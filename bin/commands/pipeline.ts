import type { Command } from 'commander';
import { ensurePostIndices } from '../../pipeline/ensure-indices.ts';
import { applyRetention } from '../../pipeline/retention.ts';
import { cliContext, runAction } from '../cli-context.ts';
import { connectElasticsearch } from '../connect-elasticsearch.ts';
import { createPipeline } from '../create-pipeline.ts';
import { ProgressMeter } from '../progress-meter.ts';

/** `yuqing pipeline` (process the raw spool now) and `yuqing retention`. */
export function registerPipelineCommands(program: Command): void {
  program.command('pipeline').description('process the raw spool into Elasticsearch now (replaying the Elasticsearch spool first)')
    .action(runAction(async (_options, command: Command) => {
      const context = cliContext(command);
      const es = await connectElasticsearch(context.config, context.logger);
      try {
        const meter = new ProgressMeter('operations indexed');
        const pipeline = await createPipeline(context, es.client, { onProgress: (progress) => meter.update(progress.written, `${progress.spooled} spooled`) });
        const report = await pipeline.processRawSpool();
        meter.finish(report.postsCreated + report.postsUpdated, `${report.postsCreated} new, ${report.spooled} operations spooled, ${report.invalid + report.rejected} dead-lettered`);
        context.logger.info(report, 'pipeline run finished');
        await pipeline.close();
      } finally {
        await es.release();
      }
    }));

  program.command('retention').description('delete monthly indices older than storage.retentionDays')
    .option('--dry-run', 'only list what would be deleted')
    .action(runAction(async (options: { dryRun?: boolean }, command: Command) => {
      const context = cliContext(command);
      const es = await connectElasticsearch(context.config, context.logger);
      try {
        const names = await ensurePostIndices(es.client, context.config.elasticsearch);
        const expired = await applyRetention(es.client, names, context.config.storage.retentionDays, { dryRun: options.dryRun ?? false });
        process.stdout.write(expired.length ? `${options.dryRun ? 'would delete' : 'deleted'}: ${expired.join(', ')}\n` : 'nothing older than the retention period\n');
      } finally {
        await es.release();
      }
    }));
}
