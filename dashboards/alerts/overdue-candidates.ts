import type { Client } from '@elastic/elasticsearch';
import type { ReviewConfig } from '../../config/review-schema.ts';
import type { IndexNames, PostDocument } from '../../pipeline/post-document.ts';
import { deadlineOf, overdueQuery } from '../handling-deadline.ts';
import { postSubject } from './alert-candidates.ts';
import type { PostSubject } from './alert-subject.ts';

/**
 * Open posts whose handling deadline (`review.sla`) passed within the window (`since` … `now`), as 超时 subjects
 * (`overdue:<postId>`, grouped per story apart from the risk alerts). Posts overdue since before the window (an
 * upgrade, a long outage) are shown in the app but page nobody.
 */
export async function findOverduePosts(client: Client, names: IndexNames, sla: ReviewConfig['sla'], since: Date, now: Date, maxPosts: number): Promise<PostSubject[]> {
  const response = await client.search<PostDocument>({
    index: names.posts, size: maxPosts, ignore_unavailable: true, allow_no_indices: true,
    _source: ['postId', 'title', 'content', 'url', 'sourceName', 'sourceId', 'publishedAt', 'firstSeenAt', 'crawledAt', 'lastSeenAt', 'risk', 'eventId', 'duplicateOf', 'review.status', 'review.assignee'],
    query: overdueQuery(sla, now, since), sort: [{ 'risk.levelRank': { order: 'desc', unmapped_type: 'byte' } }, { firstSeenAt: 'asc' }],
  });
  return response.hits.hits.flatMap((hit) => {
    const post = hit._source;
    const subject = post && postSubject(post);
    const deadline = post && deadlineOf(post, sla);
    if (!post || !subject || !deadline) return [];
    const level = post.risk?.level ?? 'low';
    return [{
      ...subject, key: `overdue:${post.postId}`, eventKey: `overdue:${subject.eventKey}`,
      overdue: { deadlineAt: deadline.toISOString(), slaMinutes: sla[level], status: post.review?.status ?? 'new', assignee: post.review?.assignee },
    }];
  });
}
