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

const runWarningSchema = z.object({
  code: z.enum(['pages-failed', 'undated', 'untitled', 'garbled', 'selector-missed', 'dropped', 'fallback-charset']),
  count: z.number().int(),
  message: z.string(),
  field: z.string().optional(),
  selector: z.string().optional(),
  url: z.string().optional(),
});

/** The counts of the last finished run, as `yuqing sources` and the source-health screen show them. */
const lastRunCountsSchema = z.object({
  itemsSeen: z.number().int().default(0),
  postsWritten: z.number().int().default(0),
  postsUnchanged: z.number().int().default(0),
  dropped: z.record(z.string(), z.number().int()).default({}),
  postsFallbackCharset: z.number().int().default(0),
  postsGarbled: z.number().int().default(0),
  postsUndated: z.number().int().default(0),
  postsUntitled: z.number().int().default(0),
  postsExtracted: z.number().int().default(0),
  pagesFetched: z.number().int().default(0),
  pagesFailed: z.number().int().default(0),
});

/** The health states, best first. */
export const sourceStates = ['ok', 'degraded', 'failing', 'blocked', 'broken'] as const;

/** How a source has been doing; one file per source so parallel runs never race on one file. */
export const sourceHealthSchema = z.object({
  sourceId: z.string(),
  lastRunAt: z.string().optional(),
  lastRunStatus: z.enum(['ok', 'failed', 'broken', 'blocked', 'interrupted']).optional(),
  state: z.enum(sourceStates).optional().describe('ok, degraded, failing, blocked or broken, from the last run that was not interrupted.'),
  lastSuccessAt: z.string().optional(),
  lastError: crawlErrorSummarySchema.optional(),
  lastRun: lastRunCountsSchema.optional(),
  warnings: z.array(runWarningSchema).default([]),
  advice: z.string().optional().describe('What to do about a blocked, broken or failing source.'),
  itemsFetchedLastRun: z.number().int().default(0),
  itemsFetchedTotal: z.number().int().default(0),
  consecutiveFailures: z.number().int().default(0),
  consecutiveBlocked: z.number().int().default(0),
  backoffUntil: z.string().optional().describe('A blocked source is not run on schedule before this time (a manual run still goes).'),
  credentialFingerprint: z.string().optional().describe('Hash prefix of the cookies/headers used when blocked: renewed credentials lift the back-off.'),
  pausedAt: z.string().optional(),
  pausedBy: z.string().optional(),
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

async function writeSourceHealth(dataDir: string, health: SourceHealth): Promise<void> {
  await writeFileAtomically(sourceHealthPath(dataDir, health.sourceId), `${JSON.stringify(health, null, 2)}\n`);
}

const backoffBaseMillis = 30 * 60_000;
const backoffMaxMillis = 24 * 3_600_000;

/** How long a source blocked `times` runs in a row waits before its next scheduled run: 30 min, doubling, at most a day. */
export function blockedBackoffMillis(times: number): number {
  return Math.min(backoffMaxMillis, backoffBaseMillis * 2 ** Math.max(0, times - 1));
}

/** Folds a finished run into the source's health record and persists it. */
export async function recordRunHealth(dataDir: string, report: CrawlRunReport, context: { credentialFingerprint?: string | undefined } = {}): Promise<SourceHealth> {
  const previous = await readSourceHealth(dataDir, report.sourceId);
  const succeeded = report.status === 'ok';
  const interrupted = report.status === 'interrupted';
  const blocked = report.status === 'blocked';
  const consecutiveBlocked = blocked ? previous.consecutiveBlocked + 1 : interrupted ? previous.consecutiveBlocked : 0;
  const { dropped, itemsSeen, postsWritten, postsUnchanged, postsFallbackCharset, postsGarbled, postsUndated, postsUntitled, postsExtracted, pagesFetched, pagesFailed } = report;
  const next: SourceHealth = {
    ...previous,
    lastRunAt: report.finishedAt,
    lastRunStatus: report.status,
    // An interrupted run says nothing about the site.
    state: interrupted ? previous.state : report.state,
    lastSuccessAt: succeeded ? report.finishedAt : previous.lastSuccessAt,
    // A successful run with some failed pages still records what went wrong, without counting as a failure.
    lastError: report.error ? { at: report.finishedAt, ...report.error } : previous.lastError,
    lastRun: { itemsSeen, postsWritten, postsUnchanged, dropped: dropped as Record<string, number>, postsFallbackCharset, postsGarbled, postsUndated, postsUntitled, postsExtracted, pagesFetched, pagesFailed },
    warnings: interrupted ? previous.warnings : report.warnings,
    advice: interrupted ? previous.advice : report.advice,
    itemsFetchedLastRun: report.postsWritten,
    itemsFetchedTotal: previous.itemsFetchedTotal + report.postsWritten,
    consecutiveFailures: succeeded ? 0 : interrupted ? previous.consecutiveFailures : previous.consecutiveFailures + 1,
    consecutiveBlocked,
    backoffUntil: blocked ? new Date(Date.parse(report.finishedAt) + blockedBackoffMillis(consecutiveBlocked)).toISOString() : interrupted ? previous.backoffUntil : undefined,
    credentialFingerprint: blocked ? context.credentialFingerprint : interrupted ? previous.credentialFingerprint : undefined,
  };
  if (!report.advice && !interrupted) delete next.advice;
  await writeSourceHealth(dataDir, next);
  return next;
}

/** Pauses (or resumes) a source's scheduled runs; kept in its health record so a restart keeps it paused. */
export async function setSourcePaused(dataDir: string, sourceId: string, paused: boolean, by: string, now = new Date()): Promise<SourceHealth> {
  const health = await readSourceHealth(dataDir, sourceId);
  const next: SourceHealth = paused ? { ...health, pausedAt: now.toISOString(), pausedBy: by } : { ...health, pausedAt: undefined, pausedBy: undefined };
  await writeSourceHealth(dataDir, next);
  return next;
}

/**
 * Why a scheduled run of the source should not go now: paused, or blocked and still backing off (unless
 * its credentials were renewed since). Manual runs ignore both.
 */
export function scheduledRunHold(health: SourceHealth, now: Date, credentialFingerprint: string | undefined): string | undefined {
  if (health.pausedAt) return `paused by ${health.pausedBy ?? 'an administrator'} at ${health.pausedAt}`;
  if (health.backoffUntil && Date.parse(health.backoffUntil) > now.getTime()) {
    if (credentialFingerprint && credentialFingerprint !== health.credentialFingerprint) return undefined;
    return `blocked (${health.lastError?.reason ?? 'refused'}); backing off until ${health.backoffUntil}`;
  }
  return undefined;
}
