import type { Client } from '@elastic/elasticsearch';
import type { IndexNames } from '../../pipeline/post-document.ts';
import { readStateDocuments } from './alert-state.ts';

/** A source the alerts have seen posts of: its first crawl is behind it. */
export interface SourceMarker { kind: 'source'; subjectId: string; decidedAt: string; updatedAt: string }

/**
 * Sources with posts crawled since `since` that the alert state has never seen: their posts are the backlog of a
 * first crawl (the first start, or a newly added source), summarised in one message instead of one alert each.
 * Returns them with the markers to write once the check is recorded.
 */
export async function findFirstCrawlSources(client: Client, names: IndexNames, stateIndex: string, since: Date, now: Date): Promise<{ sourceIds: Set<string>; markers: { id: string; doc: SourceMarker }[] }> {
  const response = await client.search({
    index: names.posts, size: 0, ignore_unavailable: true, allow_no_indices: true,
    query: { range: { lastSeenAt: { gte: since.toISOString() } } }, aggs: { sources: { terms: { field: 'sourceId', size: 2000 } } },
  });
  const active = ((response.aggregations?.sources as { buckets?: { key: string }[] } | undefined)?.buckets ?? []).map((bucket) => String(bucket.key));
  const known = await readStateDocuments(client, stateIndex, active.map((id) => `source:${id}`));
  const fresh = active.filter((id) => !known.has(`source:${id}`));
  const stamp = now.toISOString();
  return { sourceIds: new Set(fresh), markers: fresh.map((id) => ({ id: `source:${id}`, doc: { kind: 'source', subjectId: id, decidedAt: stamp, updatedAt: stamp } })) };
}
