import type { CrawlErrorPolicy, CrawlErrorReason } from './crawl-errors.ts';
import type { SourceType } from '../config/sources-schema.ts';

/** Outcome of one run of one source. `ok` may still carry an `error` when single pages failed. */
export type CrawlRunStatus = 'ok' | 'failed' | 'broken' | 'blocked' | 'interrupted';

/** What one run of one source did; handed to `onRunFinished` after its spool segment is closed. */
export interface CrawlRunReport {
  sourceId: string;
  sourceType: SourceType;
  status: CrawlRunStatus;
  startedAt: string;
  finishedAt: string;
  /** The closed raw-spool segment, or undefined when the run wrote no post. */
  segmentPath: string | undefined;
  /** Posts written to the spool (new ones and refreshed ones whose counts or text changed). */
  postsWritten: number;
  /** Posts seen again within the refresh window but unchanged, so not written. */
  postsUnchanged: number;
  /** Posts rejected by the raw-post contract (logged with the field at fault). */
  postsInvalid: number;
  pagesFetched: number;
  pagesFailed: number;
  /** URLs robots.txt disallowed; never requested. */
  pagesDisallowed: number;
  /** The error that decided the status, or the last page error of a partly failed `ok` run. */
  error: { reason: CrawlErrorReason; policy: CrawlErrorPolicy; message: string; url?: string } | undefined;
}
