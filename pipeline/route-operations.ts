import type { Client } from '@elastic/elasticsearch';
import type { IndexOperation } from './index-operation.ts';

/** Remembers where recent documents went, because a search cannot see them until the next refresh. */
class RecentLocations {
  private readonly map = new Map<string, string>();
  constructor(private readonly capacity: number) {}
  get(key: string): string | undefined {
    return this.map.get(key);
  }
  set(key: string, index: string): void {
    this.map.delete(key);
    this.map.set(key, index);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }
}

const recent = new RecentLocations(200_000);

/**
 * Sends each operation that names `routeByAlias` to the index where its document already lives, looking
 * ids up in batches (one search per batch). When the lookup cannot run (Elasticsearch away) operations pass
 * unchanged; they are routed again when the spool is replayed.
 */
export async function* routeOperations(client: Client, operations: AsyncIterable<IndexOperation>, batchSize = 500): AsyncGenerator<IndexOperation> {
  let batch: IndexOperation[] = [];
  // After a failed lookup, skip lookups for a while: during an outage every attempt would wait out retries.
  let lookupsPausedUntil = 0;
  const flush = async function* () {
    const byAlias = new Map<string, IndexOperation[]>();
    const unresolved = new Set<IndexOperation>();
    for (const operation of batch) {
      if (!operation.routeByAlias) continue;
      const key = `${operation.routeByAlias}\u0000${operation.id}`;
      const known = recent.get(key);
      if (known) operation.index = known;
      else byAlias.set(operation.routeByAlias, [...(byAlias.get(operation.routeByAlias) ?? []), operation]);
    }
    for (const [alias, group] of byAlias) {
      if (Date.now() < lookupsPausedUntil) {
        for (const operation of group) unresolved.add(operation);
        continue;
      }
      try {
        const response = await client.search({
          index: alias, size: group.length, _source: false, ignore_unavailable: true, allow_no_indices: true,
          query: { ids: { values: [...new Set(group.map((operation) => operation.id))] } },
        }, { maxRetries: 0 });
        const found = new Map(response.hits.hits.map((hit) => [hit._id!, hit._index]));
        for (const operation of group) operation.index = found.get(operation.id) ?? operation.index;
      } catch {
        // Unavailable: leave the computed index and do not remember it; the spool replay routes again.
        for (const operation of group) unresolved.add(operation);
        lookupsPausedUntil = Date.now() + 5000;
      }
    }
    for (const operation of batch) {
      if (operation.routeByAlias && !unresolved.has(operation)) recent.set(`${operation.routeByAlias}\u0000${operation.id}`, operation.index);
      yield operation;
    }
    batch = [];
  };
  for await (const operation of operations) {
    batch.push(operation);
    if (batch.length >= batchSize) yield* flush();
  }
  yield* flush();
}
