import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { CrawlRunReport } from './crawl-run-report.ts';
import { writeFileAtomically } from './write-file-atomically.ts';

const crawlErrorSummarySchema = z.object({
  at: z.string(),
  reason: z.string().describe('Machine-readable reason, e.g. timeout, server-error, selector-matched-nothing.'),
  policy: z.enum(['retry', 'skip', 'blocked', 'fatal']),
  message: z.string(),
  url: z.string().optional(),
});

/** How a source has been doing; one file per source so parallel runs never race on one file. */
export const sourceHealthSchema = z.object({
  sourceId: z.string(),
  lastRunAt: z.string().optional(),
  lastRunStatus: z.enum(['ok', 'failed', 'broken', 'blocked', 'interrupted']).optional(),
  lastSuccessAt: z.string().optional(),
  lastError: crawlErrorSummarySchema.optional(),
  itemsFetchedLastRun: z.number().int().default(0),
  itemsFetchedTotal: z.number().int().default(0),
  consecutiveFailures: z.number().int().default(0),
});

export type SourceHealth = z.infer<typeof sourceHealthSchema>;

/** Where a source's health record lives: `<dataDir>/state/source-health/<sourceId>.json`. */
export function sourceHealthPath(dataDir: string, sourceId: string): string {
  return join(dataDir, 'state', 'source-health', `${sourceId}.json`);
}

/** The health record of a source; an empty one when it never ran. */
export async function readSourceHealth(dataDir: string, sourceId: string): Promise<SourceHealth> {
  try {
    const parsed = sourceHealthSchema.safeParse(JSON.parse(await readFile(sourceHealthPath(dataDir, sourceId), 'utf8')));
    if (parsed.success) return parsed.data;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && !(error instanceof SyntaxError)) throw error;
  }
  return sourceHealthSchema.parse({ sourceId });
}

/** Folds a finished run into the source's health record and persists it. */
export async function recordRunHealth(dataDir: string, report: CrawlRunReport): Promise<SourceHealth> {
  const previous = await readSourceHealth(dataDir, report.sourceId);
  const succeeded = report.status === 'ok';
  const next: SourceHealth = {
    ...previous,
    lastRunAt: report.finishedAt,
    lastRunStatus: report.status,
    lastSuccessAt: succeeded ? report.finishedAt : previous.lastSuccessAt,
    // A successful run with some failed pages still records what went wrong, without counting as a failure.
    lastError: report.error ? { at: report.finishedAt, ...report.error } : previous.lastError,
    itemsFetchedLastRun: report.postsWritten,
    itemsFetchedTotal: previous.itemsFetchedTotal + report.postsWritten,
    consecutiveFailures: succeeded ? 0 : report.status === 'interrupted' ? previous.consecutiveFailures : previous.consecutiveFailures + 1,
  };
  await writeFileAtomically(sourceHealthPath(dataDir, report.sourceId), `${JSON.stringify(next, null, 2)}\n`);
  return next;
}
