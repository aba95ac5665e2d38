import type { Config } from '../config/config-schema.ts';
import { analyzerOptionsFromConfig } from '../pipeline/analyze-post.ts';
import { createAnalyzer } from '../rules/analyzer.ts';
import { builtInPacksDirectory, loadPacks } from '../rules/risk/load-packs.ts';

/** What `yuqing config check` and `yuqing start` find beyond the schema: problems refuse to start, warnings do not. */
export interface StartCheckReport { problems: string[]; warnings: string[] }

function knownPackIds(config: Config): Set<string> | undefined {
  const options = analyzerOptionsFromConfig(config);
  try {
    const directories = [...(options.includeBuiltInPacks ? [builtInPacksDirectory] : []), ...(options.extraPackDirectories ?? [])];
    return new Set(loadPacks(directories).map(({ pack }) => pack.id));
  } catch {
    return undefined; // the analyzer check below reports why the packs do not load
  }
}

/**
 * The checks a valid schema cannot make because they need the rest of the product: the analysis section must
 * build the rule engine `start` builds (pack folders, pack files, lexicon files), and pack ids named in the
 * config must exist. Both `config check` and `start` run these, so a config that passes the check starts.
 */
export function runStartChecks(config: Config): StartCheckReport {
  const problems: string[] = [];
  const warnings: string[] = [];
  try {
    createAnalyzer(analyzerOptionsFromConfig(config));
  } catch (error) {
    problems.push(`analysis: the rule engine cannot be built: ${(error as Error).message}`);
  }
  const packIds = knownPackIds(config);
  if (packIds) {
    const known = [...packIds].sort().join(', ');
    config.analysis.disabledPacks.forEach((id, index) => {
      if (!packIds.has(id)) problems.push(`analysis.disabledPacks[${index}]: unknown rule pack "${id}" (known: ${known})`);
    });
    config.alerts.routes.forEach((route, routeIndex) => route.packIds.forEach((id, index) => {
      if (!packIds.has(id)) problems.push(`alerts.routes[${routeIndex}].packIds[${index}]: unknown rule pack "${id}"; this route would never match (known: ${known})`);
    }));
  }
  const { review } = config;
  if (review.enabled && review.trustProxy === true && !['127.0.0.1', '::1', 'localhost'].includes(review.host)) {
    warnings.push(`review.trustProxy is true while the app listens on ${review.host}: whoever reaches it directly chooses their own client address (sign-in limits, audit); list the proxy's address instead`);
  }
  if (!config.sources.some((source) => source.enabled)) {
    warnings.push(config.sources.length === 0 ? 'sources: none declared; `yuqing start` would crawl nothing' : 'sources: every source is disabled; `yuqing start` would crawl nothing');
  }
  return { problems, warnings };
}
