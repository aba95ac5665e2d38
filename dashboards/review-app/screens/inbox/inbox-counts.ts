import type { Client, estypes } from '@elastic/elasticsearch';
import { NotificationStore } from '../../notifications/notification-store.ts';
import { inboxKinds, type InboxKind } from '../queue/queue-filters.ts';
import { inboxFilter, inFlightResponse, type InboxOptions } from '../queue/queue-query.ts';

/** The badge counts of the personal inboxes and unread notifications. */
export type InboxCounts = Record<InboxKind | 'notifications', number>;

/** The counts in one round trip (msearch, `size: 0`); 我提交的 counts responses still in flight. */
export async function countInboxes(client: Client, indices: { posts: string; notifications: string }, username: string, inbox: InboxOptions): Promise<InboxCounts> {
  const count = (index: string, query: estypes.QueryDslQueryContainer) => [
    { index, ignore_unavailable: true, allow_no_indices: true }, { size: 0, track_total_hits: true, query },
  ];
  const postQuery = (kind: InboxKind): estypes.QueryDslQueryContainer => (kind === 'submitted'
    ? { bool: { filter: [inboxFilter(kind, username, inbox), inFlightResponse] } } : inboxFilter(kind, username, inbox));
  const response = await client.msearch({
    searches: [...inboxKinds.flatMap((kind) => count(indices.posts, postQuery(kind))), ...count(indices.notifications, NotificationStore.unreadQuery(username) as estypes.QueryDslQueryContainer)] as never,
  });
  const totals = response.responses.map((item) => ('hits' in item ? (item.hits.total as estypes.SearchTotalHits).value : 0));
  return { ...Object.fromEntries(inboxKinds.map((kind, index) => [kind, totals[index] ?? 0])), notifications: totals[inboxKinds.length] ?? 0 } as InboxCounts;
}
