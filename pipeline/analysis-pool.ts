import { Worker } from 'node:worker_threads';
import type { Config } from '../config/config-schema.ts';
import type { RawPost } from '../crawlers/raw-post.ts';
import type { AnalysisRequest, AnalysisResponse, AnalysisResult } from './analysis-worker.ts';

const batchSize = 100;
const batchesInFlightPerWorker = 2;

/**
 * Analysis in worker threads. Segmentation, sentiment and rules are CPU work; on the main thread they hold up
 * everything else in the process (bulk requests, story lookups, the review app under `yuqing start`). Results
 * come back in the order the posts went in.
 */
export class AnalysisPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, { resolve: (results: AnalysisResult[]) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor(config: Config, size: number) {
    for (let i = 0; i < size; i += 1) {
      const worker = new Worker(new URL('./analysis-worker.mjs', import.meta.url));
      worker.on('message', (response: AnalysisResponse) => {
        this.pending.get(response.id)?.resolve(response.results);
        this.pending.delete(response.id);
      });
      worker.on('error', (error) => {
        // A crashed worker fails every batch still out; the posts stay in the raw spool and are read again.
        this.failure = error;
        for (const { reject } of this.pending.values()) reject(error);
        this.pending.clear();
      });
      worker.postMessage({ kind: 'init', config } satisfies AnalysisRequest);
      // Idle workers must not keep a finished command alive.
      worker.unref();
      this.workers.push(worker);
    }
  }

  private send(posts: RawPost[]): Promise<AnalysisResult[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const worker = this.workers[id % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ kind: 'batch', id, posts } satisfies AnalysisRequest);
    });
  }

  /** Analyses a stream of raw posts, keeping a few batches per worker in flight. */
  async *analyse(posts: AsyncIterable<RawPost>): AsyncGenerator<AnalysisResult> {
    const inFlight: Promise<AnalysisResult[]>[] = [];
    const limit = this.workers.length * batchesInFlightPerWorker;
    let batch: RawPost[] = [];
    for await (const post of posts) {
      batch.push(post);
      if (batch.length < batchSize) continue;
      inFlight.push(this.send(batch));
      batch = [];
      if (inFlight.length >= limit) yield* await inFlight.shift()!;
    }
    if (batch.length > 0) inFlight.push(this.send(batch));
    while (inFlight.length > 0) yield* await inFlight.shift()!;
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
    this.workers.length = 0;
  }
}
