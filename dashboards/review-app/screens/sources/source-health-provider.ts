/**
 * How the source-health screen sees a source. Defined here and filled by bin/, which reads the crawl
 * layer's health records: the dashboards never import crawlers/.
 */
export interface SourceHealthView {
  id: string;
  name: string;
  type: string;
  enabled: boolean;
  schedule: string;
  /** ok, degraded, failing, blocked, broken — or never-run, interrupted, disabled, paused. */
  status: string;
  lastRunAt?: string | undefined;
  lastSuccessAt?: string | undefined;
  lastError?: { reason: string; message: string; at: string; url?: string | undefined } | undefined;
  advice?: string | undefined;
  warnings: { code: string; count: number; message: string; field?: string | undefined; selector?: string | undefined; url?: string | undefined }[];
  /** Counts of the last run. */
  lastRun?: {
    itemsSeen: number; postsWritten: number; postsUnchanged: number; dropped: Record<string, number>;
    postsFallbackCharset: number; postsGarbled: number; postsUndated: number; postsUntitled: number; postsExtracted: number;
    pagesFetched: number; pagesFailed: number;
  } | undefined;
  consecutiveFailures: number;
  backoffUntil?: string | undefined;
  pausedAt?: string | undefined;
  pausedBy?: string | undefined;
  /** A run of it is going on in the crawling process. */
  isRunning: boolean;
}

/** What the screen can ask of the crawling side; actions are absent where the app runs without a scheduler (`yuqing serve`). */
export interface SourceHealthProvider {
  list(): Promise<SourceHealthView[]>;
  /** Starts a run now, outside the schedule and any back-off: `started`, `running` (one is going on) or `unknown` (no such source). */
  runNow?(sourceId: string): Promise<'started' | 'running' | 'unknown'>;
  /** Pauses or resumes the source's scheduled runs (kept across restarts). */
  setPaused?(sourceId: string, paused: boolean, by: string): Promise<'done' | 'unknown'>;
}
