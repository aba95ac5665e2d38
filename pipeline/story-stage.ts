import { errors, type Client } from '@elastic/elasticsearch';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { assignEvents, type EventSummary, type RecentStories } from './assign-events.ts';
import { firstDocValue } from './doc-values.ts';
import { describeEsError } from './es-client.ts';
import { findDuplicates, type StoredOriginal } from './find-duplicates.ts';
import type { IndexOperation } from './index-operation.ts';
import type { PostAnalyzer } from './post-analysis.ts';
import type { IndexNames, PostDocument } from './post-document.ts';
import { operationsOf, setPostFields, type PreparedPost } from './prepared-post.ts';

export interface StoryStageOptions {
  client: Client;
  names: IndexNames;
  analyzer: PostAnalyzer;
  recentStories: RecentStories;
  nearDuplicateMaxDistance: number;
  eventWindowHours: number;
  eventMinKeywordOverlap: number;
  logger: Logger;
  /** Receives the id of every event that gained or refreshed a post, for the event statistics. */
  touchedEvents: Set<string>;
  /** Copies counted by this process and not yet visible to searches. */
  knownCopies: Map<string, number>;
  batchSize?: number;
}

type StoredPost = Pick<PostDocument, 'eventId'>;

/** Marks posts that are already stored, keeping where they live and the story fields they already carry. */
async function lookUpStored(client: Client, postsAlias: string, batch: PreparedPost[]): Promise<Map<string, { index: string; stored: StoredPost }>> {
  const response = await client.search({
    index: postsAlias, size: batch.length, _source: false, docvalue_fields: ['eventId'], ignore_unavailable: true, allow_no_indices: true,
    query: { ids: { values: batch.map((post) => post.document.postId) } },
  });
  return new Map(response.hits.hits.map((hit) => [hit._id!, { index: hit._index, stored: { eventId: firstDocValue<string>(hit, 'eventId') } }]));
}

const isPrepared = (root: StoredOriginal | PreparedPost): root is PreparedPost => 'operation' in root;

/**
 * The story stage: for each batch, recognise re-crawls, exact and near duplicates (which point to their
 * original and raise its `copies`), put originals into events, and rescore risk with the story's growth.
 * Needs Elasticsearch for its lookups; when that is away, posts pass through unchanged (and are spooled).
 */
export async function* storyStage(posts: AsyncIterable<PreparedPost>, options: StoryStageOptions): AsyncGenerator<IndexOperation> {
  const batchSize = options.batchSize ?? 500;
  let batch: PreparedPost[] = [];
  let lookupsPausedUntil = 0;

  async function* flush(): AsyncGenerator<IndexOperation> {
    const current = batch;
    batch = [];
    for (let attempt = 1; Date.now() >= lookupsPausedUntil; attempt += 1) {
      try {
        yield* await recogniseStories(current, options);
        return;
      } catch (error) {
        // A shard of a month's index just created can fail a search for a moment: try again before giving up.
        if (!(error instanceof errors.ConnectionError) && !(error instanceof errors.TimeoutError) && attempt < 3) {
          await sleep(300 * attempt);
          continue;
        }
        // Outage: pass through; duplicates and events of these posts are settled on their next crawl.
        options.logger.warn({ reason: describeEsError(error) }, 'story lookups failed; posts pass without duplicate and event detection');
        lookupsPausedUntil = Date.now() + 5000;
      }
    }
    for (const post of current) yield* operationsOf(post);
  }

  for await (const post of posts) {
    batch.push(post);
    if (batch.length >= batchSize) yield* flush();
  }
  if (batch.length > 0) yield* flush();
}

async function recogniseStories(batch: PreparedPost[], options: StoryStageOptions): Promise<IndexOperation[]> {
  const { client, names } = options;
  const stored = await lookUpStored(client, names.posts, batch);
  for (const post of batch) {
    const found = stored.get(post.document.postId);
    if (!found) continue;
    post.existed = true;
    post.operation.index = found.index;
    post.operation.routeByAlias = undefined;
    // A re-crawl keeps the story it was given; only its numbers change.
    if (found.stored.eventId) post.document.eventId = found.stored.eventId;
  }

  const duplicates = await findDuplicates(client, names.posts, batch, options.nearDuplicateMaxDistance, options.recentStories);
  const newCopies = new Map<string, { root: StoredOriginal | PreparedPost; count: number }>();
  for (const [post, match] of duplicates) {
    const rootId = isPrepared(match.root) ? match.root.document.postId : match.root.postId;
    setPostFields(post, { duplicateOf: rootId, duplicateKind: match.kind });
    const entry = newCopies.get(rootId) ?? { root: match.root, count: 0 };
    entry.count += 1;
    newCopies.set(rootId, entry);
  }

  const originals = batch.filter((post) => !post.existed && !duplicates.has(post));
  const assignments = await assignEvents(client, names.posts, names.events, originals, options.recentStories, {
    windowHours: options.eventWindowHours, minKeywordOverlap: options.eventMinKeywordOverlap,
  });
  for (const [post, { event, joined }] of assignments) {
    setPostFields(post, { eventId: event.eventId });
    // A story becomes an event worth a document once a second post joins it.
    if (joined) options.touchedEvents.add(event.eventId);
  }
  for (const [post, match] of duplicates) {
    const eventId = isPrepared(match.root) ? match.root.document.eventId : match.root.eventId;
    if (!eventId) continue;
    setPostFields(post, { eventId });
    options.touchedEvents.add(eventId);
  }

  for (const post of originals) {
    const { postId, eventId, contentHash, simhash, simhashBands } = post.document;
    options.recentStories.rememberOriginal({ postId, index: post.operation.index, eventId, contentHash, simhash, bands: simhashBands ?? [] });
  }

  const extra: IndexOperation[] = [];
  for (const post of batch) {
    const eventId = post.document.eventId;
    if (!eventId) continue;
    const event: EventSummary | undefined = assignments.get(post)?.event ?? options.recentStories.event(eventId);
    const growth = event?.growthRate ?? 1;
    if (growth !== 1) setPostFields(post, { risk: options.analyzer.rescoreRisk(post.document, growth) });
  }
  for (const [rootId, { root, count }] of newCopies) {
    const before = options.knownCopies.get(rootId) ?? (isPrepared(root) ? root.document.copies ?? 0 : root.copies);
    options.knownCopies.set(rootId, before + count);
    if (isPrepared(root)) {
      setPostFields(root, { copies: before + count });
    } else {
      // Single writer: the pipeline is the only process counting copies, so read-then-write is safe here.
      extra.push({ index: root.index, id: rootId, doc: { copies: before + count }, routeByAlias: options.names.posts });
    }
  }
  return [...batch.flatMap(operationsOf), ...extra];
}
