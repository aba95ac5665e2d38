import type { Command } from 'commander';
import cron from 'node-cron';
import { startDemoSite, type DemoSite } from '../../demo/demo-site.ts';
import { applyRetention } from '../../pipeline/retention.ts';
import { cliContext, runAction } from '../cli-context.ts';
import { connectElasticsearch } from '../connect-elasticsearch.ts';
import { createPipeline } from '../create-pipeline.ts';

/** How often a non-empty Elasticsearch spool is tried again while running. */
const spoolRetryMillis = 15_000;

/** `yuqing start`: the whole product, scheduled — demo site (if enabled), crawlers, pipeline, retention. */
export function registerStartCommand(program: Command): void {
  program.command('start').description('run everything on schedule: crawl sources, analyse, index; Ctrl-C stops cleanly')
    .action(runAction(async (_options, command: Command) => {
      const context = cliContext(command);
      const { config, logger } = context;
      let demo: DemoSite | undefined;
      if (config.demo.enabled) {
        demo = await startDemoSite({ port: config.demo.port, newPostEveryMinutes: config.demo.newPostEveryMinutes });
        logger.info({ url: demo.url }, 'demo site of 青禾市 is serving');
      }
      const es = await connectElasticsearch(config, logger);
      const pipeline = await createPipeline(context, es.client);

      let pipelineRun: Promise<unknown> = Promise.resolve();
      const runPipeline = () => {
        pipelineRun = pipelineRun.then(async () => {
          const report = await pipeline.processRawSpool();
          if (report.read + report.replayed > 0) logger.info({ ...report }, 'pipeline run finished');
        }).catch((error: unknown) => logger.error({ err: error }, 'pipeline run failed'));
        return pipelineRun;
      };
      await runPipeline();

      const spoolTimer = setInterval(() => {
        if (!pipeline.spool.isEmpty()) void runPipeline();
      }, spoolRetryMillis);
      const retention = cron.schedule('17 3 * * *', async () => {
        const deleted = await applyRetention(es.client, pipeline.names, config.storage.retentionDays);
        if (deleted.length) logger.info({ deleted }, 'retention: deleted expired monthly indices');
      }, { timezone: config.pipeline.timeZone });

      const stopped = new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          logger.info({ signal }, 'stopping: finishing the current work');
          resolve();
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
      await stopped;
      clearInterval(spoolTimer);
      await retention.stop();
      await pipelineRun;
      await demo?.close();
      await es.release();
      logger.info('stopped');
    }));
}
