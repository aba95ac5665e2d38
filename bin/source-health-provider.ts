import type { Logger } from 'pino';
import type { Config } from '../config/config-schema.ts';
import type { SourceScheduler } from '../crawlers/source-scheduler.ts';
import { setSourcePaused } from '../crawlers/source-health.ts';
import type { SourceHealthProvider } from '../dashboards/review-app/screens/sources/source-health-provider.ts';
import { sourceStatusRows } from './commands/sources.ts';

/**
 * The review app's window on the crawlers: health records as the source-health screen shows them, and —
 * when this process runs the scheduler — "run now". Pausing writes the health record, which every
 * scheduler reads before a scheduled run, so it works from `yuqing serve` too.
 */
export function sourceHealthProvider(config: Config, logger: Logger, scheduler?: SourceScheduler): SourceHealthProvider {
  const exists = (id: string) => config.sources.some((source) => source.id === id);
  return {
    async list() {
      return (await sourceStatusRows(config)).map(({ id, name, type, enabled, schedule, status, health }) => ({
        id, name, type, enabled, schedule, status,
        lastRunAt: health.lastRunAt, lastSuccessAt: health.lastSuccessAt, lastError: health.lastError, advice: health.advice,
        warnings: health.warnings, lastRun: health.lastRun, consecutiveFailures: health.consecutiveFailures,
        backoffUntil: health.backoffUntil, pausedAt: health.pausedAt, pausedBy: health.pausedBy,
        isRunning: scheduler?.isRunning(id) ?? false,
      }));
    },
    runNow: scheduler && (async (id) => {
      if (!exists(id)) return 'unknown';
      if (scheduler.isRunning(id)) return 'running';
      scheduler.runNow(id).catch((error: unknown) => logger.error({ err: error, sourceId: id }, 'run-now failed'));
      return 'started';
    }),
    async setPaused(id, paused, by) {
      if (!exists(id)) return 'unknown';
      await setSourcePaused(config.storage.dataDir, id, paused, by);
      logger.info({ sourceId: id, by }, paused ? 'source paused' : 'source resumed');
      return 'done';
    },
  };
}
