import type { Client } from '@elastic/elasticsearch';
import cron from 'node-cron';
import type { Logger } from 'pino';
import type { Config } from '../../config/config-schema.ts';
import { lastCompletePeriod } from './digest-period.ts';
import { runDigest, type DigestRunReport } from './run-digest.ts';

/** The scheduled digest; `stop()` ends the schedule and waits for a run in progress. */
export interface DigestScheduler {
  stop(): Promise<void>;
  /** Runs now for the last complete period, as the schedule would (used by tests and `yuqing digest` without options). */
  runNow(now?: Date): Promise<DigestRunReport>;
}

/**
 * Schedules the digest with node-cron on `digest.schedule` in `digest.timeZone` (default Monday 08:00
 * Asia/Shanghai); each run covers the last complete `digest.period` and is delivered as configured. A run that
 * is still going when the next tick comes is not started twice.
 */
export function startDigestScheduler(options: { client: Client; config: Config; logger: Logger }): DigestScheduler {
  const { client, config, logger } = options;
  const settings = config.digest;
  let current: Promise<DigestRunReport> | undefined;
  const runNow = (now = new Date()) => {
    if (current) return current;
    const period = lastCompletePeriod(settings.period, now, settings.timeZone);
    current = runDigest({ client, config, logger, period, now }).finally(() => { current = undefined; });
    return current;
  };
  const task = settings.enabled
    ? cron.schedule(settings.schedule, async () => {
      try {
        await runNow();
      } catch (error) {
        logger.error({ err: error }, 'scheduled digest failed');
      }
    }, { timezone: settings.timeZone, name: 'yuqing-digest', noOverlap: true })
    : undefined;
  if (task) logger.info({ schedule: settings.schedule, timeZone: settings.timeZone, period: settings.period }, 'digest scheduled');
  return {
    runNow,
    async stop() {
      await task?.stop();
      await current?.catch(() => undefined);
    },
  };
}
