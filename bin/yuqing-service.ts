import type { Logger } from 'pino';
import cron from 'node-cron';
import type { Config } from '../config/config-schema.ts';
import type { CrawlRunReport } from '../crawlers/crawl-run-report.ts';
import { startSourceScheduler, type SourceScheduler } from '../crawlers/source-scheduler.ts';
import { startDemoSite, type DemoSite } from '../demo/demo-site.ts';
import type { PipelineReport } from '../pipeline/run-pipeline.ts';
import { applyRetention } from '../pipeline/retention.ts';
import { createAlertDispatcher } from '../dashboards/alerts/alert-dispatcher.ts';
import { createSourceHealthAlerter } from '../dashboards/alerts/source-health-alert.ts';
import { startDigestScheduler } from '../dashboards/digests/digest-scheduler.ts';
import { serveReviewApp } from './commands/serve.ts';
import { connectElasticsearch, type ElasticsearchConnection } from './connect-elasticsearch.ts';
import { createPipeline } from './create-pipeline.ts';
import { alertOnSourceHealth } from './source-health-alerts.ts';
import { sourceHealthProvider } from './source-health-provider.ts';

/** How often a non-empty Elasticsearch spool is tried again while running. */
const spoolRetryMillis = 15_000;

export interface YuqingServiceOptions {
  /** Where the review app prints its URL and a newly created administrator's password (stdout by default). */
  write?: (text: string) => void;
  /** Run every source once at start instead of waiting for its first scheduled tick. */
  crawlAtStart?: boolean;
  /** Called after each pipeline cycle (a crawl run's posts are indexed, events and spikes updated). */
  onCycle?: (report: PipelineReport, run: CrawlRunReport | undefined) => void | Promise<void>;
}

/** The running product. */
export interface YuqingService {
  es: ElasticsearchConnection;
  demoUrl: string | undefined;
  /** The review app's URL, when `review.enabled`. */
  reviewUrl: string | undefined;
  scheduler: SourceScheduler;
  /** Resolves when every pipeline cycle queued so far has finished. */
  idle(): Promise<void>;
  /** Stops scheduling, finishes the current work, closes servers and (if we started it) the local node. */
  stop(): Promise<void>;
}

/**
 * The composition root of `yuqing start`: demo site (if enabled), Elasticsearch (ES_URL or the local node),
 * the pipeline, the source scheduler whose every finished run triggers a pipeline cycle followed by an alert
 * check, spool replay, nightly retention, the review app and the digest schedule.
 */
export async function startYuqing(config: Config, logger: Logger, options: YuqingServiceOptions = {}): Promise<YuqingService> {
  let demo: DemoSite | undefined;
  if (config.demo.enabled) {
    demo = await startDemoSite({ port: config.demo.port, newPostEveryMinutes: config.demo.newPostEveryMinutes });
    logger.info({ url: demo.url }, 'demo site of 青禾市 is serving');
  }
  const es = await connectElasticsearch(config, logger);
  const pipeline = await createPipeline({ config, logger }, es.client);
  const alerts = config.alerts.enabled ? createAlertDispatcher({ client: es.client, config, logger }) : undefined;
  const sourceAlerts = config.alerts.enabled ? createSourceHealthAlerter({ config, logger }) : undefined;
  const alertSourceHealth = sourceAlerts ? alertOnSourceHealth(sourceAlerts, config, logger) : undefined;

  // One cycle at a time: runs finishing together queue up instead of racing on the same segments.
  let cycles: Promise<void> = Promise.resolve();
  const runCycle = (run: CrawlRunReport | undefined) => {
    cycles = cycles.then(async () => {
      const report = await pipeline.processRawSpool();
      if (report.read + report.replayed + report.spooled > 0) {
        logger.info({ source: run?.sourceId, posts: report.read, new: report.postsCreated, updated: report.postsUpdated, spooled: report.spooled,
          events: report.eventsUpdated, spikes: report.spikesDetected, millis: report.durationMillis }, 'pipeline cycle finished');
      }
      // Alerts right after every cycle: a high-risk post is announced within one pipeline cycle, and held or
      // failed alerts (quiet hours, a channel that was down) go out on the next cycle even without new posts.
      if (alerts) {
        const sent = await alerts.checkAndNotify();
        if (sent.sent > 0 || sent.failed > 0) logger.info({ sent: sent.sent, failed: sent.failed, suppressed: sent.suppressed, held: sent.held }, 'alerts checked');
      }
      await options.onCycle?.(report, run);
    }).catch((error: unknown) => logger.error({ err: error }, 'pipeline cycle failed'));
    return cycles;
  };
  await runCycle(undefined);

  const scheduler = startSourceScheduler(config, { logger, runImmediately: options.crawlAtStart ?? true, onRunFinished: (run) => {
    void runCycle(run);
    void alertSourceHealth?.(run);
  } });
  const spoolTimer = setInterval(() => {
    if (!pipeline.spool.isEmpty()) void runCycle(undefined);
  }, spoolRetryMillis);
  const retention = cron.schedule('17 3 * * *', async () => {
    const deleted = await applyRetention(es.client, pipeline.names, config.storage.retentionDays);
    if (deleted.length) logger.info({ deleted }, 'retention: deleted expired monthly indices');
  }, { timezone: config.pipeline.timeZone });

  const review = config.review.enabled ? await serveReviewApp(es.client, config, logger, options.write, sourceHealthProvider(config, logger, scheduler)) : undefined;
  const digests = startDigestScheduler({ client: es.client, config, logger });

  return {
    es,
    demoUrl: demo?.url,
    reviewUrl: review?.url,
    scheduler,
    idle: () => cycles,
    async stop() {
      await scheduler.stop();
      clearInterval(spoolTimer);
      await retention.stop();
      await runCycle(undefined);
      await pipeline.close();
      await digests.stop();
      await review?.close();
      alerts?.close();
      sourceAlerts?.close();
      await demo?.close();
      await es.release();
    },
  };
}
