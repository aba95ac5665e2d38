import type { Command } from 'commander';
import type { Config } from '../../config/config-schema.ts';
import { readSourceHealth, type SourceHealth } from '../../crawlers/source-health.ts';
import { cliContext, runAction } from '../cli-context.ts';

/** One row of `yuqing sources`. */
export interface SourceStatusRow {
  id: string;
  name: string;
  type: string;
  enabled: boolean;
  schedule: string;
  /** ok, degraded, failing, blocked, broken — or never-run, interrupted, disabled, paused. */
  status: string;
  health: SourceHealth;
}

/** The state shown for a source: its health state, or why it has none. */
export function displayedStatus(enabled: boolean, health: SourceHealth): string {
  if (!enabled) return 'disabled';
  if (health.pausedAt) return 'paused';
  if (health.state) return health.state;
  if (!health.lastRunStatus) return 'never-run';
  // Records written before health states existed.
  return health.lastRunStatus === 'failed' ? 'failing' : health.lastRunStatus;
}

/** The configured sources with their persisted health records, in config order. */
export async function sourceStatusRows(config: Config): Promise<SourceStatusRow[]> {
  return Promise.all(config.sources.map(async (source) => {
    const health = await readSourceHealth(config.storage.dataDir, source.id);
    return { id: source.id, name: source.name, type: source.type, enabled: source.enabled, schedule: source.schedule, status: displayedStatus(source.enabled, health), health };
  }));
}

function shortTime(iso: string | undefined): string {
  return iso ? iso.replace('T', ' ').replace(/:\d\d\.\d+Z$/, 'Z') : '-';
}

function droppedCount(health: SourceHealth): number {
  return Object.values(health.lastRun?.dropped ?? {}).reduce((sum, count) => sum + count, 0);
}

/** Renders rows as a plain-text table; errors, advice and warnings of sources that are not ok go below it. */
export function renderSourceTable(rows: SourceStatusRow[]): string {
  const header = ['SOURCE', 'TYPE', 'STATUS', 'LAST SUCCESS (UTC)', 'LAST ERROR', 'SEEN', 'STORED', 'DROPPED', 'UNDATED', 'UNTITLED', 'FALLBACK CHARSET', 'EXTRACTED', 'ITEMS (LAST/TOTAL)', 'FAILURES IN A ROW'];
  const cells = rows.map(({ id, type, status, health }) => {
    const last = health.lastRun;
    return [
      id, type, status, shortTime(health.lastSuccessAt),
      health.lastError ? `${health.lastError.reason} @ ${shortTime(health.lastError.at)}` : '-',
      String(last?.itemsSeen ?? '-'), String(last?.postsWritten ?? '-'), last ? String(droppedCount(health)) : '-',
      String(last?.postsUndated ?? '-'), String(last?.postsUntitled ?? '-'), String(last?.postsFallbackCharset ?? '-'), String(last?.postsExtracted ?? '-'),
      `${health.itemsFetchedLastRun}/${health.itemsFetchedTotal}`, String(health.consecutiveFailures),
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column]!.length)));
  const format = (line: string[]) => line.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  const details = rows.filter((row) => !['ok', 'never-run', 'disabled'].includes(row.status)).flatMap(({ id, status, health }) => [
    ...(health.lastError && status !== 'degraded' ? [`  ${id}: ${health.lastError.message}`] : []),
    ...(health.advice ? [`  ${id}: what to do: ${health.advice}`] : []),
    ...(health.backoffUntil ? [`  ${id}: scheduled runs back off until ${shortTime(health.backoffUntil)} (\`yuqing crawl ${id}\` runs it now)`] : []),
    ...(health.pausedAt ? [`  ${id}: paused by ${health.pausedBy ?? '?'} at ${shortTime(health.pausedAt)}`] : []),
    ...health.warnings.filter((warning) => warning.code !== 'fallback-charset').map((warning) => `  ${id}: ${warning.message}`),
  ]);
  return [format(header), ...cells.map(format), ...(details.length > 0 ? ['', 'Problems:', ...details] : [])].join('\n') + '\n';
}

/** `yuqing sources`: every configured source with its health state and the counts of its last run. */
export function registerSourcesCommand(program: Command, write: (text: string) => void = (text) => process.stdout.write(text)): void {
  program.command('sources')
    .description('list the configured sources and their health: state (ok, degraded, failing, blocked, broken), last run\'s items seen/stored/dropped/undated/untitled/fallback charset/extracted, last error and what to do')
    .option('--json', 'print the rows as JSON')
    .action(runAction(async (options: { json?: boolean }, command: Command) => {
      const { config } = cliContext(command);
      const rows = await sourceStatusRows(config);
      if (rows.length === 0) return void write('No sources are configured (see "Declaring a source" in crawlers/README.md).\n');
      write(options.json ? `${JSON.stringify(rows, null, 2)}\n` : renderSourceTable(rows));
    }));
}
