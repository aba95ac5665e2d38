import type { Command } from 'commander';
import type { Config } from '../../config/config-schema.ts';
import { readSourceHealth, type SourceHealth } from '../../crawlers/source-health.ts';
import { cliContext, runAction } from '../cli-context.ts';

/** One row of `yuqing sources`. */
export interface SourceStatusRow {
  id: string;
  type: string;
  enabled: boolean;
  schedule: string;
  /** never-run, ok, failing, broken, blocked, interrupted or disabled. */
  status: string;
  health: SourceHealth;
}

/** The configured sources with their persisted health records, in config order. */
export async function sourceStatusRows(config: Config): Promise<SourceStatusRow[]> {
  return Promise.all(config.sources.map(async (source) => {
    const health = await readSourceHealth(config.storage.dataDir, source.id);
    const status = !source.enabled ? 'disabled'
      : !health.lastRunStatus ? 'never-run'
        : health.lastRunStatus === 'failed' ? 'failing'
          : health.lastRunStatus;
    return { id: source.id, type: source.type, enabled: source.enabled, schedule: source.schedule, status, health };
  }));
}

function shortTime(iso: string | undefined): string {
  return iso ? iso.replace('T', ' ').replace(/:\d\d\.\d+Z$/, 'Z') : '-';
}

/** Renders rows as a plain-text table; the last error's reason and message go below the table. */
export function renderSourceTable(rows: SourceStatusRow[]): string {
  const header = ['SOURCE', 'TYPE', 'STATUS', 'LAST SUCCESS (UTC)', 'LAST ERROR', 'ITEMS (LAST/TOTAL)', 'FAILURES IN A ROW'];
  const cells = rows.map((row) => [
    row.id, row.type, row.status, shortTime(row.health.lastSuccessAt),
    row.health.lastError ? `${row.health.lastError.reason} @ ${shortTime(row.health.lastError.at)}` : '-',
    `${row.health.itemsFetchedLastRun}/${row.health.itemsFetchedTotal}`, String(row.health.consecutiveFailures),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column]!.length)));
  const format = (line: string[]) => line.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  const details = rows.filter((row) => row.health.lastError && row.status !== 'ok')
    .map((row) => `  ${row.id}: ${row.health.lastError!.message}`);
  return [format(header), ...cells.map(format), ...(details.length > 0 ? ['', 'Last errors:', ...details] : [])].join('\n') + '\n';
}

/** `yuqing sources`: every configured source with its health (last success, last error, items fetched, failures in a row). */
export function registerSourcesCommand(program: Command, write: (text: string) => void = (text) => process.stdout.write(text)): void {
  program.command('sources')
    .description('list the configured sources and their health: last success, last error with reason, items fetched, consecutive failures')
    .option('--json', 'print the rows as JSON')
    .action(runAction(async (options: { json?: boolean }, command: Command) => {
      const { config } = cliContext(command);
      const rows = await sourceStatusRows(config);
      if (rows.length === 0) return void write('No sources are configured (see "Declaring a source" in crawlers/README.md).\n');
      write(options.json ? `${JSON.stringify(rows, null, 2)}\n` : renderSourceTable(rows));
    }));
}
