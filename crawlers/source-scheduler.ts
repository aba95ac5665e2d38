import { schedule, type ScheduledTask } from 'node-cron';
import type { Config } from '../config/config-schema.ts';
import type { SourceConfig } from '../config/sources-schema.ts';
import type { CrawlRunReport } from './crawl-run-report.ts';
import { crawlSource, type CrawlOptions } from './crawl-source.ts';
import { hasMissedSlot } from './missed-schedule.ts';
import { readSourceHealth } from './source-health.ts';

/** Options of the scheduler; `signal` is owned by the scheduler (use `stop()`). */
export interface SourceSchedulerOptions extends Omit<CrawlOptions, 'signal' | 'trigger'> {
  /** Also run every source once right away instead of waiting for its first cron tick. */
  runImmediately?: boolean;
  /**
   * Without `runImmediately`: run once at start every source whose scheduled time passed since its last
   * run (yuqing was down), not once per missed slot. Default true.
   */
  catchUp?: boolean;
}

/** A running scheduler. */
export interface SourceScheduler {
  /** Runs one source now (outside its schedule, paused or backing off); resolves undefined when it is already running. */
  runNow(sourceId: string): Promise<CrawlRunReport | undefined>;
  /** True while a run of the source is going on in this process. */
  isRunning(sourceId: string): boolean;
  /** Stops scheduling, lets running runs finish their in-flight requests, closes their segments and saves state. Call it on SIGTERM. */
  stop(): Promise<void>;
}

/**
 * Schedules every enabled source with node-cron on its own `schedule` (in its `timeZone`). A source
 * never runs twice at once: a tick that arrives while the previous run goes on is skipped (also
 * across processes, through the run lock). Failures stay inside the source's run and health record.
 * Slots missed while yuqing was down (checked at start against the last run) or while the host slept
 * (node-cron's `execution:missed`) are caught up by one run, not one per slot. Scheduled runs respect a
 * pause and a blocked source's back-off; `runNow` does not.
 */
export function startSourceScheduler(config: Config, options: SourceSchedulerOptions): SourceScheduler {
  const { logger } = options;
  const shutdown = new AbortController();
  const running = new Map<string, Promise<CrawlRunReport | undefined>>();

  const trigger = (source: SourceConfig, how: 'schedule' | 'manual' = 'schedule'): Promise<CrawlRunReport | undefined> => {
    if (shutdown.signal.aborted) return Promise.resolve(undefined);
    const current = running.get(source.id);
    if (current) {
      logger.info({ sourceId: source.id }, 'previous run still going on; this tick is skipped');
      return Promise.resolve(undefined);
    }
    const started = crawlSource(source, config, { ...options, signal: shutdown.signal, trigger: how })
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
  for (const [index, task] of tasks.entries()) {
    // One catch-up run for however many slots the sleep swallowed: node-cron reports each slot, `trigger` skips while one runs.
    task.on('execution:missed', () => {
      logger.info({ sourceId: sources[index]!.id }, 'a scheduled run was missed (the host slept?); catching up once');
      void trigger(sources[index]!);
    });
  }
  logger.info({ sources: sources.map((source) => `${source.id} (${source.schedule})`) }, 'source scheduler started');
  if (options.runImmediately) for (const source of sources) void trigger(source);
  else if (options.catchUp ?? true) {
    void Promise.all(sources.map(async (source, index) => {
      const health = await readSourceHealth(config.storage.dataDir, source.id);
      if (!health.lastRunAt || !hasMissedSlot(tasks[index]!, new Date(health.lastRunAt), new Date())) return;
      logger.info({ sourceId: source.id, lastRunAt: health.lastRunAt }, 'scheduled runs were missed while yuqing was down; catching up once');
      await trigger(source);
    })).catch((error: unknown) => logger.error({ err: error }, 'catch-up check failed'));
  }

  return {
    runNow(sourceId) {
      const source = config.sources.find((candidate) => candidate.id === sourceId);
      if (!source) return Promise.reject(new Error(`unknown source id "${sourceId}"`));
      return trigger(source, 'manual');
    },
    isRunning: (sourceId) => running.has(sourceId),
    async stop() {
      await Promise.all(tasks.map(async (task) => task.destroy()));
      shutdown.abort();
      await Promise.allSettled([...running.values()]);
      logger.info('source scheduler stopped');
    },
  };
}
