import type { Command } from 'commander';
import { crawlSources } from '../../crawlers/crawl-sources.ts';
import { createSourceHealthAlerter } from '../../dashboards/alerts/source-health-alert.ts';
import { cliContext, runAction } from '../cli-context.ts';
import { connectElasticsearch } from '../connect-elasticsearch.ts';
import { createPipeline } from '../create-pipeline.ts';
import { ProgressMeter } from '../progress-meter.ts';
import { alertOnSourceHealth } from '../source-health-alerts.ts';

/** `yuqing crawl`: one pass over the sources now, then the pipeline over what they wrote. */
export function registerCrawlCommand(program: Command): void {
  program.command('crawl').description('crawl the enabled sources (or the given ones) once, then index what they found')
    .argument('[sources...]', 'source ids (default: every enabled source)')
    .option('--no-index', 'only write the raw spool; index later with `yuqing pipeline` or `yuqing start`')
    .action(runAction(async (sourceIds: string[], options: { index: boolean }, command: Command) => {
      const { config, logger } = cliContext(command);
      const controller = new AbortController();
      process.once('SIGINT', () => controller.abort());
      process.once('SIGTERM', () => controller.abort());
      let posts = 0;
      const meter = new ProgressMeter('posts crawled');
      const sourceAlerts = config.alerts.enabled ? createSourceHealthAlerter({ config, logger }) : undefined;
      const alertSourceHealth = sourceAlerts ? alertOnSourceHealth(sourceAlerts, config, logger) : undefined;
      const reports = await crawlSources(config, {
        logger, signal: controller.signal, ...(sourceIds.length > 0 ? { sourceIds } : {}),
        onRunFinished: async (report) => {
          posts += report.postsWritten;
          meter.update(posts, `${report.sourceId}: ${report.state}`);
          await alertSourceHealth?.(report);
        },
      });
      sourceAlerts?.close();
      meter.finish(posts);
      for (const report of reports) {
        process.stdout.write(`${report.sourceId}\t${report.state}\t${report.postsWritten} posts\t${report.pagesFetched} pages${report.error ? `\t${report.error.reason}: ${report.error.message}` : ''}${report.advice ? `\twhat to do: ${report.advice}` : ''}\n`);
      }
      if (!options.index) return;
      const es = await connectElasticsearch(config, logger);
      try {
        const pipeline = await createPipeline({ config, logger }, es.client);
        const indexed = new ProgressMeter('posts indexed', posts || undefined);
        const report = await pipeline.processRawSpool();
        await pipeline.close();
        indexed.finish(report.postsCreated + report.postsUpdated, `${report.postsCreated} new, ${report.spooled} operations spooled, ${report.eventsUpdated} events, ${report.spikesDetected} spikes`);
      } finally {
        await es.release();
      }
      if (reports.some((report) => report.status !== 'ok')) process.exitCode = 1;
    }));
}
