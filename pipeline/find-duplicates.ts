import type { Client, estypes } from '@elastic/elasticsearch';
import { firstDocValue } from './doc-values.ts';
import { hammingDistance, simhashBandKeys } from '../rules/dedupe/simhash.ts';
import type { RecentOriginal, RecentStories } from './assign-events.ts';
import type { PreparedPost } from './prepared-post.ts';

/** A stored post that others may copy: where it lives and what it already carries. */
export interface StoredOriginal {
  postId: string;
  index: string;
  eventId?: string | undefined;
  copies: number;
}

/** Where a new post's content was seen before. */
export interface DuplicateMatch { root: StoredOriginal | PreparedPost; kind: 'exact' | 'near' }

// Very short texts ("转发微博", "[赞]") collide without being the same story.
const minExactChars = 10;
const minNearChars = 20;
// Band keys are written with four bands (pipeline/analyze-post.ts); stored hashes are split the same way.
const bandCount = 4;

interface StoredFields { postId: string; duplicateOf?: string; eventId?: string; copies?: number; simhash?: string; contentHash?: string }

const storedFields = ['postId', 'duplicateOf', 'eventId', 'copies', 'simhash', 'contentHash'];

function readStored(hit: estypes.SearchHit<unknown>): StoredFields | undefined {
  const postId = firstDocValue<string>(hit, 'postId');
  if (!postId) return undefined;
  return {
    postId, duplicateOf: firstDocValue(hit, 'duplicateOf'), eventId: firstDocValue(hit, 'eventId'),
    copies: firstDocValue(hit, 'copies'), simhash: firstDocValue(hit, 'simhash'), contentHash: firstDocValue(hit, 'contentHash'),
  };
}

function toOriginal(index: string, source: StoredFields): StoredOriginal {
  // A copy of a copy points at the first original, so reach adds up in one place.
  return { postId: source.duplicateOf ?? source.postId, index, eventId: source.eventId, copies: source.copies ?? 0 };
}

/**
 * Finds, for each new post of a batch, an earlier post with the same normalised content (exact) or a SimHash
 * within `maxDistance` bits (near). Candidates come from Elasticsearch (content hashes and SimHash band keys
 * are keyword terms, so lookups stay cheap at millions of posts) and from earlier posts of the same batch.
 */
export async function findDuplicates(
  client: Client, postsAlias: string, batch: PreparedPost[], maxDistance: number, recent: RecentStories,
): Promise<Map<PreparedPost, DuplicateMatch>> {
  const matches = new Map<PreparedPost, DuplicateMatch>();
  const candidates = batch.filter((post) => !post.existed && post.document.contentHash && post.document.content.length >= minExactChars);
  if (candidates.length === 0) return matches;
  const ids = new Set(batch.map((post) => post.document.postId));
  const exactHits = await client.search({
    index: postsAlias, size: 1000, _source: false, docvalue_fields: storedFields, ignore_unavailable: true, allow_no_indices: true,
    query: { terms: { contentHash: [...new Set(candidates.map((post) => post.document.contentHash!))] } },
    sort: [{ firstSeenAt: { order: 'asc', unmapped_type: 'date' } }],
  });
  const storedByHash = new Map<string, StoredOriginal>();
  for (const hit of exactHits.hits.hits) {
    const stored = readStored(hit);
    if (stored?.contentHash && !ids.has(stored.postId) && !storedByHash.has(stored.contentHash)) storedByHash.set(stored.contentHash, toOriginal(hit._index, stored));
  }

  const nearCandidates = candidates.filter((post) => post.document.content.length >= minNearChars && post.document.simhashBands?.length);
  const bandKeys = [...new Set(nearCandidates.flatMap((post) => post.document.simhashBands!))];
  // Candidates by band key: a post is compared only with those sharing one of its bands (that is what banding is for).
  const storedNear = new Map<string, { simhash: string; original: StoredOriginal }[]>();
  const addNear = (bands: readonly string[], entry: { simhash: string; original: StoredOriginal }) => {
    for (const band of bands) storedNear.set(band, [...(storedNear.get(band) ?? []), entry]);
  };
  if (maxDistance > 0 && bandKeys.length > 0) {
    const nearHits = await client.search({
      index: postsAlias, size: 2000, _source: false, docvalue_fields: storedFields, ignore_unavailable: true, allow_no_indices: true,
      query: { terms: { simhashBands: bandKeys } },
      sort: [{ firstSeenAt: { order: 'asc', unmapped_type: 'date' } }],
    });
    for (const hit of nearHits.hits.hits) {
      const stored = readStored(hit);
      if (stored?.simhash && !ids.has(stored.postId)) addNear(simhashBandKeys(stored.simhash, bandCount), { simhash: stored.simhash, original: toOriginal(hit._index, stored) });
    }
  }

  // Originals this process wrote in earlier batches may not be searchable yet.
  const recentOriginal = (original: RecentOriginal | undefined): StoredOriginal | undefined =>
    original && !ids.has(original.postId) ? { postId: original.postId, index: original.index, eventId: original.eventId, copies: 0 } : undefined;
  for (const post of candidates) {
    const known = recentOriginal(recent.originalWithHash(post.document.contentHash!));
    if (known && !storedByHash.has(post.document.contentHash!)) storedByHash.set(post.document.contentHash!, known);
  }
  for (const original of recent.originalsSharingBands(bandKeys)) {
    const stored = recentOriginal(original);
    if (stored && original.simhash) addNear(original.bands, { simhash: original.simhash, original: stored });
  }

  const firstWithHash = new Map<string, PreparedPost>();
  const batchByBand = new Map<string, PreparedPost[]>();
  // An earlier post of the batch may itself be a copy: then the new one belongs to the same root.
  const rootOf = (other: PreparedPost) => matches.get(other)?.root ?? other;
  const isClose = (a: string, b: string | undefined) => b !== undefined && hammingDistance(a, b) <= maxDistance;
  for (const post of candidates) {
    const { contentHash, simhash } = post.document;
    const bands = post.document.simhashBands ?? [];
    const isLongEnough = post.document.content.length >= minNearChars && maxDistance > 0 && simhash !== undefined;
    const stored = storedByHash.get(contentHash!);
    const earlierSame = firstWithHash.get(contentHash!);
    const near = isLongEnough ? bands.flatMap((band) => storedNear.get(band) ?? []).find((candidate) => isClose(simhash, candidate.simhash)) : undefined;
    const nearInBatch = isLongEnough ? bands.flatMap((band) => batchByBand.get(band) ?? []).find((other) => isClose(simhash, other.document.simhash)) : undefined;
    if (stored) matches.set(post, { root: stored, kind: 'exact' });
    else if (earlierSame) matches.set(post, { root: rootOf(earlierSame), kind: 'exact' });
    else if (near) matches.set(post, { root: near.original, kind: 'near' });
    else if (nearInBatch) matches.set(post, { root: rootOf(nearInBatch), kind: 'near' });
    if (!firstWithHash.has(contentHash!)) firstWithHash.set(contentHash!, post);
    if (isLongEnough) for (const band of bands) batchByBand.set(band, [...(batchByBand.get(band) ?? []), post]);
  }
  return matches;
}
