import { schedule, type ScheduledTask } from 'node-cron';
import type { Config } from '../config/config-schema.ts';
import type { SourceConfig } from '../config/sources-schema.ts';
import type { CrawlRunReport } from './crawl-run-report.ts';
import { crawlSource, type CrawlOptions } from './crawl-source.ts';

/** Options of the scheduler; `signal` is owned by the scheduler (use `stop()`). */
export interface SourceSchedulerOptions extends Omit<CrawlOptions, 'signal'> {
  /** Also run every source once right away instead of waiting for its first cron tick. */
  runImmediately?: boolean;
}

/** A running scheduler. */
export interface SourceScheduler {
  /** Runs one source now (outside its schedule); resolves undefined when it is already running. */
  runNow(sourceId: string): Promise<CrawlRunReport | undefined>;
  /** Stops scheduling, lets running runs finish their in-flight requests, closes their segments and saves state. Call it on SIGTERM. */
  stop(): Promise<void>;
}

/**
 * Schedules every enabled source with node-cron on its own `schedule` (in its `timeZone`). A source
 * never runs twice at once: a tick that arrives while the previous run goes on is skipped (also
 * across processes, through the run lock). Failures stay inside the source's run and health record.
 */
export function startSourceScheduler(config: Config, options: SourceSchedulerOptions): SourceScheduler {
  const { logger } = options;
  const shutdown = new AbortController();
  const running = new Map<string, Promise<CrawlRunReport | undefined>>();

  const trigger = (source: SourceConfig): Promise<CrawlRunReport | undefined> => {
    if (shutdown.signal.aborted) return Promise.resolve(undefined);
    const current = running.get(source.id);
    if (current) {
      logger.info({ sourceId: source.id }, 'previous run still going on; this tick is skipped');
      return Promise.resolve(undefined);
    }
    const started = crawlSource(source, config, { ...options, signal: shutdown.signal })
      .catch((error: unknown) => {
        logger.error({ err: error, sourceId: source.id }, 'source run crashed');
        return undefined;
      })
      .finally(() => running.delete(source.id));
    running.set(source.id, started);
    return started;
  };

  const sources = config.sources.filter((source) => source.enabled);
  const tasks: ScheduledTask[] = sources.map((source) => schedule(source.schedule, () => trigger(source), {
    name: `crawl:${source.id}`, timezone: source.timeZone, noOverlap: true,
  }));
  logger.info({ sources: sources.map((source) => `${source.id} (${source.schedule})`) }, 'source scheduler started');
  if (options.runImmediately) for (const source of sources) void trigger(source);

  return {
    runNow(sourceId) {
      const source = config.sources.find((candidate) => candidate.id === sourceId);
      if (!source) return Promise.reject(new Error(`unknown source id "${sourceId}"`));
      return trigger(source);
    },
    async stop() {
      await Promise.all(tasks.map(async (task) => task.destroy()));
      shutdown.abort();
      await Promise.allSettled([...running.values()]);
      logger.info('source scheduler stopped');
    },
  };
}
