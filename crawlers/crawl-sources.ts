import type { Config } from '../config/config-schema.ts';
import type { CrawlRunReport } from './crawl-run-report.ts';
import { crawlSource, type CrawlOptions } from './crawl-source.ts';

/** Which sources one pass crawls. */
export interface CrawlSourcesOptions extends CrawlOptions {
  /** Only these source ids (default: every enabled source). */
  sourceIds?: string[];
}

/**
 * One pass over the enabled sources, `crawl.maxParallelSources` at a time. Sources are isolated: one
 * failing (or even throwing on a full disk) never stops the others. Resolves with one report per
 * source that ran, in config order.
 */
export async function crawlSources(config: Config, options: CrawlSourcesOptions): Promise<CrawlRunReport[]> {
  const wanted = options.sourceIds ? new Set(options.sourceIds) : undefined;
  const unknown = options.sourceIds?.filter((id) => !config.sources.some((source) => source.id === id)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown source id(s): ${unknown.join(', ')}`);
  const sources = config.sources.filter((source) => (wanted ? wanted.has(source.id) : source.enabled));
  const reports: (CrawlRunReport | undefined)[] = new Array(sources.length);
  let next = 0;
  const worker = async () => {
    while (next < sources.length && !options.signal?.aborted) {
      const index = next++;
      const source = sources[index]!;
      try {
        reports[index] = await crawlSource(source, config, options);
      } catch (error) {
        options.logger.error({ err: error, sourceId: source.id }, 'source run crashed');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(config.crawl.maxParallelSources, sources.length) }, worker));
  return reports.filter((report): report is CrawlRunReport => report !== undefined);
}
