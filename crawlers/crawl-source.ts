import type { Logger } from 'pino';
import type { Config } from '../config/config-schema.ts';
import type { SourceConfig } from '../config/sources-schema.ts';
import { BlockedSourceError, toCrawlError } from './crawl-errors.ts';
import type { CrawlRunReport } from './crawl-run-report.ts';
import { CrawlState } from './crawl-state.ts';
import { RawSpoolWriter } from './raw-spool-writer.ts';
import { loadSourceCredentials, type SourceCredentials } from './source-credentials.ts';
import { readSourceHealth, recordRunHealth, scheduledRunHold } from './source-health.ts';
import { acquireSourceLock } from './source-run-lock.ts';
import { SourceRun } from './source-run.ts';
import { crawlWithSourceType } from './source-type-registry.ts';

/** Dependencies of a crawl, passed in by the composition root. */
export interface CrawlOptions {
  logger: Logger;
  /** Aborting stops runs gracefully: requests in flight finish, the segment is closed, state is saved. */
  signal?: AbortSignal;
  /** Called after a run's spool segment is closed and its state and health are saved. */
  onRunFinished?: (report: CrawlRunReport) => void | Promise<void>;
  /**
   * `schedule` (the scheduler's ticks and catch-up) respects a pause and a blocked source's back-off;
   * `manual` (`yuqing crawl`, "run now") runs anyway. Default `manual`.
   */
  trigger?: 'schedule' | 'manual';
  /** Environment the source credentials are read from (default process.env). */
  env?: NodeJS.ProcessEnv;
}

/**
 * One run of one source: crawl, close the spool segment, save the crawl state, record health, tell
 * `onRunFinished`. Never throws for a failing site; returns undefined when a run of the source is
 * already going on (no two runs of one source ever overlap), or when a scheduled run is held (paused,
 * backing off).
 */
export async function crawlSource(source: SourceConfig, config: Config, options: CrawlOptions): Promise<CrawlRunReport | undefined> {
  const { dataDir } = config.storage;
  const logger = options.logger.child({ sourceId: source.id, sourceType: source.type });
  let credentials: SourceCredentials | undefined;
  let credentialError: Error | undefined;
  try {
    credentials = await loadSourceCredentials(source, { env: options.env, secretsFile: config.crawl.secretsFile });
  } catch (error) {
    credentialError = error as Error;
  }
  const previous = await readSourceHealth(dataDir, source.id);
  if (options.trigger === 'schedule') {
    const hold = scheduledRunHold(previous, new Date(), credentials?.fingerprint);
    if (hold) {
      logger.debug({ hold }, 'scheduled run skipped');
      return undefined;
    }
  }
  const release = await acquireSourceLock(dataDir, source.id);
  if (!release) {
    logger.info('a run of this source is still going on; this one is skipped');
    return undefined;
  }
  try {
    const state = await CrawlState.load(dataDir, source.id);
    const writer = new RawSpoolWriter(dataDir, source.id);
    const run = new SourceRun(source, config.crawl, state, writer, logger, options.signal ?? new AbortController().signal, credentials);
    logger.debug({ startUrls: source.startUrls }, 'source run started');
    if (credentialError) run.failRun(new BlockedSourceError('forbidden', `the source's credentials cannot be read: ${credentialError.message}`));
    else {
      try {
        await crawlWithSourceType(run);
      } catch (error) {
        run.failRun(toCrawlError(error, source.startUrls[0]));
      }
    }
    // Order matters for crash safety: posts reach the pipeline (segment closed) before the state says they were seen.
    const segmentPath = await writer.close();
    const report = { ...run.report(segmentPath), previousState: previous.state };
    state.markRunComplete(report.status === 'ok' && report.pagesFailed === 0);
    await state.save(run.now, config.crawl.stateRetentionDays);
    await recordRunHealth(dataDir, report, { credentialFingerprint: credentials?.fingerprint });
    logRun(logger, report, previous.lastError?.reason);
    if (options.onRunFinished) {
      try {
        await options.onRunFinished(report);
      } catch (error) {
        logger.error({ err: error }, 'onRunFinished failed');
      }
    }
    return report;
  } finally {
    await release();
  }
}

/** One line per run; a source stuck in the same bad state with the same reason is not shouted about every run. */
function logRun(logger: Logger, report: CrawlRunReport, previousReason: string | undefined): void {
  const summary = {
    status: report.status, state: report.state, itemsSeen: report.itemsSeen, postsWritten: report.postsWritten, postsUnchanged: report.postsUnchanged,
    pagesFetched: report.pagesFetched, pagesFailed: report.pagesFailed, reason: report.error?.reason,
    ...(report.postsUndated ? { postsUndated: report.postsUndated } : {}), ...(report.postsExtracted ? { postsExtracted: report.postsExtracted } : {}),
    ...(Object.keys(report.dropped).length ? { dropped: report.dropped } : {}),
  };
  if (report.state === 'ok') return void logger.info(summary, 'source run finished');
  if (report.state === 'degraded') return void logger.info({ ...summary, warnings: report.warnings.map((warning) => warning.message) }, 'source run finished with warnings');
  const unchanged = report.previousState === report.state && previousReason === report.error?.reason;
  const line = { ...summary, error: report.error?.message, ...(report.advice ? { advice: report.advice } : {}) };
  if (unchanged) logger.info(line, `source still ${report.state}`);
  else logger.warn(line, `source ${report.state}`);
}
