import type { Client } from '@elastic/elasticsearch';
import type { Logger } from 'pino';
import type { Config } from '../config/config-schema.ts';
import type { RawPost } from '../crawlers/raw-post.ts';
import { buildPostOperation, type BuildContext, type SourceInfo } from './build-post.ts';
import { bulkIndex, emptyBulkStats, replaySpool, type BulkIndexStats } from './bulk-index.ts';
import { DeadLetterFile } from './dead-letter.ts';
import { EsSpool } from './es-spool.ts';
import type { IndexOperation } from './index-operation.ts';
import type { AnalyzePost } from './post-analysis.ts';
import type { IndexNames, PostDocument } from './post-document.ts';
import { listRawSegments, purgeProcessedRaw, readRawPosts, retireRawSegment, type RawReadStats } from './raw-spool-reader.ts';

export interface PipelineProgress { read: number; written: number; spooled: number; rejected: number }

export interface PipelineReport extends BulkIndexStats {
  segments: number;
  read: number;
  /** Raw posts refused by the contract, in the dead-letter file. */
  invalid: number;
  durationMillis: number;
}

export interface PipelineOptions {
  client: Client;
  config: Config;
  names: IndexNames;
  analyze: AnalyzePost;
  logger: Logger;
  /** Called for every post Elasticsearch confirmed, with whether it was new. */
  onPostWritten?: (document: PostDocument, outcome: 'created' | 'updated' | 'noop') => void;
  onProgress?: (progress: PipelineProgress) => void;
}

/**
 * The pipeline: raw posts → normalise, redact, analyse → partial updates → Elasticsearch (or the spool).
 * Stages are async generators pulled by the bulk helper, so the whole chain runs at Elasticsearch's pace.
 */
export class Pipeline {
  readonly spool: EsSpool;
  readonly deadLetter: DeadLetterFile;
  private readonly context: BuildContext;

  /** The indices this pipeline writes. */
  get names(): IndexNames {
    return this.options.names;
  }

  constructor(private readonly options: PipelineOptions) {
    const { config } = options;
    this.spool = new EsSpool(config.storage.dataDir);
    this.deadLetter = new DeadLetterFile(config.storage.dataDir);
    const sources = new Map<string, SourceInfo>(config.sources.map((source) => [source.id, { name: source.name, weight: source.weight }]));
    this.context = { names: options.names, pipeline: config.pipeline, privacy: config.privacy, analyze: options.analyze, sources };
  }

  /** Turns raw posts into index operations (exposed for benchmarks that time the stages alone). */
  async *operations(posts: AsyncIterable<RawPost>): AsyncGenerator<IndexOperation> {
    for await (const post of posts) {
      try {
        yield buildPostOperation(post, this.context).operation;
      } catch (error) {
        this.deadLetter.write('raw-posts', `analysis failed: ${(error as Error).message}`, post);
      }
    }
  }

  /** Runs raw posts through the pipeline into Elasticsearch. */
  async ingest(posts: AsyncIterable<RawPost>, readStats: RawReadStats = { read: 0, rejected: 0 }): Promise<PipelineReport> {
    const started = Date.now();
    const { config, client, logger } = this.options;
    const stats = emptyBulkStats();
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
        onWritten: (operation, outcome) => this.options.onPostWritten?.(operation.upsert as PostDocument, outcome),
      });
    } finally {
      if (timer) clearInterval(timer);
    }
    return { ...stats, segments: 0, read: readStats.read, invalid: readStats.rejected, durationMillis: Date.now() - started };
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
