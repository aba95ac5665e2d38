import { randomUUID } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';

/** What a notification tells its recipient. */
export const notificationKinds = ['approval_requested', 'returned', 'approved', 'escalated', 'assigned', 'taken_over', 'published'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** One notification for one person about one post. */
export interface ReviewNotification {
  notificationId: string;
  recipient: string;
  kind: NotificationKind;
  postId: string;
  /** The post's review revision the event produced (an undo of that revision retracts the notification). */
  postRevision: number;
  postTitle: string;
  actor: string;
  at: string;
  readAt?: string | undefined;
  /** Stage name, comment, reason… as shown in the message. */
  details?: Record<string, string> | undefined;
}

/** A notification before it is stored. */
export type NewNotification = Omit<ReviewNotification, 'notificationId' | 'at' | 'readAt'>;

/** Notifications in `<prefix>review-notifications`, written with refresh so the recipient's next poll sees them. */
export class NotificationStore {
  constructor(private readonly client: Client, private readonly index: string) {}

  async add(items: NewNotification[], at = new Date().toISOString()): Promise<ReviewNotification[]> {
    if (items.length === 0) return [];
    const stored = items.map((item): ReviewNotification => ({ ...item, notificationId: randomUUID(), at }));
    await this.client.bulk({ refresh: 'wait_for', operations: stored.flatMap((item) => [{ create: { _index: this.index, _id: item.notificationId } }, item]) });
    return stored;
  }

  /** The newest notifications of a user. */
  async list(username: string, size = 50): Promise<ReviewNotification[]> {
    const response = await this.client.search<ReviewNotification>({
      index: this.index, size, query: { term: { recipient: username } }, sort: [{ at: 'desc' }, { notificationId: 'desc' }], ignore_unavailable: true,
    });
    return response.hits.hits.map((hit) => hit._source!);
  }

  /** The query for a user's unread notifications (also used in the inbox counts' msearch). */
  static unreadQuery(username: string): object {
    return { bool: { filter: [{ term: { recipient: username } }], must_not: [{ exists: { field: 'readAt' } }] } };
  }

  /** Marks a user's notifications read: the given ids, those about one post, or all of them. Returns how many changed. */
  async markRead(username: string, ids: 'all' | string[] | { postId: string }, at = new Date().toISOString()): Promise<number> {
    const which = ids === 'all' ? [] : Array.isArray(ids) ? [{ ids: { values: ids } }] : [{ term: { postId: ids.postId } }];
    const query = { bool: { filter: [{ term: { recipient: username } }, ...which], must_not: [{ exists: { field: 'readAt' } }] } };
    const found = await this.client.search({ index: this.index, size: 1000, _source: false, query, ignore_unavailable: true });
    const hits = found.hits.hits.map((hit) => hit._id!);
    if (hits.length === 0) return 0;
    await this.client.bulk({ refresh: 'wait_for', operations: hits.flatMap((id) => [{ update: { _index: this.index, _id: id } }, { doc: { readAt: at } }]) });
    return hits.length;
  }

  /** Deletes the notifications an undone action produced. */
  async retract(postId: string, postRevision: number): Promise<void> {
    const found = await this.client.search({
      index: this.index, size: 1000, _source: false, ignore_unavailable: true,
      query: { bool: { filter: [{ term: { postId } }, { term: { postRevision } }] } },
    });
    const ids = found.hits.hits.map((hit) => hit._id!);
    if (ids.length === 0) return;
    await this.client.bulk({ refresh: 'wait_for', operations: ids.map((id) => ({ delete: { _index: this.index, _id: id } })) });
  }
}
