import type { Client } from '@elastic/elasticsearch';
import { docValues, firstDocValue } from './doc-values.ts';
import type { EventDocument } from './post-document.ts';
import type { PreparedPost } from './prepared-post.ts';

/** What the pipeline needs to know of an event to score its posts. */
export interface EventSummary { eventId: string; growthRate: number }

interface StoryCandidate { postId: string; eventId: string; tokens: ReadonlySet<string>; publishedAt: string }

const storyKeyWords = 8;

/**
 * Index keys of a post's story: every pair of its top keywords. Two reports of one story share at least two
 * top keywords, hence a key, so one terms query per batch finds their candidates (the same idea as the
 * SimHash bands, for keyword sets).
 */
export function storyKeysOf(keywords: readonly string[]): string[] {
  const top = [...new Set(keywords.slice(0, storyKeyWords))].sort();
  const keys: string[] = [];
  for (let i = 0; i < top.length; i += 1) for (let j = i + 1; j < top.length; j += 1) keys.push(`${top[i]}|${top[j]}`);
  return keys;
}

/** An original post as the duplicate finder needs it. */
export interface RecentOriginal { postId: string; index: string; eventId?: string | undefined; contentHash?: string | undefined; simhash?: string | undefined; bands: string[] }

/**
 * Posts and stories this process handled recently, which a search may not see yet (before the next refresh)
 * or at all (during an outage), looked up by story key, content hash and SimHash band. Bounded: the oldest
 * are forgotten first.
 */
export class RecentStories {
  // Maps iterate in insertion order: the first entry is the oldest, evicted in O(1) (an array shift is O(n)).
  private readonly posts = new Map<StoryCandidate, string[]>();
  private readonly byKey = new Map<string, Set<StoryCandidate>>();
  private readonly events = new Map<string, EventSummary>();
  private readonly originals = new Set<RecentOriginal>();
  private readonly byHash = new Map<string, RecentOriginal>();
  private readonly byBand = new Map<string, Set<RecentOriginal>>();
  constructor(private readonly capacity = 20_000) {}

  rememberOriginal(original: RecentOriginal): void {
    this.originals.add(original);
    if (original.contentHash && !this.byHash.has(original.contentHash)) this.byHash.set(original.contentHash, original);
    for (const band of original.bands) this.byBand.set(band, (this.byBand.get(band) ?? new Set()).add(original));
    if (this.originals.size > this.capacity) {
      const oldest = this.originals.values().next().value!;
      this.originals.delete(oldest);
      if (oldest.contentHash && this.byHash.get(oldest.contentHash) === oldest) this.byHash.delete(oldest.contentHash);
      for (const band of oldest.bands) {
        const set = this.byBand.get(band);
        set?.delete(oldest);
        if (set?.size === 0) this.byBand.delete(band);
      }
    }
  }

  originalWithHash(contentHash: string): RecentOriginal | undefined {
    return this.byHash.get(contentHash);
  }

  originalsSharingBands(bands: readonly string[]): RecentOriginal[] {
    return [...new Set(bands.flatMap((band) => [...(this.byBand.get(band) ?? [])]))];
  }

  rememberPost(candidate: StoryCandidate, keys: string[]): void {
    this.posts.set(candidate, keys);
    for (const key of keys) {
      const set = this.byKey.get(key) ?? new Set();
      set.add(candidate);
      this.byKey.set(key, set);
    }
    if (this.posts.size > this.capacity) {
      const [oldest, oldestKeys] = this.posts.entries().next().value!;
      this.posts.delete(oldest);
      for (const key of oldestKeys) {
        const set = this.byKey.get(key);
        set?.delete(oldest);
        if (set?.size === 0) this.byKey.delete(key);
      }
    }
  }

  candidates(keys: readonly string[]): StoryCandidate[] {
    return [...new Set(keys.flatMap((key) => [...(this.byKey.get(key) ?? [])]))];
  }

  rememberEvent(event: EventSummary): void {
    this.events.delete(event.eventId);
    this.events.set(event.eventId, event);
    if (this.events.size > this.capacity) this.events.delete(this.events.keys().next().value!);
  }

  event(eventId: string): EventSummary | undefined {
    return this.events.get(eventId);
  }
}

export interface EventAssignmentOptions { windowHours: number; minKeywordOverlap: number }

/** Shared keywords needed to join a story: the configured share of the post's keywords, and never fewer than three. */
export function minSharedKeywords(keywordCount: number, minKeywordOverlap: number): number {
  return Math.max(3, Math.ceil(keywordCount * minKeywordOverlap));
}

/** The outcome for one post: its event, and whether it joined an existing story (rather than starting one). */
export interface EventAssignment { event: EventSummary; joined: boolean }

/**
 * Puts each original post (copies follow their original) into the story of the recent post it resembles
 * most — one whose text contains enough of this post's keywords, found through shared story keys — or starts
 * a new story with the post as its first report. One terms query per batch, plus this process's memory.
 */
export async function assignEvents(
  client: Client, postsAlias: string, eventsAlias: string, posts: PreparedPost[], recent: RecentStories, options: EventAssignmentOptions, now = new Date(),
): Promise<Map<PreparedPost, EventAssignment>> {
  const assigned = new Map<PreparedPost, EventAssignment>();
  if (posts.length === 0) return assigned;
  const since = new Date(now.getTime() - options.windowHours * 3_600_000).toISOString();
  const keysOf = new Map(posts.map((post) => [post, post.document.storyKeys ?? []]));
  const allKeys = [...new Set([...keysOf.values()].flat())];
  // Stored candidates by story key, so each post is checked only against those sharing a key with it.
  const storedByKey = new Map<string, StoryCandidate[]>();
  if (allKeys.length > 0) {
    const response = await client.search({
      index: postsAlias, size: 3000, _source: false, ignore_unavailable: true, allow_no_indices: true,
      docvalue_fields: ['postId', 'eventId', 'tokens', 'storyKeys', { field: 'publishedAt', format: 'strict_date_time' }],
      query: {
        bool: {
          filter: [{ terms: { storyKeys: allKeys } }, { range: { publishedAt: { gte: since } } }, { exists: { field: 'eventId' } }],
          must_not: [{ exists: { field: 'duplicateOf' } }],
        },
      },
      sort: [{ publishedAt: 'desc' }],
    });
    for (const hit of response.hits.hits) {
      const postId = firstDocValue<string>(hit, 'postId');
      const eventId = firstDocValue<string>(hit, 'eventId');
      const publishedAt = firstDocValue<string>(hit, 'publishedAt');
      if (!postId || !eventId || !publishedAt) continue;
      const candidate: StoryCandidate = { postId, eventId, tokens: new Set(docValues<string>(hit, 'tokens')), publishedAt };
      for (const key of docValues<string>(hit, 'storyKeys')) storedByKey.set(key, [...(storedByKey.get(key) ?? []), candidate]);
    }
  }

  const choices = new Map<PreparedPost, string | undefined>();
  for (const post of posts) {
    const keywords = post.document.keywords ?? [];
    const minShared = minSharedKeywords(keywords.length, options.minKeywordOverlap);
    const keys = new Set(keysOf.get(post));
    let best: { candidate: StoryCandidate; shared: number } | undefined;
    // This process's own recent posts are candidates too: they may not be searchable yet.
    const stored = new Set([...keys].flatMap((key) => storedByKey.get(key) ?? []));
    for (const candidate of [...recent.candidates([...keys]), ...stored]) {
      if (candidate.postId === post.document.postId || candidate.publishedAt < since) continue;
      const shared = keywords.filter((word) => candidate.tokens.has(word)).length;
      if (shared >= minShared && (!best || shared > best.shared)) best = { candidate, shared };
    }
    choices.set(post, best?.candidate.eventId);
    const eventId = best?.candidate.eventId ?? `ev-${post.document.postId}`;
    recent.rememberPost({ postId: post.document.postId, eventId, tokens: new Set(post.document.tokens ?? []), publishedAt: post.document.publishedAt }, [...keys]);
  }

  const joinedIds = [...new Set([...choices.values()].filter((id): id is string => id !== undefined))].filter((id) => !recent.event(id));
  if (joinedIds.length > 0) {
    const events = await client.search<Pick<EventDocument, 'eventId' | 'growthRate'>>({
      index: eventsAlias, size: joinedIds.length, _source: ['eventId', 'growthRate'], ignore_unavailable: true, allow_no_indices: true,
      query: { ids: { values: joinedIds } },
    });
    for (const hit of events.hits.hits) if (hit._source) recent.rememberEvent({ eventId: hit._source.eventId, growthRate: hit._source.growthRate });
  }
  for (const post of posts) {
    const joinedId = choices.get(post);
    const eventId = joinedId ?? `ev-${post.document.postId}`;
    assigned.set(post, { event: recent.event(eventId) ?? { eventId, growthRate: 1 }, joined: joinedId !== undefined });
  }
  return assigned;
}
