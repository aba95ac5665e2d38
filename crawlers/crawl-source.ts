import type { Logger } from 'pino';
import type { Config } from '../config/config-schema.ts';
import type { SourceConfig } from '../config/sources-schema.ts';
import { toCrawlError } from './crawl-errors.ts';
import type { CrawlRunReport } from './crawl-run-report.ts';
import { CrawlState } from './crawl-state.ts';
import { RawSpoolWriter } from './raw-spool-writer.ts';
import { recordRunHealth } from './source-health.ts';
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
}

/**
 * One run of one source: crawl, close the spool segment, save the crawl state, record health, tell
 * `onRunFinished`. Never throws for a failing site; returns undefined when a run of the source is
 * already going on (no two runs of one source ever overlap).
 */
export async function crawlSource(source: SourceConfig, config: Config, options: CrawlOptions): Promise<CrawlRunReport | undefined> {
  const { dataDir } = config.storage;
  const logger = options.logger.child({ sourceId: source.id, sourceType: source.type });
  const release = await acquireSourceLock(dataDir, source.id);
  if (!release) {
    logger.info('a run of this source is still going on; this one is skipped');
    return undefined;
  }
  try {
    const state = await CrawlState.load(dataDir, source.id);
    const writer = new RawSpoolWriter(dataDir, source.id);
    const run = new SourceRun(source, config.crawl, state, writer, logger, options.signal ?? new AbortController().signal);
    logger.debug({ startUrls: source.startUrls }, 'source run started');
    try {
      await crawlWithSourceType(run);
    } catch (error) {
      run.failRun(toCrawlError(error, source.startUrls[0]));
    }
    // Order matters for crash safety: posts reach the pipeline (segment closed) before the state says they were seen.
    const segmentPath = await writer.close();
    const report = run.report(segmentPath);
    state.markRunComplete(report.status === 'ok' && report.pagesFailed === 0);
    await state.save(run.now, config.crawl.stateRetentionDays);
    await recordRunHealth(dataDir, report);
    const summary = { status: report.status, postsWritten: report.postsWritten, postsUnchanged: report.postsUnchanged, pagesFetched: report.pagesFetched, pagesFailed: report.pagesFailed, reason: report.error?.reason };
    if (report.status === 'ok') logger.info(summary, 'source run finished');
    else logger.warn({ ...summary, error: report.error?.message }, `source run ${report.status}`);
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
