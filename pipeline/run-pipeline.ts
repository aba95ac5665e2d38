import type { Client } from '@elastic/elasticsearch';
import type { Logger } from 'pino';
import type { Config } from '../config/config-schema.ts';
import type { RawPost } from '../crawlers/raw-post.ts';
import { RecentStories } from './assign-events.ts';
import { AnalysisPool } from './analysis-pool.ts';
import { buildContextFor, buildPostOperation, type BuildContext } from './build-post.ts';
import { bulkIndex, emptyBulkStats, replaySpool, type BulkIndexStats } from './bulk-index.ts';
import { DeadLetterFile } from './dead-letter.ts';
import { describeEsError, isReachable } from './es-client.ts';
import { EsSpool } from './es-spool.ts';
import { detectSpikes } from './detect-spikes.ts';
import type { IndexOperation } from './index-operation.ts';
import type { PostAnalyzer } from './post-analysis.ts';
import type { IndexNames, PostDocument } from './post-document.ts';
import type { PreparedPost } from './prepared-post.ts';
import { readAhead } from './read-ahead.ts';
import { storyStage } from './story-stage.ts';
import { computeEventUpdates } from './update-events.ts';
import { listRawSegments, purgeProcessedRaw, readRawPosts, retireRawSegment, type RawReadStats } from './raw-spool-reader.ts';

export interface PipelineProgress { read: number; written: number; spooled: number; rejected: number }

/** Counters of one run. `written`, `created`, `spooled`… count index operations (posts, snapshots, copy counts, events). */
export interface PipelineReport extends BulkIndexStats {
  segments: number;
  /** Posts Elasticsearch confirmed: stored for the first time, and updated (re-crawls). */
  postsCreated: number;
  postsUpdated: number;
  /** Events whose statistics were recomputed after this run. */
  eventsUpdated: number;
  /** Spikes found after this run. */
  spikesDetected: number;
  read: number;
  /** Raw posts refused by the contract, in the dead-letter file. */
  invalid: number;
  durationMillis: number;
}

export interface PipelineOptions {
  client: Client;
  config: Config;
  names: IndexNames;
  analyzer: PostAnalyzer;
  logger: Logger;
  /**
   * Worker threads for the analysis (0: on this thread). Workers analyse with the engine built from the config,
   * so tests that inject their own `analyzer` leave this at 0.
   */
  analysisWorkers?: number;
  /** Called for every post Elasticsearch confirmed, with whether it was new. */
  onPostWritten?: (document: PostDocument, outcome: 'created' | 'updated' | 'noop') => void;
  onProgress?: (progress: PipelineProgress) => void;
}

/**
 * The pipeline: raw posts → normalise, redact, analyse → duplicates and events → partial updates →
 * Elasticsearch (or the spool) → event statistics and spikes. Stages are async generators pulled by the bulk
 * helper, so the whole chain runs at Elasticsearch's pace.
 */
export class Pipeline {
  readonly spool: EsSpool;
  readonly deadLetter: DeadLetterFile;
  private readonly context: BuildContext;
  private readonly pool: AnalysisPool | undefined;
  private readonly recentStories = new RecentStories();
  private readonly knownCopies = new Map<string, number>();
  /** Events touched since their statistics were last written (kept across runs until Elasticsearch takes them). */
  private readonly touchedEvents = new Set<string>();

  /** The indices this pipeline writes. */
  get names(): IndexNames {
    return this.options.names;
  }

  constructor(private readonly options: PipelineOptions) {
    const { config } = options;
    this.spool = new EsSpool(config.storage.dataDir);
    this.deadLetter = new DeadLetterFile(config.storage.dataDir);
    this.context = buildContextFor(config, options.names, options.analyzer);
    if (options.analysisWorkers) this.pool = new AnalysisPool(config, options.analysisWorkers);
  }

  /** Normalises, redacts and analyses raw posts (bad ones to the dead-letter file). */
  async *preparedPosts(posts: AsyncIterable<RawPost>): AsyncGenerator<PreparedPost> {
    if (this.pool) {
      for await (const result of this.pool.analyse(posts)) {
        if ('prepared' in result) yield result.prepared;
        else this.deadLetter.write('raw-posts', `analysis failed: ${result.error}`, result.post);
      }
      return;
    }
    for await (const post of posts) {
      try {
        yield buildPostOperation(post, this.context);
      } catch (error) {
        this.deadLetter.write('raw-posts', `analysis failed: ${(error as Error).message}`, post);
      }
    }
  }

  /** Stops the analysis workers, if any. */
  async close(): Promise<void> {
    await this.pool?.close();
  }

  /** Raw posts → the index operations the pipeline sends (exposed so benchmarks can time the stages alone). */
  operations(posts: AsyncIterable<RawPost>): AsyncGenerator<IndexOperation> {
    const { client, config, names, analyzer, logger } = this.options;
    // Read ahead: the next posts are analysed while a batch's story lookups wait on Elasticsearch.
    return storyStage(readAhead(this.preparedPosts(posts), 1000), {
      client, names, analyzer, logger,
      recentStories: this.recentStories,
      knownCopies: this.knownCopies,
      touchedEvents: this.touchedEvents,
      nearDuplicateMaxDistance: config.analysis.nearDuplicateMaxDistance,
      eventWindowHours: config.analysis.eventWindowHours,
      eventMinKeywordOverlap: config.analysis.eventMinKeywordOverlap,
    });
  }

  /** Runs raw posts through the pipeline into Elasticsearch. */
  async ingest(posts: AsyncIterable<RawPost>, readStats: RawReadStats = { read: 0, rejected: 0 }): Promise<PipelineReport> {
    const started = Date.now();
    const { config, client, logger } = this.options;
    const stats = emptyBulkStats();
    let postsCreated = 0;
    let postsUpdated = 0;
    const timer = this.options.onProgress && setInterval(() => this.options.onProgress!({
      read: readStats.read, written: stats.written, spooled: stats.spooled, rejected: readStats.rejected + stats.rejected,
    }), 1000);
    try {
      await bulkIndex(client, this.operations(posts), {
        ...config.elasticsearch.bulk,
        spool: this.spool,
        deadLetter: this.deadLetter,
        logger,
        stats,
        onWritten: (operation, outcome) => {
        if (!operation.upsert || !('postId' in operation.upsert) || !operation.index.startsWith(`${this.options.names.posts}-`)) return;
        if (outcome === 'created') postsCreated += 1;
        else postsUpdated += 1;
        this.options.onPostWritten?.(operation.upsert as PostDocument, outcome);
      },
      });
    } finally {
      if (timer) clearInterval(timer);
    }
    const stories = await this.updateStories(stats);
    return { ...stats, ...stories, postsCreated, postsUpdated, segments: 0, read: readStats.read, invalid: readStats.rejected, durationMillis: Date.now() - started };
  }

  /**
   * After posts are in: recompute the statistics of every touched event and look for spikes. Skipped (and
   * kept for the next run) while Elasticsearch is away.
   */
  private async updateStories(stats: BulkIndexStats): Promise<{ eventsUpdated: number; spikesDetected: number }> {
    const { client, config, names, logger } = this.options;
    if (this.touchedEvents.size === 0 && stats.written === 0) return { eventsUpdated: 0, spikesDetected: 0 };
    if (!(await isReachable(client))) return { eventsUpdated: 0, spikesDetected: 0 };
    try {
      await client.indices.refresh({ index: names.posts, ignore_unavailable: true, allow_no_indices: true });
      const eventIds = [...this.touchedEvents];
      const eventOperations = await computeEventUpdates(client, names, eventIds, config.analysis.riskWeights.levelThresholds, this.recentStories);
      const spikeOperations = await detectSpikes(client, names, config.analysis.spikes);
      async function* all() {
        yield* eventOperations;
        yield* spikeOperations;
      }
      await bulkIndex(client, all(), { ...config.elasticsearch.bulk, spool: this.spool, deadLetter: this.deadLetter, logger });
      for (const eventId of eventIds) this.touchedEvents.delete(eventId);
      // Alerts and digests read events and spikes right after a run.
      await client.indices.refresh({ index: [names.events, names.spikes], ignore_unavailable: true, allow_no_indices: true });
      if (spikeOperations.length > 0) logger.info({ spikes: spikeOperations.map((operation) => operation.doc.value) }, 'spikes detected');
      return { eventsUpdated: eventOperations.length, spikesDetected: spikeOperations.length };
    } catch (error) {
      logger.warn({ reason: describeEsError(error) }, 'event statistics and spike detection postponed');
      return { eventsUpdated: 0, spikesDetected: 0 };
    }
  }

  /** Processes every finished raw-spool segment, then retires them. Safe to re-run after a crash: writes are idempotent. */
  async processRawSpool(): Promise<PipelineReport> {
    const { config } = this.options;
    const segments = listRawSegments(config.storage.dataDir);
    const readStats: RawReadStats = { read: 0, rejected: 0 };
    const report = await this.ingest(readRawPosts(segments, this.deadLetter, readStats), readStats);
    // Every post of these segments is now in Elasticsearch, in the fsynced spool, or dead-lettered.
    for (const segment of segments) retireRawSegment(segment, config.storage.keepProcessedRawHours);
    purgeProcessedRaw(config.storage.dataDir, config.storage.keepProcessedRawHours);
    return { ...report, segments: segments.length };
  }

  /** Replays the spool if Elasticsearch is back; true when the spool is empty afterwards. */
  async replaySpool(): Promise<boolean> {
    if (this.spool.isEmpty()) return true;
    return replaySpool(this.options.client, this.spool, { ...this.options.config.elasticsearch.bulk, deadLetter: this.deadLetter, logger: this.options.logger });
  }
}
