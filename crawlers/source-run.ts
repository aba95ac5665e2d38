import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { CrawlDefaults, SourceConfig } from '../config/sources-schema.ts';
import { BlockedSourceError, BrokenSourceError, SkippedPageError, TransientCrawlError, type CrawlError } from './crawl-errors.ts';
import type { CrawlRunReport, CrawlRunStatus, SourceState } from './crawl-run-report.ts';
import type { CrawlState, ItemDecision } from './crawl-state.ts';
import { rawPostSchema, type RawPostInput } from './raw-post.ts';
import type { RawSpoolWriter } from './raw-spool-writer.ts';
import { RobotsPolicy } from './robots-policy.ts';
import { RunTally } from './run-tally.ts';
import { adviceFor } from './source-advice.ts';
import type { SourceCredentials } from './source-credentials.ts';

/** Politeness settings of one source: the crawl defaults with the source's overrides applied. */
export type Politeness = Omit<CrawlDefaults, 'maxParallelSources' | 'stateRetentionDays'>;

/** The crawl defaults with a source's `politeness` overrides applied. */
export function resolvePoliteness(defaults: CrawlDefaults, source: SourceConfig): Politeness {
  const overrides = Object.fromEntries(Object.entries(source.politeness ?? {}).filter(([, value]) => value !== undefined));
  const { maxParallelSources: _parallel, stateRetentionDays: _retention, ...politeness } = defaults;
  return { ...politeness, ...overrides };
}

/** A post as a source type extracts it; the run adds source id, type, tags, crawl time and the date verdict. */
export type ExtractedPost = Omit<RawPostInput, 'sourceId' | 'sourceType' | 'crawledAt' | 'tags' | 'publishedAtKnown'>;

/** How `emit` should count a post. */
export interface EmitOptions {
  /** An article or feed item: a missing title is counted as a defect. */
  isArticle?: boolean;
}

/** Result of handing one post to the run. */
export type EmitResult = 'written' | 'unchanged' | 'duplicate' | 'invalid' | 'full';

/** The key a post is remembered under: the site's id when it has one, else its URL. */
export function postKey(post: { platformPostId?: string | undefined; url: string }): string {
  return post.platformPostId ? `id:${post.platformPostId}` : `url:${post.url}`;
}

/**
 * One run of one source: what a source type needs while crawling (politeness, state, logger,
 * abort signal) and what it reports back (posts, failures). Source types decide *how* to fetch;
 * the run decides what is new, writes the spool, and turns failures into the run's status.
 */
export class SourceRun<S extends SourceConfig = SourceConfig> {
  readonly startedAt = new Date();
  readonly politeness: Politeness;
  private readonly emittedKeys = new Set<string>();
  private readonly entryUrls = new Set<string>();
  private readonly detailUrls = new Set<string>();
  private detailFailures = 0;
  private readonly stopListeners = new Set<() => void>();
  private readonly robots: RobotsPolicy | undefined;
  private decisive: CrawlError | undefined;
  private lastPageError: CrawlError | undefined;
  private detailAttempts = 0;
  private detailSelectorMisses = 0;
  postsWritten = 0;
  postsUnchanged = 0;
  postsInvalid = 0;
  pagesFetched = 0;
  pagesFailed = 0;
  pagesDisallowed = 0;
  /** Counts beyond posts and pages: drops, charset fallbacks, unknown dates, extraction. */
  readonly tally = new RunTally();

  constructor(
    readonly source: S,
    defaults: CrawlDefaults,
    readonly state: CrawlState,
    private readonly writer: RawSpoolWriter,
    readonly logger: Logger,
    readonly signal: AbortSignal,
    /** Cookies and headers for the source's own hosts, from the environment or the secrets file. */
    readonly credentials?: SourceCredentials,
  ) {
    this.politeness = resolvePoliteness(defaults, source);
    this.robots = this.politeness.respectRobotsTxt
      ? new RobotsPolicy(this.politeness.userAgent, this.politeness.requestTimeoutSeconds * 1000, this.politeness.proxyUrls[0])
      : undefined;
    signal.addEventListener('abort', this.onAbort, { once: true });
  }

  // The signal is the scheduler's, shared by every run of the process: each run must take its listener back.
  private readonly onAbort = () => this.requestStop();

  /** The crawl time: relative times on pages count back from it. */
  get now(): Date {
    return this.startedAt;
  }

  /** True once the run must not start new work: aborted, failed decisively, or `maxItemsPerRun` reached. */
  get isStopping(): boolean {
    return this.signal.aborted || this.decisive !== undefined || this.postsWritten >= this.source.maxItemsPerRun;
  }

  /** Registers what stops the underlying crawler (e.g. `crawler.stop()`); called once the run is stopping. */
  onStop(listener: () => void): () => void {
    this.stopListeners.add(listener);
    if (this.isStopping) listener();
    return () => this.stopListeners.delete(listener);
  }

  private requestStop(): void {
    for (const listener of this.stopListeners) listener();
  }

  /** Marks a URL as an entry point (start URL, first list page): its failure fails the run. */
  markEntry(url: string): void {
    this.entryUrls.add(url);
  }

  isEntry(url: string): boolean {
    return this.entryUrls.has(url);
  }

  /** Marks a URL as a detail page (article, thread): when every detail page fails, the source is failing. */
  markDetail(url: string): void {
    this.detailUrls.add(url);
  }

  /** Decision for a post whose content is in hand (feeds, APIs, rendered feeds); counts the item as seen. */
  decidePost(post: { platformPostId?: string | undefined; url: string; publishedAt?: string | undefined }): ItemDecision {
    this.tally.see();
    return this.state.decidePost(postKey(post), post.publishedAt, this.now, this.source.refreshWindowHours);
  }

  /** Decision for a detail page met on a list; counts the item as seen. */
  decidePage(url: string, listed: { publishedAt?: string; activity?: string }): ItemDecision {
    this.tally.see();
    return this.state.decidePage(url, listed, this.now, this.source.refreshWindowHours);
  }

  /**
   * Validates a post, skips it when unchanged since last written, else appends it to the spool. A post
   * without a publication time is written with `publishedAtKnown: false` (and why); its text is checked
   * for mojibake whatever the charset decision said.
   */
  async emit(extracted: ExtractedPost, options: EmitOptions = {}): Promise<EmitResult> {
    if (this.postsWritten >= this.source.maxItemsPerRun) {
      this.tally.drop('over-limit');
      return 'full';
    }
    const isKnown = extracted.publishedAt !== undefined;
    const candidate = {
      ...extracted,
      sourceId: this.source.id,
      sourceType: this.source.type,
      crawledAt: this.now.toISOString(),
      tags: this.source.tags,
      publishedAtKnown: isKnown,
      ...(isKnown ? { publishedAtIssue: undefined, publishedAtText: undefined } : { publishedAtIssue: extracted.publishedAtIssue ?? 'missing' }),
    };
    if (RunTally.isGarbled(candidate)) candidate.isTextGarbled = true;
    const parsed = rawPostSchema.safeParse(candidate);
    if (!parsed.success) {
      this.postsInvalid += 1;
      this.tally.drop('invalid');
      this.logger.warn({ url: extracted.url, problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) }, 'post rejected by the raw-post contract');
      return 'invalid';
    }
    const post = parsed.data;
    const key = postKey(post);
    if (this.emittedKeys.has(key)) {
      this.tally.drop('duplicate');
      return 'duplicate';
    }
    this.emittedKeys.add(key);
    const fingerprint = createHash('sha1').update(JSON.stringify([post.title, post.content, post.engagement ?? {}])).digest('hex');
    if (this.state.post(key)?.fingerprint === fingerprint) {
      this.postsUnchanged += 1;
      this.state.rememberPost(key, { fingerprint }, this.now);
      return 'unchanged';
    }
    await this.writer.write(post);
    this.state.rememberPost(key, { publishedAt: post.publishedAt, fingerprint }, this.now);
    this.postsWritten += 1;
    this.tally.countWritten(post, options.isArticle ?? false);
    if (this.postsWritten >= this.source.maxItemsPerRun) {
      this.logger.info({ maxItemsPerRun: this.source.maxItemsPerRun }, 'maxItemsPerRun reached; stopping the run');
      this.requestStop();
    }
    return 'written';
  }

  /** Counts a detail page attempt; all attempts missing their selectors means the source is broken. */
  countDetailPage(matchedSelectors: boolean): void {
    this.detailAttempts += 1;
    if (!matchedSelectors) this.detailSelectorMisses += 1;
  }

  /** A page fetched and handled. */
  countPage(): void {
    this.pagesFetched += 1;
  }

  /** A request that failed for good. Entry pages and blocked/broken errors end the run; other pages are skipped. */
  recordFailure(error: CrawlError, url: string): void {
    this.pagesFailed += 1;
    this.lastPageError = error;
    // A page whose selectors and extraction found nothing is counted as a miss (countDetailPage), not a failure.
    if (this.detailUrls.has(url) && error.reason !== 'selector-matched-nothing') this.detailFailures += 1;
    const decisive = this.isEntry(url) || error instanceof BlockedSourceError || error instanceof BrokenSourceError;
    // The run's summary line carries the warning (once per change of state); this is the detail.
    this.logger.info({ url, reason: error.reason, policy: error.policy, entry: this.isEntry(url) }, `${decisive ? 'source failed' : 'page skipped'}: ${error.message}`);
    if (decisive && !this.decisive) {
      this.decisive = error;
      this.requestStop();
    }
  }

  /** A failure of the run as a whole (e.g. the crawler could not start): decides the status. */
  failRun(error: CrawlError): void {
    this.logger.info({ reason: error.reason, policy: error.policy }, `source failed: ${error.message}`);
    if (!this.decisive) this.decisive = error;
    this.requestStop();
  }

  /**
   * The requests robots.txt allows, in order; every disallowed one is recorded (and never requested).
   * Every source type passes its requests through here before handing them to crawlee.
   */
  async admit<T extends { url: string }>(requests: T[]): Promise<T[]> {
    if (!this.robots) return requests;
    const allowed: T[] = [];
    for (const request of requests) {
      const refusal = await this.robots.refusal(request.url);
      if (!refusal) allowed.push(request);
      else this.recordDisallowed(request.url, refusal);
    }
    return allowed;
  }

  /** A URL robots.txt disallows (or whose robots.txt is unreachable): never requested. On an entry URL it ends the run. */
  recordDisallowed(url: string, refusal: CrawlError): void {
    this.pagesDisallowed += 1;
    if (this.isEntry(url)) this.recordFailure(refusal, url);
    else this.logger.info({ url, reason: refusal.reason }, 'skipped a URL robots.txt does not allow');
  }

  /** The run's report; `segmentPath` is the closed spool segment. Ends the run's interest in the abort signal. */
  report(segmentPath: string | undefined): CrawlRunReport {
    this.signal.removeEventListener('abort', this.onAbort);
    let decisive = this.decisive;
    const detailTotal = this.detailAttempts + this.detailFailures;
    if (!decisive && detailTotal > 0 && this.detailSelectorMisses + this.detailFailures === detailTotal) {
      decisive = this.detailFailures === 0
        ? new BrokenSourceError('selector-matched-nothing', `selectors and automatic extraction found nothing on all ${this.detailAttempts} detail pages`)
        : new TransientCrawlError('every-detail-page-failed', `every detail page failed (${this.detailFailures} of ${detailTotal}; last: ${this.lastPageError?.message ?? 'unknown'})`, this.lastPageError?.url);
    }
    const status: CrawlRunStatus = decisive ? statusOf(decisive) : this.signal.aborted ? 'interrupted' : 'ok';
    const shown = decisive ?? (status === 'interrupted' ? new TransientCrawlError('interrupted', 'run interrupted by shutdown') : this.lastPageError);
    const warnings = this.tally.warnings({ fetched: this.pagesFetched, failed: this.pagesFailed, lastError: this.lastPageError });
    const isDegraded = warnings.some((warning) => warning.code !== 'fallback-charset');
    const state: SourceState = status === 'blocked' ? 'blocked' : status === 'broken' ? 'broken' : status === 'failed' ? 'failing' : isDegraded ? 'degraded' : 'ok';
    const { tally } = this;
    return {
      sourceId: this.source.id,
      sourceType: this.source.type,
      status,
      state,
      startedAt: this.startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      segmentPath,
      itemsSeen: tally.itemsSeen,
      postsWritten: this.postsWritten,
      postsUnchanged: this.postsUnchanged,
      postsInvalid: this.postsInvalid,
      dropped: { ...tally.dropped },
      postsFallbackCharset: tally.fallbackCharset,
      postsGarbled: tally.garbled,
      postsUndated: tally.undated,
      postsUntitled: tally.untitled,
      postsExtracted: tally.extracted,
      pagesFetched: this.pagesFetched,
      pagesFailed: this.pagesFailed,
      pagesDisallowed: this.pagesDisallowed,
      warnings,
      advice: decisive ? adviceFor(decisive, this.source, this.credentials) : undefined,
      error: shown ? { reason: shown.reason, policy: shown.policy, message: shown.message, ...(shown.url ? { url: shown.url } : {}) } : undefined,
    };
  }
}

function statusOf(error: CrawlError): CrawlRunStatus {
  if (error instanceof BlockedSourceError) return 'blocked';
  if (error instanceof BrokenSourceError) return 'broken';
  if (error instanceof SkippedPageError && error.reason === 'selector-matched-nothing') return 'broken';
  return 'failed';
}
