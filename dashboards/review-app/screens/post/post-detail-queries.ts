import type { Client, estypes } from '@elastic/elasticsearch';
import type { EngagementSnapshot, EventDocument, IndexNames, PostDocument } from '../../../../pipeline/post-document.ts';
import type { AuditEntry } from '../../audit/audit-entry.ts';
import type { LoadedPost, PostStore } from '../../posts/post-store.ts';

/** Fields of a related post shown in lists (duplicates, event timeline). */
const relatedFields = ['postId', 'title', 'content', 'url', 'sourceId', 'sourceName', 'authorName', 'publishedAt', 'publishedAtKnown', 'risk.level', 'risk.score', 'duplicateKind', 'review.status'];

const readOptions = { ignore_unavailable: true, allow_no_indices: true } as const;

/** Posts that repeat this one (exact or near duplicates), and the original it repeats, if any. */
export function buildDuplicatesSearch(names: IndexNames, post: { id: string; duplicateOf?: string | undefined }): estypes.SearchRequest {
  const should: estypes.QueryDslQueryContainer[] = [{ term: { duplicateOf: post.id } }];
  if (post.duplicateOf) should.push({ ids: { values: [post.duplicateOf] } }, { term: { duplicateOf: post.duplicateOf } });
  return {
    index: names.posts, ...readOptions, size: 30, _source: relatedFields,
    query: { bool: { should, minimum_should_match: 1, must_not: [{ ids: { values: [post.id] } }] } },
    sort: [{ publishedAt: { order: 'asc' } }, { postId: { order: 'asc' } }],
  };
}

/** The event document of a post. */
export function buildEventSearch(names: IndexNames, eventId: string): estypes.SearchRequest {
  return { index: names.events, ...readOptions, size: 1, query: { term: { eventId } }, sort: [{ updatedAt: { order: 'desc' } }] };
}

/** The event's posts in publication order (its timeline), with an hourly histogram. */
export function buildEventTimelineSearch(names: IndexNames, eventId: string, timeZone: string): estypes.SearchRequest {
  return {
    index: names.posts, ...readOptions, size: 50, _source: relatedFields, query: { term: { eventId } },
    sort: [{ publishedAt: { order: 'asc' } }, { postId: { order: 'asc' } }],
    aggs: { perHour: { date_histogram: { field: 'publishedAt', calendar_interval: '1h', time_zone: timeZone, min_doc_count: 1 } } },
  };
}

/** The post's engagement counts at each crawl that saw them change, oldest first. */
export function buildEngagementSearch(names: IndexNames, postId: string): estypes.SearchRequest {
  return { index: names.engagement, ...readOptions, size: 200, query: { term: { postId } }, sort: [{ at: { order: 'asc' } }] };
}

/** The post's own history: audit entries about it, oldest first. */
export function buildHistorySearch(names: IndexNames, postId: string): estypes.SearchRequest {
  return {
    index: names.audit, ...readOptions, size: 200,
    query: { bool: { filter: [{ term: { targetType: 'post' } }, { term: { targetId: postId } }] } },
    sort: [{ at: { order: 'asc' } }],
  };
}

/** A related post in a list. */
export interface RelatedPost { id: string; post: Partial<PostDocument> }

/** Everything the post page shows. */
export interface PostDetail {
  loaded: LoadedPost;
  duplicates: RelatedPost[];
  event?: EventDocument | undefined;
  timeline: RelatedPost[];
  perHour: { at: string; count: number }[];
  engagement: EngagementSnapshot[];
  history: AuditEntry[];
}

const related = (response: estypes.SearchResponse<Partial<PostDocument>>): RelatedPost[] =>
  response.hits.hits.map((hit) => ({ id: hit._id!, post: hit._source ?? {} }));

/** Loads a post with its duplicates, event, timeline, engagement history and own history (in parallel); undefined if there is no such post. */
export async function loadPostDetail(client: Client, posts: PostStore, names: IndexNames, id: string, timeZone: string): Promise<PostDetail | undefined> {
  const loaded = await posts.load(id);
  if (!loaded) return undefined;
  const eventId = loaded.document.eventId;
  const [duplicates, event, timeline, history, engagement] = await Promise.all([
    client.search<Partial<PostDocument>>(buildDuplicatesSearch(names, { id, duplicateOf: loaded.document.duplicateOf })),
    eventId ? client.search<EventDocument>(buildEventSearch(names, eventId)) : undefined,
    eventId ? client.search<Partial<PostDocument>>(buildEventTimelineSearch(names, eventId, timeZone)) : undefined,
    client.search<AuditEntry>(buildHistorySearch(names, id)),
    client.search<EngagementSnapshot>(buildEngagementSearch(names, id)),
  ]);
  const buckets = (timeline?.aggregations?.perHour as estypes.AggregationsDateHistogramAggregate | undefined)?.buckets;
  return {
    loaded,
    duplicates: related(duplicates),
    event: event?.hits.hits[0]?._source,
    timeline: timeline ? related(timeline) : [],
    perHour: (Array.isArray(buckets) ? buckets : []).map((bucket) => ({ at: bucket.key_as_string ?? new Date(bucket.key).toISOString(), count: bucket.doc_count })),
    engagement: engagement.hits.hits.map((hit) => hit._source!).filter(Boolean),
    history: history.hits.hits.map((hit) => hit._source!).filter(Boolean),
  };
}
