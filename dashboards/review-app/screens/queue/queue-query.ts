import type { Client, estypes } from '@elastic/elasticsearch';
import type { ReviewConfig, ReviewRole } from '../../../../config/review-schema.ts';
import { reviewStatuses, riskLevelRank, type PostDocument } from '../../../../pipeline/post-document.ts';
import { openStatuses, overdueQuery } from '../../../handling-deadline.ts';
import { decodeCursor, encodeCursor, type SortValues } from '../../search-cursor.ts';
import { parseSearchPhrases, type InboxKind, type QueueQuery } from './queue-filters.ts';

/** Settings the queue query needs besides the filters. */
export interface QueueQueryOptions {
  postsAlias: string;
  pageSize: number;
  flaggedMinimumLevel: keyof typeof riskLevelRank;
  timeZone: string;
  /** The signed-in user, for `assignee=me` and the inboxes. */
  username: string;
  /** What the inboxes need: the user's role, the workflow settings and the time that decides overdue. */
  inbox?: InboxOptions | undefined;
}

/** The user and settings behind the personal inboxes. */
export interface InboxOptions {
  role: ReviewRole;
  review: Pick<ReviewConfig, 'approvalStages' | 'distinctApprovers' | 'sla'>;
  now: Date;
}

const supervisorRoles: readonly ReviewRole[] = ['reviewer', 'admin'];

/**
 * The filter of one personal inbox (pure). 待我处理: open posts the user holds whose response is not waiting for
 * others (and, for supervisors, every escalated post); 待我审批: responses at a stage the user's role decides,
 * not written by them and (with distinct approvers) not approved by them earlier in the round; 我提交的: responses
 * they helped write; 已超时: open posts past their deadline.
 */
export function inboxFilter(kind: InboxKind, username: string, inbox: InboxOptions): estypes.QueryDslQueryContainer {
  switch (kind) {
    case 'todo': {
      const mine: estypes.QueryDslQueryContainer = {
        bool: { filter: [{ term: { 'review.assignee': username } }, { terms: { 'review.status': [...openStatuses] } }], must_not: [{ term: { 'review.responseStatus': 'in_approval' } }] },
      };
      return supervisorRoles.includes(inbox.role) ? { bool: { should: [mine, { term: { 'review.status': 'escalated' } }], minimum_should_match: 1 } } : mine;
    }
    case 'approve': {
      const stageIds = inbox.review.approvalStages.filter((stage) => stage.roles.includes(inbox.role)).map((stage) => stage.id);
      return {
        bool: {
          filter: [{ term: { 'review.responseStatus': 'in_approval' } }, { terms: { 'review.approvalStageId': stageIds } }],
          must_not: [{ term: { 'review.responseAuthors': username } }, ...(inbox.review.distinctApprovers ? [{ term: { 'review.roundApprovers': username } }] : [])],
        },
      };
    }
    case 'submitted':
      return { term: { 'review.responseAuthors': username } };
    case 'overdue':
      return overdueQuery(inbox.review.sla, inbox.now);
  }
}

/** Responses of 我提交的 still in flight (the badge counts these; published ones stay listed). */
export const inFlightResponse: estypes.QueryDslQueryContainer = { terms: { 'review.responseStatus': ['in_approval', 'returned', 'approved'] } };

/** The stored fields a queue row shows (never the whole document: no tokens, hits or notes). */
export const queueSourceFields = [
  'postId', 'title', 'content', 'url', 'sourceId', 'sourceName', 'sourceType', 'authorName', 'publishedAt', 'publishedAtKnown', 'engagement', 'engagementTotal',
  'risk.score', 'risk.level', 'risk.categories', 'risk.ruleIds', 'sentiment.label', 'sentiment.score',
  'review.status', 'review.assignee', 'review.revision', 'review.responseStatus', 'review.approvalStage', 'review.approvalStageId', 'review.unit',
  'firstSeenAt', 'crawledAt',
  'duplicateOf', 'copies', 'eventId', 'category', 'region',
];

function termsFilter(field: string, values: readonly string[]): estypes.QueryDslQueryContainer[] {
  return values.length > 0 ? [{ terms: { [field]: [...values] } }] : [];
}

/** Filters on everything but the review status (the per-status counts are computed under these). */
function baseFilters(query: QueueQuery, options: QueueQueryOptions): { filter: estypes.QueryDslQueryContainer[]; mustNot: estypes.QueryDslQueryContainer[] } {
  const filter: estypes.QueryDslQueryContainer[] = [];
  const mustNot: estypes.QueryDslQueryContainer[] = [];
  if (query.inbox && options.inbox) filter.push(inboxFilter(query.inbox, options.username, options.inbox));
  // An inbox lists everything of the kind, flagged or not (an approved response to a low-risk post still waits).
  if (query.scope === 'flagged' && !query.inbox) {
    filter.push({
      bool: {
        should: [{ exists: { field: 'risk.ruleIds' } }, { range: { 'risk.levelRank': { gte: riskLevelRank[options.flaggedMinimumLevel] } } }],
        minimum_should_match: 1,
      },
    });
  }
  if (query.from || query.to) {
    // Date-only bounds cover whole days in the configured zone: round `from` down and `to` up. A time is sent
    // as the UTC instant it names: RFC 3339 allows offsets (+20:25) that Elasticsearch's parser refuses.
    const bound = (value: string) => (value.length === 10 ? `${value}||/d` : new Date(value).toISOString());
    filter.push({
      range: {
        publishedAt: {
          ...(query.from ? { gte: bound(query.from) } : {}), ...(query.to ? { lte: bound(query.to) } : {}), time_zone: options.timeZone,
        },
      },
    });
  }
  filter.push(...termsFilter('sourceId', query.source), ...termsFilter('risk.categories', query.category), ...termsFilter('risk.ruleIds', query.rule));
  filter.push(...termsFilter('risk.level', query.level), ...termsFilter('sentiment.label', query.sentiment));
  if (query.assignee === 'none') mustNot.push({ exists: { field: 'review.assignee' } });
  else if (query.assignee) filter.push({ term: { 'review.assignee': query.assignee === 'me' ? options.username : query.assignee } });
  for (const phrase of parseSearchPhrases(query.q)) {
    filter.push({
      bool: {
        should: [
          { multi_match: { query: phrase, type: 'phrase', fields: ['title', 'content'] } },
          { term: { authorName: phrase } },
        ],
        minimum_should_match: 1,
      },
    });
  }
  return { filter, mustNot };
}

/** Sort of the queue; the post id last makes every position unique, which `search_after` needs. */
export function queueSort(sort: QueueQuery['sort']): estypes.SortCombinations[] {
  const recency: estypes.SortCombinations[] = [{ publishedAt: { order: 'desc' } }, { postId: { order: 'asc' } }];
  return sort === 'recent' ? recency : [{ 'risk.score': { order: 'desc', missing: '_last', unmapped_type: 'float' } }, ...recency];
}

/** The two searches behind one queue page: the rows, and the counts per status under the same filters. */
export interface QueueSearches {
  page: estypes.SearchRequest;
  counts: estypes.SearchRequest;
}

/**
 * The searches for one queue page (pure: the same input always gives the same requests). Filters go in `query`;
 * the status filter applies to the rows only, so the per-status counts stay those of every status. The counts
 * are a separate `size: 0` search so Elasticsearch's shard request cache answers the many identical ones (the
 * default view of every user) until the next refresh. Rows are sorted by risk then recency and paged with
 * `search_after`, so page 500 costs what page 1 costs.
 */
export function buildQueueSearches(query: QueueQuery, options: QueueQueryOptions): QueueSearches {
  const { filter, mustNot } = baseFilters(query, options);
  const after = decodeCursor(query.cursor);
  const sort = queueSort(query.sort);
  const base = { index: options.postsAlias, ignore_unavailable: true, allow_no_indices: true, track_total_hits: false } as const;
  const statusFilter: estypes.QueryDslQueryContainer[] = query.status.length > 0 ? [{ terms: { 'review.status': query.status } }] : [];
  return {
    page: {
      ...base,
      size: query.size ?? options.pageSize,
      query: { bool: { filter: [...filter, ...statusFilter], must_not: mustNot } },
      sort,
      // A cursor from the other sort order has the wrong shape: start from the top instead of failing.
      ...(after && after.length === sort.length ? { search_after: after } : {}),
      _source: queueSourceFields,
    },
    counts: {
      ...base,
      size: 0,
      request_cache: true,
      query: { bool: { filter, must_not: mustNot } },
      aggs: { statuses: { terms: { field: 'review.status', size: reviewStatuses.length + 2 } } },
    },
  };
}

/** Runs both searches of a queue page in one round trip (msearch). */
export async function searchQueuePage(client: Client, query: QueueQuery, options: QueueQueryOptions): Promise<QueuePage> {
  const { page, counts } = buildQueueSearches(query, options);
  const header = (search: estypes.SearchRequest) => ({ index: search.index, ignore_unavailable: true, allow_no_indices: true, ...(search.request_cache ? { request_cache: true } : {}) });
  const body = (search: estypes.SearchRequest) => {
    const { index: _index, ignore_unavailable: _ignore, allow_no_indices: _allow, request_cache: _cache, ...rest } = search;
    return rest;
  };
  const response = await client.msearch<Partial<PostDocument>>({ searches: [header(page), body(page), header(counts), body(counts)] as never });
  const [pageResponse, countsResponse] = response.responses;
  for (const item of [pageResponse, countsResponse]) {
    if (!item || 'error' in item) throw new Error(`queue search failed: ${JSON.stringify(item && 'error' in item ? item.error : 'no response').slice(0, 500)}`);
  }
  return readQueuePage(pageResponse as estypes.SearchResponse<Partial<PostDocument>>, countsResponse as estypes.SearchResponse, query.size ?? options.pageSize);
}

/** One row of the queue. */
export interface QueueItem {
  id: string;
  index: string;
  post: Partial<PostDocument>;
}

/** A queue page: rows, counts per status (and `all`), and the cursor of the next page. */
export interface QueuePage {
  items: QueueItem[];
  counts: Record<string, number>;
  nextCursor?: string | undefined;
}

/** Reads the two responses of a queue page. */
export function readQueuePage(response: estypes.SearchResponse<Partial<PostDocument>>, countsResponse: estypes.SearchResponse, pageSize: number): QueuePage {
  const hits = response.hits.hits;
  const buckets = (countsResponse.aggregations?.statuses as estypes.AggregationsStringTermsAggregate | undefined)?.buckets;
  const counts: Record<string, number> = Object.fromEntries(reviewStatuses.map((status) => [status, 0]));
  let all = 0;
  for (const bucket of Array.isArray(buckets) ? buckets : []) {
    counts[String(bucket.key)] = bucket.doc_count;
    all += bucket.doc_count;
  }
  counts.all = all;
  const last = hits.at(-1);
  return {
    items: hits.map((hit) => ({ id: hit._id!, index: hit._index, post: hit._source ?? {} })),
    counts,
    nextCursor: hits.length === pageSize && last?.sort ? encodeCursor(last.sort as SortValues) : undefined,
  };
}

/**
 * What changed under the current filters since the page was loaded (pure): posts first seen since then, and posts
 * whose review someone else changed since then. The queue offers "N 条新内容" instead of moving rows under the cursor.
 */
export function buildQueueUpdatesSearch(query: QueueQuery, options: QueueQueryOptions, since: Date): estypes.SearchRequest {
  const { filter, mustNot } = baseFilters(query, options);
  const statusFilter: estypes.QueryDslQueryContainer[] = query.status.length > 0 ? [{ terms: { 'review.status': query.status } }] : [];
  return {
    index: options.postsAlias, ignore_unavailable: true, allow_no_indices: true, size: 0,
    query: { bool: { filter: [...filter, ...statusFilter], must_not: mustNot } },
    aggs: {
      newPosts: { filter: { range: { firstSeenAt: { gt: since.toISOString() } } } },
      changed: { filter: { bool: { filter: [{ range: { 'review.updatedAt': { gt: since.toISOString() } } }], must_not: [{ term: { 'review.updatedBy': options.username } }] } } },
    },
  };
}
