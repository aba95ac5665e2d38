import type { CrawlErrorPolicy, CrawlErrorReason } from './crawl-errors.ts';
import type { SourceType } from '../config/sources-schema.ts';

/** Outcome of one run of one source. `ok` may still carry an `error` when single pages failed. */
export type CrawlRunStatus = 'ok' | 'failed' | 'broken' | 'blocked' | 'interrupted';

/**
 * How a source is doing, decided from its last run:
 * - `ok` — everything read, nothing to report;
 * - `degraded` — posts were stored, but some are incomplete or suspect (pages failed, undated, untitled,
 *   garbled text, a selector that stopped matching while extraction stood in);
 * - `failing` — the run stored nothing it should have: the entry page or every detail page failed
 *   (network, 5xx, 404);
 * - `blocked` — the site refuses us (401/403/418/429/432, a login wall, a captcha, robots.txt, no Chromium):
 *   backed off, with what to do;
 * - `broken` — the site no longer matches the declaration (selectors and extraction find nothing, not a feed).
 */
export type SourceState = 'ok' | 'degraded' | 'failing' | 'blocked' | 'broken';

/** Why an item met on a list, feed or API did not become a stored post. */
export type DropReason = 'duplicate' | 'invalid' | 'no-text' | 'no-id' | 'bad-link' | 'over-limit';

/** Something a run noticed that makes its posts incomplete or suspect; `count` of `of` items or pages. */
export interface RunWarning {
  code: 'pages-failed' | 'undated' | 'untitled' | 'garbled' | 'selector-missed' | 'dropped' | 'fallback-charset';
  count: number;
  /** One line in English for logs and `yuqing sources` (the review app renders its own text from the code). */
  message: string;
  /** The field and selector of a `selector-missed` warning. */
  field?: string | undefined;
  selector?: string | undefined;
  /** An example page. */
  url?: string | undefined;
}

/** What one run of one source did; handed to `onRunFinished` after its spool segment is closed. */
export interface CrawlRunReport {
  sourceId: string;
  sourceType: SourceType;
  status: CrawlRunStatus;
  /** The health state this run puts the source in (an interrupted run keeps the previous one). */
  state: SourceState;
  /** The state before this run, from the health record (undefined when it never ran). */
  previousState?: SourceState | undefined;
  startedAt: string;
  finishedAt: string;
  /** The closed raw-spool segment, or undefined when the run wrote no post. */
  segmentPath: string | undefined;
  /** Items met on lists, feeds, API pages and rendered pages, known ones included. */
  itemsSeen: number;
  /** Posts written to the spool (new ones and refreshed ones whose counts or text changed). */
  postsWritten: number;
  /** Posts seen again within the refresh window but unchanged, so not written. */
  postsUnchanged: number;
  /** Posts rejected by the raw-post contract (logged with the field at fault). */
  postsInvalid: number;
  /** Items that did not become posts, by reason. */
  dropped: Partial<Record<DropReason, number>>;
  /** Written posts decoded with another charset than the one declared (the declaration lied or was missing). */
  postsFallbackCharset: number;
  /** Written posts whose text still looks garbled. */
  postsGarbled: number;
  /** Written posts without a readable publication time. */
  postsUndated: number;
  /** Written article posts without a title. */
  postsUntitled: number;
  /** Written posts with at least one field extracted automatically. */
  postsExtracted: number;
  pagesFetched: number;
  pagesFailed: number;
  /** URLs robots.txt disallowed; never requested. */
  pagesDisallowed: number;
  warnings: RunWarning[];
  /** What the operator can do about a blocked or broken source. */
  advice?: string | undefined;
  /** The error that decided the status, or the last page error of a partly failed `ok` run. */
  error: { reason: CrawlErrorReason; policy: CrawlErrorPolicy; message: string; url?: string } | undefined;
}
