import type { Client } from '@elastic/elasticsearch';
import type { ReviewStatus } from '../display-names.ts';
import type { StoryHandling } from './event-assessment.ts';

interface Bucket { key: string; doc_count: number }
type Agg = { buckets?: Bucket[] };

/** The handling of each story (event) from its posts' review state, in one aggregation. */
export async function collectStoryHandling(client: Client, postsAlias: string, eventIds: string[]): Promise<Map<string, StoryHandling>> {
  if (eventIds.length === 0) return new Map();
  const response = await client.search({
    index: postsAlias, size: 0, ignore_unavailable: true, allow_no_indices: true,
    query: { terms: { eventId: eventIds } },
    aggs: {
      events: {
        terms: { field: 'eventId', size: eventIds.length },
        aggs: {
          statuses: { terms: { field: 'review.status', size: 10 } },
          responded: { filter: { term: { 'review.responseStatus': 'published' } } },
          inApproval: { filter: { term: { 'review.responseStatus': 'in_approval' } } },
          units: { terms: { field: 'review.unit', size: 5 } },
        },
      },
    },
  });
  const buckets = ((response.aggregations?.events as Agg | undefined)?.buckets ?? []) as (Bucket & { statuses: Agg; responded: { doc_count: number }; inApproval: { doc_count: number }; units: Agg })[];
  return new Map(buckets.map((bucket) => [String(bucket.key), {
    byStatus: Object.fromEntries((bucket.statuses.buckets ?? []).map((status) => [status.key, status.doc_count])) as Partial<Record<ReviewStatus, number>>,
    responded: bucket.responded.doc_count, inApproval: bucket.inApproval.doc_count, units: (bucket.units.buckets ?? []).map((unit) => String(unit.key)),
  }]));
}

/** Handling of a story nobody has touched (no posts found). */
export const emptyHandling: StoryHandling = { byStatus: {}, responded: 0, inApproval: 0, units: [] };
