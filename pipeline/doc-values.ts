import type { estypes } from '@elastic/elasticsearch';

/**
 * Lookups that the pipeline runs for every batch read doc values instead of `_source`: a stored post's source
 * carries its whole analysis (evidence, hits), and decompressing thousands of them per batch costs more than
 * the query itself.
 */
export function firstDocValue<T>(hit: estypes.SearchHit<unknown>, field: string): T | undefined {
  return (hit.fields?.[field] as T[] | undefined)?.[0];
}

/** Every doc value of a multi-valued field (sorted and de-duplicated by Elasticsearch). */
export function docValues<T>(hit: estypes.SearchHit<unknown>, field: string): T[] {
  return (hit.fields?.[field] as T[] | undefined) ?? [];
}
