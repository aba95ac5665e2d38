import type { Client } from '@elastic/elasticsearch';
import { hammingDistance } from '../rules/dedupe/simhash.ts';
import type { PostDocument } from './post-document.ts';
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

type StoredFields = Pick<PostDocument, 'postId' | 'duplicateOf' | 'eventId' | 'copies' | 'simhash' | 'contentHash'>;

function toOriginal(hit: { _index: string; _source?: StoredFields }): StoredOriginal | undefined {
  const source = hit._source;
  if (!source) return undefined;
  // A copy of a copy points at the first original, so reach adds up in one place.
  return { postId: source.duplicateOf ?? source.postId, index: hit._index, eventId: source.eventId, copies: source.copies ?? 0 };
}

/**
 * Finds, for each new post of a batch, an earlier post with the same normalised content (exact) or a SimHash
 * within `maxDistance` bits (near). Candidates come from Elasticsearch (content hashes and SimHash band keys
 * are keyword terms, so lookups stay cheap at millions of posts) and from earlier posts of the same batch.
 */
export async function findDuplicates(client: Client, postsAlias: string, batch: PreparedPost[], maxDistance: number): Promise<Map<PreparedPost, DuplicateMatch>> {
  const matches = new Map<PreparedPost, DuplicateMatch>();
  const candidates = batch.filter((post) => !post.existed && post.document.contentHash && post.document.content.length >= minExactChars);
  if (candidates.length === 0) return matches;
  const ids = new Set(batch.map((post) => post.document.postId));
  const fields = ['postId', 'duplicateOf', 'eventId', 'copies', 'simhash', 'contentHash'];

  const exactHits = await client.search<StoredFields>({
    index: postsAlias, size: 1000, _source: fields, ignore_unavailable: true, allow_no_indices: true,
    query: { terms: { contentHash: [...new Set(candidates.map((post) => post.document.contentHash!))] } },
    sort: [{ firstSeenAt: { order: 'asc', unmapped_type: 'date' } }],
  });
  const storedByHash = new Map<string, StoredOriginal>();
  for (const hit of exactHits.hits.hits) {
    const original = toOriginal(hit);
    if (original && hit._source?.contentHash && !ids.has(hit._source.postId) && !storedByHash.has(hit._source.contentHash)) storedByHash.set(hit._source.contentHash, original);
  }

  const nearCandidates = candidates.filter((post) => post.document.content.length >= minNearChars && post.document.simhashBands?.length);
  const bandKeys = [...new Set(nearCandidates.flatMap((post) => post.document.simhashBands!))];
  const storedNear: { simhash: string; original: StoredOriginal }[] = [];
  if (maxDistance > 0 && bandKeys.length > 0) {
    const nearHits = await client.search<StoredFields>({
      index: postsAlias, size: 2000, _source: fields, ignore_unavailable: true, allow_no_indices: true,
      query: { terms: { simhashBands: bandKeys } },
      sort: [{ firstSeenAt: { order: 'asc', unmapped_type: 'date' } }],
    });
    for (const hit of nearHits.hits.hits) {
      const original = toOriginal(hit);
      if (original && hit._source?.simhash && !ids.has(hit._source.postId)) storedNear.push({ simhash: hit._source.simhash, original });
    }
  }

  const seenInBatch: PreparedPost[] = [];
  // An earlier post of the batch may itself be a copy: then the new one belongs to the same root.
  const rootOf = (other: PreparedPost) => matches.get(other)?.root ?? other;
  for (const post of candidates) {
    const { contentHash, simhash } = post.document;
    const isLongEnough = post.document.content.length >= minNearChars && maxDistance > 0 && simhash !== undefined;
    const stored = storedByHash.get(contentHash!);
    const earlierSame = seenInBatch.find((other) => other.document.contentHash === contentHash);
    const near = isLongEnough ? storedNear.find((candidate) => hammingDistance(candidate.simhash, simhash) <= maxDistance) : undefined;
    const nearInBatch = isLongEnough ? seenInBatch.find((other) => other.document.simhash !== undefined
      && other.document.content.length >= minNearChars && hammingDistance(other.document.simhash, simhash) <= maxDistance) : undefined;
    if (stored) matches.set(post, { root: stored, kind: 'exact' });
    else if (earlierSame) matches.set(post, { root: rootOf(earlierSame), kind: 'exact' });
    else if (near) matches.set(post, { root: near.original, kind: 'near' });
    else if (nearInBatch) matches.set(post, { root: rootOf(nearInBatch), kind: 'near' });
    seenInBatch.push(post);
  }
  return matches;
}
