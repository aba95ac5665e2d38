import type { Client } from '@elastic/elasticsearch';
import type { EventDocument, PostDocument } from './post-document.ts';
import type { PreparedPost } from './prepared-post.ts';

/** What the pipeline needs to know of an event to score its posts. */
export interface EventSummary { eventId: string; growthRate: number }

interface RecentPost { postId: string; eventId: string; tokens: Set<string>; publishedAt: string }

/**
 * Posts and events this process handled recently, which a search may not see yet (before the next refresh)
 * or at all (during an outage). Bounded: the oldest are forgotten first.
 */
export class RecentStories {
  private readonly posts: RecentPost[] = [];
  private readonly events = new Map<string, EventSummary>();
  constructor(private readonly capacity = 5000) {}

  rememberPost(post: RecentPost): void {
    this.posts.push(post);
    if (this.posts.length > this.capacity) this.posts.shift();
  }

  rememberEvent(event: EventSummary): void {
    this.events.delete(event.eventId);
    this.events.set(event.eventId, event);
    if (this.events.size > this.capacity) this.events.delete(this.events.keys().next().value!);
  }

  event(eventId: string): EventSummary | undefined {
    return this.events.get(eventId);
  }

  /** The recent post sharing the most of `keywords` (at least `minShared`), published after `since`. */
  bestMatch(keywords: readonly string[], minShared: number, since: string): RecentPost | undefined {
    let best: { post: RecentPost; shared: number } | undefined;
    for (const post of this.posts) {
      if (post.publishedAt < since) continue;
      const shared = keywords.filter((word) => post.tokens.has(word)).length;
      if (shared >= minShared && (!best || shared > best.shared)) best = { post, shared };
    }
    return best?.post;
  }
}

export interface EventAssignmentOptions { windowHours: number; minKeywordOverlap: number }

/** Shared keywords needed to join a story: the configured share of the post's keywords, and never fewer than three. */
export function minSharedKeywords(keywordCount: number, minKeywordOverlap: number): number {
  return Math.max(3, Math.ceil(keywordCount * minKeywordOverlap));
}

/**
 * Puts each original post (copies follow their original) into the story of the recent post it resembles
 * most — one that contains enough of this post's keywords among its tokens — or starts a new event with the
 * post as first report. Candidates come from the posts index (keywords matched against stored tokens, so
 * differently worded reports of one story meet) and from this process's recent posts.
 */
export async function assignEvents(
  client: Client, postsAlias: string, eventsAlias: string, posts: PreparedPost[], recent: RecentStories, options: EventAssignmentOptions, now = new Date(),
): Promise<Map<PreparedPost, EventSummary>> {
  const assigned = new Map<PreparedPost, EventSummary>();
  if (posts.length === 0) return assigned;
  const since = new Date(now.getTime() - options.windowHours * 3_600_000).toISOString();
  const searches = posts.flatMap((post) => {
    const keywords = post.document.keywords ?? [];
    return [
      { index: postsAlias, ignore_unavailable: true, allow_no_indices: true },
      {
        size: 1, _source: ['eventId'],
        query: {
          bool: {
            filter: [{ range: { publishedAt: { gte: since } } }, { exists: { field: 'eventId' } }],
            must_not: [{ exists: { field: 'duplicateOf' } }, { ids: { values: [post.document.postId] } }],
            should: keywords.map((word) => ({ term: { tokens: word } })),
            minimum_should_match: minSharedKeywords(keywords.length, options.minKeywordOverlap),
          },
        },
      },
    ];
  });
  const responses = (await client.msearch<Pick<PostDocument, 'eventId'>>({ searches })).responses;
  const matchedEventIds = new Set<string>();
  const storedMatch = posts.map((_post, index) => {
    const response = responses[index];
    const eventId = response && 'hits' in response ? response.hits.hits[0]?._source?.eventId : undefined;
    if (eventId) matchedEventIds.add(eventId);
    return eventId;
  });
  const growth = new Map<string, number>();
  if (matchedEventIds.size > 0) {
    const events = await client.search<Pick<EventDocument, 'eventId' | 'growthRate'>>({
      index: eventsAlias, size: matchedEventIds.size, _source: ['eventId', 'growthRate'], ignore_unavailable: true, allow_no_indices: true,
      query: { ids: { values: [...matchedEventIds] } },
    });
    for (const hit of events.hits.hits) if (hit._source) growth.set(hit._source.eventId, hit._source.growthRate);
  }

  posts.forEach((post, index) => {
    const keywords = post.document.keywords ?? [];
    const minShared = minSharedKeywords(keywords.length, options.minKeywordOverlap);
    // This process's own recent posts first: they may not be searchable yet.
    const eventId = (keywords.length >= minShared ? recent.bestMatch(keywords, minShared, since)?.eventId : undefined)
      ?? storedMatch[index] ?? `ev-${post.document.postId}`;
    const event = recent.event(eventId) ?? { eventId, growthRate: growth.get(eventId) ?? 1 };
    recent.rememberEvent(event);
    recent.rememberPost({ postId: post.document.postId, eventId, tokens: new Set(post.document.tokens ?? []), publishedAt: post.document.publishedAt });
    assigned.set(post, event);
  });
  return assigned;
}
