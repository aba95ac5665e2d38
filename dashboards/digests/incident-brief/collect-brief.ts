import type { Client, estypes } from '@elastic/elasticsearch';
import type { ReviewConfig } from '../../../config/review-schema.ts';
import type { EventDocument, IndexNames, PostDocument } from '../../../pipeline/post-document.ts';
import { truncateText } from '../../alerts/channels/chat-markdown-text.ts';
import type { ResponseStatus, ReviewStatus, RiskLevel, SentimentLabel } from '../../display-names.ts';
import { assessStory, responsibleUnitOf, storyStatus, type StoryHandling } from '../event-assessment.ts';
import { collectStoryHandling, emptyHandling } from '../story-handling.ts';

/** What a post is in its story: a rumour or doubt, an official reply or debunk, or another report. */
export type StoryRole = 'rumour' | 'official' | 'report';

/** One post of a story as the story view and the 快报 show it. */
export interface StoryPost {
  postId: string;
  title: string;
  url: string;
  sourceName: string;
  publishedAt: string;
  level?: RiskLevel | undefined;
  score?: number | undefined;
  sentiment?: SentimentLabel | undefined;
  role: StoryRole;
  reviewStatus?: ReviewStatus | undefined;
  responseStatus?: ResponseStatus | undefined;
  response?: { text: string; publishedAt?: string | undefined; publishedUrl?: string | undefined } | undefined;
}

/** One story (event) with everything the story view and the incident brief (快报) show. */
export interface StoryData {
  event: EventDocument;
  posts: StoryPost[];
  perHour: { at: string; count: number }[];
  sources: { name: string; count: number }[];
  handling: StoryHandling;
  assessment: string;
  status: string;
  unit?: { name: string; isProposed: boolean } | undefined;
  generatedAt: string;
  timeZone: string;
}

const postFields = ['postId', 'title', 'content', 'url', 'sourceName', 'sourceId', 'publishedAt', 'risk.level', 'risk.score', 'risk.hits', 'sentiment.label', 'review.status', 'review.responseStatus', 'review.response'];

/**
 * A post's role in its story, from its stored rule hits (data, not an import of rules/): an official-voice hit
 * (a `ceiling` rule, the official-voice category) or a debunk rule makes it official; a rumour-category hit a rumour.
 */
export function storyRoleOf(hits: unknown): StoryRole {
  const list = Array.isArray(hits) ? hits as { ruleId?: string; ruleName?: string; category?: string; role?: string }[] : [];
  if (list.some((hit) => hit.role === 'ceiling' || hit.category === 'official-voice' || /debunk|辟谣/.test(`${hit.ruleId ?? ''}${hit.ruleName ?? ''}`))) return 'official';
  if (list.some((hit) => hit.category === 'rumour')) return 'rumour';
  return 'report';
}

/** Everything about one story from Elasticsearch; undefined when there is no such event. */
export async function collectStory(client: Client, names: IndexNames, eventId: string, options: { timeZone: string; review: Pick<ReviewConfig, 'responsibleUnits'>; now?: Date }): Promise<StoryData | undefined> {
  const read = { ignore_unavailable: true, allow_no_indices: true } as const;
  const events = await client.search<EventDocument>({ index: names.events, ...read, size: 1, query: { term: { eventId } }, sort: [{ updatedAt: { order: 'desc' } }] });
  const event = events.hits.hits[0]?._source;
  if (!event) return undefined;
  const [posts, handling] = await Promise.all([
    client.search<PostDocument>({
      index: names.posts, ...read, size: 500, _source: postFields, query: { term: { eventId } }, sort: [{ publishedAt: { order: 'asc' } }, { postId: { order: 'asc' } }],
      aggs: {
        perHour: { date_histogram: { field: 'publishedAt', calendar_interval: '1h', time_zone: options.timeZone, min_doc_count: 0 } },
        sources: { terms: { field: 'sourceId', size: 50 }, aggs: { name: { terms: { field: 'sourceName', size: 1 } } } },
      },
    }),
    collectStoryHandling(client, names.posts, [eventId]),
  ]);
  const storyHandling = handling.get(eventId) ?? emptyHandling;
  const hours = (posts.aggregations?.perHour as estypes.AggregationsDateHistogramAggregate | undefined)?.buckets;
  const sources = (posts.aggregations?.sources as estypes.AggregationsStringTermsAggregate | undefined)?.buckets;
  return {
    event,
    posts: posts.hits.hits.map((hit) => hit._source!).map((post): StoryPost => {
      const response = post.review?.response as { text?: string; publishedAt?: string; publishedUrl?: string } | undefined;
      return {
        postId: post.postId, title: post.title?.trim() || truncateText(post.content.replace(/\s+/g, ' ').trim(), 40), url: post.url,
        sourceName: post.sourceName ?? post.sourceId, publishedAt: post.publishedAt, level: post.risk?.level, score: post.risk?.score,
        sentiment: post.sentiment?.label, role: storyRoleOf(post.risk?.hits), reviewStatus: post.review?.status, responseStatus: post.review?.responseStatus,
        ...(response?.text && post.review?.responseStatus === 'published' ? { response: { text: response.text, publishedAt: response.publishedAt, publishedUrl: response.publishedUrl } } : {}),
      };
    }),
    perHour: (Array.isArray(hours) ? hours : []).map((bucket) => ({ at: new Date(bucket.key).toISOString(), count: bucket.doc_count })),
    sources: (Array.isArray(sources) ? sources : []).map((bucket) => ({
      name: String(((bucket as { name?: estypes.AggregationsStringTermsAggregate }).name?.buckets as estypes.AggregationsStringTermsBucket[] | undefined)?.[0]?.key ?? bucket.key), count: bucket.doc_count,
    })),
    handling: storyHandling,
    assessment: assessStory(event, options.timeZone),
    status: storyStatus(storyHandling),
    unit: responsibleUnitOf(storyHandling, event.categories, options.review.responsibleUnits),
    generatedAt: (options.now ?? new Date()).toISOString(),
    timeZone: options.timeZone,
  };
}
