import type { Client } from '@elastic/elasticsearch';
import type { Logger } from 'pino';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DeadLetterFile } from './dead-letter.ts';
import { describeEsError, isReachable, isUnavailable } from './es-client.ts';
import type { EsSpool } from './es-spool.ts';
import { operationKey, type IndexOperation } from './index-operation.ts';
import { routeOperations } from './route-operations.ts';

export interface BulkIndexOptions {
  flushBytes: number;
  concurrency: number;
  /** Extra attempts for documents refused with 429/5xx, backing off exponentially from 500 ms. */
  documentRetries: number;
  /** Where operations go while Elasticsearch is unreachable. Without it, unavailability is thrown to the caller. */
  spool?: EsSpool | undefined;
  deadLetter: DeadLetterFile;
  /** How often to look for Elasticsearch again while spooling. */
  probeIntervalMillis?: number;
  logger?: Logger | undefined;
  /** Filled in as the run goes, so a caller can show progress. */
  stats?: BulkIndexStats | undefined;
  /** Called once per operation Elasticsearch confirmed. */
  onWritten?: ((operation: IndexOperation, result: 'created' | 'updated' | 'noop') => void) | undefined;
}

export interface BulkIndexStats {
  written: number;
  created: number;
  updated: number;
  noop: number;
  /** Refused for a reason retrying cannot fix (mapping, validation): in the dead-letter file. */
  rejected: number;
  /** Appended to the spool because Elasticsearch was unavailable. */
  spooled: number;
  /** Taken back from the spool and written. */
  replayed: number;
  retried: number;
}

/** Error of a whole bulk request (not of one document) that was not "Elasticsearch is away". */
export class BulkRequestError extends Error {
  override name = 'BulkRequestError';
}

/** Counters at zero. */
export function emptyBulkStats(): BulkIndexStats {
  return { written: 0, created: 0, updated: 0, noop: 0, rejected: 0, spooled: 0, replayed: 0, retried: 0 };
}

const missingRetries = new WeakMap<IndexOperation, number>();

function toBulkAction(operation: IndexOperation) {
  return [
    // retry_on_conflict: a reviewer may change the review fields at the same moment; our partial doc merges on top.
    { update: { _index: operation.index, _id: operation.id, retry_on_conflict: 5 } },
    { doc: operation.doc, ...(operation.upsert ? { upsert: operation.upsert } : {}) },
  ] as const;
}

/**
 * Runs one pass of the bulk helper over `next()` until the source is exhausted. Everything pulled is tracked
 * until Elasticsearch confirms it, because the helper reports a failed request only by rejecting, without the
 * documents it carried. Returns the operations that were not confirmed when the request failed.
 */
async function sendWithHelper(
  client: Client, next: () => Promise<IndexOperation | undefined>, options: BulkIndexOptions, stats: BulkIndexStats,
  retryLater: IndexOperation[],
): Promise<{ unconfirmed: IndexOperation[]; error?: unknown }> {
  const pending = new Map<string, IndexOperation>();
  async function* source(): AsyncGenerator<IndexOperation> {
    for (;;) {
      const operation = await next();
      if (!operation) return;
      pending.set(operationKey(operation), operation);
      yield operation;
    }
  }
  const settle = (action: Record<string, { _index?: string; _id?: string | null } | undefined>) => {
    const target = Object.values(action)[0];
    const key = operationKey({ index: target?._index ?? '', id: target?._id ?? '' });
    const operation = pending.get(key);
    pending.delete(key);
    return operation;
  };
  try {
    await client.helpers.bulk<IndexOperation>({
      datasource: source(),
      onDocument: (operation) => toBulkAction(operation) as never,
      flushBytes: options.flushBytes,
      concurrency: options.concurrency,
      retries: options.documentRetries,
      wait: 500,
      refreshOnCompletion: false,
      onSuccess: ({ result }) => {
        const operation = settle(result as never);
        const outcome = (Object.values(result)[0] as { result?: string } | undefined)?.result;
        stats.written += 1;
        if (outcome === 'created') stats.created += 1;
        else if (outcome === 'noop') stats.noop += 1;
        else stats.updated += 1;
        if (operation) options.onWritten?.(operation, outcome === 'created' ? 'created' : outcome === 'noop' ? 'noop' : 'updated');
      },
      onDrop: (dropped) => {
        const operation = settle(dropped.operation as never);
        if (!operation) return;
        // An update of a document that is in another bulk request still in flight (a copy count raised on an
        // original written moments before) finds it missing: that is worth a retry, a few times.
        const isMissing = dropped.error?.type === 'document_missing_exception';
        const missingAttempts = missingRetries.get(operation) ?? 0;
        if (dropped.status === 429 || dropped.status >= 500 || (isMissing && missingAttempts < options.documentRetries)) {
          if (isMissing) missingRetries.set(operation, missingAttempts + 1);
          retryLater.push(operation);
        } else {
          stats.rejected += 1;
          const reason = `HTTP ${dropped.status} ${dropped.error?.type ?? ''}: ${dropped.error?.reason ?? 'rejected'}`;
          options.deadLetter.write('documents', reason, operation);
          options.logger?.warn({ id: operation.id, index: operation.index, reason }, 'document rejected by Elasticsearch');
        }
      },
    });
    return { unconfirmed: [...pending.values()] };
  } catch (error) {
    return { unconfirmed: [...pending.values()], error };
  }
}

/**
 * Writes partial updates with `helpers.bulk` (backpressure: the source is pulled only as fast as Elasticsearch
 * takes it). Documents refused with 429/5xx are retried with exponential backoff; documents refused for their
 * content go to the dead-letter file with the reason. When Elasticsearch is unreachable, the unconfirmed and all
 * following operations are appended to the spool; once it answers again the spool is replayed first, then
 * indexing resumes. Returns when every operation is written, dead-lettered or spooled (and fsynced).
 */
export async function bulkIndex(client: Client, operations: AsyncIterable<IndexOperation>, options: BulkIndexOptions): Promise<BulkIndexStats> {
  const stats = options.stats ?? emptyBulkStats();
  const iterator = routeOperations(client, operations)[Symbol.asyncIterator]();
  let exhausted = false;
  const next = async (): Promise<IndexOperation | undefined> => {
    if (exhausted) return undefined;
    const result = await iterator.next();
    if (result.done) exhausted = true;
    return result.done ? undefined : result.value;
  };
  const retryLater: IndexOperation[] = [];
  const spool = options.spool;
  const probeMillis = options.probeIntervalMillis ?? 5000;

  const spoolAll = async (batch: IndexOperation[]) => {
    for (const operation of batch) await spool!.append(operation);
    stats.spooled += batch.length;
  };

  try {
    while (!exhausted) {
      if (spool && !spool.isEmpty()) {
        // Spooled operations are older than anything still to come: they must land first.
        if (!(await replaySpool(client, spool, { ...options, spool: undefined }, stats))) {
          const until = Date.now() + probeMillis;
          while (Date.now() < until) {
            const operation = await next();
            if (!operation) break;
            await spoolAll([operation]);
          }
          await spool.flush();
          continue;
        }
      }
      const { unconfirmed, error } = await sendWithHelper(client, next, options, stats, retryLater);
      if (error === undefined) continue;
      if (!isUnavailable(error)) throw new BulkRequestError(`bulk request failed: ${describeEsError(error)}`);
      if (!spool) throw error;
      options.logger?.warn({ reason: describeEsError(error), spooling: unconfirmed.length }, 'Elasticsearch unavailable: spooling to disk, will replay');
      await spoolAll(unconfirmed);
      await spool.flush();
    }
    for (let attempt = 1; retryLater.length > 0 && attempt <= options.documentRetries; attempt += 1) {
      await sleep(500 * 2 ** attempt);
      const batch = retryLater.splice(0);
      stats.retried += batch.length;
      let index = 0;
      const { unconfirmed, error } = await sendWithHelper(client, async () => batch[index++], options, stats, retryLater);
      if (error !== undefined) {
        if (!spool || !isUnavailable(error)) throw error;
        await spoolAll(unconfirmed);
      }
    }
    if (retryLater.length > 0) {
      if (!spool) throw new BulkRequestError(`${retryLater.length} documents still refused with 429/5xx after ${options.documentRetries} retries`);
      options.logger?.warn({ count: retryLater.length }, 'documents still refused after retries: spooled for replay');
      await spoolAll(retryLater.splice(0));
    }
  } finally {
    await spool?.flush();
  }
  return stats;
}

/**
 * Replays spooled operations in order, deleting each segment once all of it is written.
 * Returns false (leaving the rest in place) as soon as Elasticsearch is unavailable.
 */
export async function replaySpool(client: Client, spool: EsSpool, options: BulkIndexOptions, stats: BulkIndexStats = emptyBulkStats()): Promise<boolean> {
  await spool.flush();
  if (!(await isReachable(client))) return false;
  for (const segment of spool.segments()) {
    try {
      const before = stats.written + stats.rejected;
      await bulkIndex(client, spool.read(segment), { ...options, spool: undefined, stats: undefined }).then((segmentStats) => {
        for (const key of Object.keys(stats) as (keyof BulkIndexStats)[]) stats[key] += segmentStats[key];
      });
      stats.replayed += stats.written + stats.rejected - before;
      spool.remove(segment);
    } catch (error) {
      if (isUnavailable(error) || error instanceof BulkRequestError) {
        options.logger?.warn({ segment, reason: describeEsError(error) }, 'spool replay interrupted; will retry');
        return false;
      }
      throw error;
    }
  }
  options.logger?.info({ replayed: stats.replayed }, 'spool replayed into Elasticsearch');
  return true;
}
