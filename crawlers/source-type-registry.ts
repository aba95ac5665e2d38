import type { SourceConfig, SourceType } from '../config/sources-schema.ts';
import type { SourceRun } from './source-run.ts';
import { crawlBrowserSource } from './source-types/browser.ts';
import { crawlHtmlSource } from './source-types/html.ts';
import { crawlJsonSource } from './source-types/json.ts';
import { crawlRssSource } from './source-types/rss.ts';

/** Crawls one run of a source of one type; failures are reported through the run, not thrown. */
export type SourceTypeCrawler<S extends SourceConfig> = (run: SourceRun<S>) => Promise<void>;

const crawlers: { [T in SourceType]: SourceTypeCrawler<Extract<SourceConfig, { type: T }>> } = {
  rss: crawlRssSource,
  html: crawlHtmlSource,
  json: crawlJsonSource,
  browser: crawlBrowserSource,
};

/** Runs the source type's crawler for this run. */
export function crawlWithSourceType(run: SourceRun): Promise<void> {
  const crawl = crawlers[run.source.type] as SourceTypeCrawler<SourceConfig>;
  return crawl(run);
}
