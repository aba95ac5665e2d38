import type { Client, estypes } from '@elastic/elasticsearch';

/** Values offered in the queue's filter lists. */
export interface QueueFacets {
  sources: { id: string; name: string; count: number }[];
  categories: { id: string; count: number }[];
  ruleIds: { id: string; count: number }[];
}

const cacheMillis = 60_000;

/** The aggregation behind the filter lists (pure). */
export function buildFacetsSearch(postsAlias: string): estypes.SearchRequest {
  return {
    index: postsAlias, size: 0, ignore_unavailable: true, allow_no_indices: true,
    aggs: {
      sources: { terms: { field: 'sourceId', size: 500 }, aggs: { name: { terms: { field: 'sourceName', size: 1 } } } },
      categories: { terms: { field: 'risk.categories', size: 200 } },
      rules: { terms: { field: 'risk.ruleIds', size: 2000 } },
    },
  };
}

type Bucket = { key: string; doc_count: number; name?: { buckets: { key: string }[] } };
const bucketsOf = (aggregations: Record<string, unknown> | undefined, name: string): Bucket[] =>
  ((aggregations?.[name] as { buckets?: Bucket[] } | undefined)?.buckets ?? []);

/** Filter-list values from the posts themselves, cached for a minute (they change slowly). */
export class QueueFacetsCache {
  private cached?: { at: number; facets: QueueFacets };

  constructor(private readonly client: Client, private readonly postsAlias: string) {}

  /** The current values. */
  async get(): Promise<QueueFacets> {
    if (this.cached && Date.now() - this.cached.at < cacheMillis) return this.cached.facets;
    const response = await this.client.search(buildFacetsSearch(this.postsAlias));
    const aggregations = response.aggregations as Record<string, unknown> | undefined;
    const facets: QueueFacets = {
      sources: bucketsOf(aggregations, 'sources').map((bucket) => ({ id: bucket.key, name: bucket.name?.buckets[0]?.key ?? bucket.key, count: bucket.doc_count })),
      categories: bucketsOf(aggregations, 'categories').map((bucket) => ({ id: bucket.key, count: bucket.doc_count })),
      ruleIds: bucketsOf(aggregations, 'rules').map((bucket) => ({ id: bucket.key, count: bucket.doc_count })),
    };
    this.cached = { at: Date.now(), facets };
    return facets;
  }
}
