import type { Logger } from 'pino';
import type { Config } from '../config/config-schema.ts';
import type { CrawlRunReport } from '../crawlers/crawl-run-report.ts';
import { isAlertingChange, type SourceHealthAlerter, type SourceHealthChange } from '../dashboards/alerts/source-health-alert.ts';

/** A finished run as the source-health alert sees it. */
export function sourceHealthChangeOf(report: CrawlRunReport, config: Config): SourceHealthChange {
  const source = config.sources.find((candidate) => candidate.id === report.sourceId);
  return {
    sourceId: report.sourceId, sourceName: source?.name ?? report.sourceId, state: report.state, previousState: report.previousState,
    reason: report.error?.reason, message: report.error?.message, advice: report.advice, url: report.error?.url ?? source?.startUrls[0], at: report.finishedAt,
  };
}

/** An `onRunFinished` step: alerts when a run moved its source to failing, blocked or broken. Never throws. */
export function alertOnSourceHealth(alerter: SourceHealthAlerter, config: Config, logger: Logger): (report: CrawlRunReport) => Promise<void> {
  return async (report) => {
    if (report.status === 'interrupted') return;
    const change = sourceHealthChangeOf(report, config);
    if (!isAlertingChange(change)) return;
    try {
      const { delivered } = await alerter.notify(change);
      logger.info({ sourceId: report.sourceId, state: report.state, delivered }, 'source-health alert sent');
    } catch (error) {
      logger.warn({ err: error, sourceId: report.sourceId }, 'source-health alert failed');
    }
  };
}
