import type { Client } from '@elastic/elasticsearch';
import type { IndexNames, PostDocument, ReviewState } from '../../../pipeline/post-document.ts';

/** A post as read for writing: where it lives and the version it had. */
export interface LoadedPost {
  id: string;
  index: string;
  seqNo: number;
  primaryTerm: number;
  document: PostDocument;
  review: ReviewState;
}

/** The result of a review write: applied, or refused because someone else changed the review first. */
export type ReviewWriteResult =
  | { outcome: 'ok'; before: LoadedPost; after: LoadedPost }
  | { outcome: 'conflict'; current: LoadedPost };

/** The post does not exist (or no longer). */
export class PostNotFoundError extends Error {
  override name = 'PostNotFoundError';
}

/** Post ids are 24 characters of base64url (pipeline/post-id.ts); anything else is refused before Elasticsearch. */
export const postIdPattern = /^[A-Za-z0-9_-]{8,64}$/;

const initialReview: ReviewState = { status: 'new', revision: 0 };
// A pipeline refresh between our read and our write costs one more round; this many in a row means contention.
const maxWriteAttempts = 6;

function isVersionConflict(error: unknown): boolean {
  return (error as { meta?: { statusCode?: number } }).meta?.statusCode === 409;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A partial update that turns `before` into `after`: objects merge in Elasticsearch, so a key that is gone in
 * `after` is sent as null (clearing it); arrays and values are replaced whole.
 */
export function replacementPatch(before: unknown, after: unknown): Json {
  const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isPlainObject(after) || !isPlainObject(before)) return (after ?? null) as Json;
  const patch: Record<string, Json> = {};
  for (const key of Object.keys(before)) if (!(key in after) || after[key] === undefined) patch[key] = null;
  for (const [key, value] of Object.entries(after)) if (value !== undefined) patch[key] = replacementPatch(before[key], value);
  return patch;
}

/**
 * Reads posts and writes their review state with optimistic concurrency: a partial update of `review` alone
 * (the pipeline owns every other field) under `if_seq_no`/`if_primary_term`, so a concurrent pipeline write
 * makes ours fail and be re-applied on the fresh document. A reviewer conflict is decided on
 * `review.revision` alone, so an engagement refresh is never one.
 */
export class PostStore {
  // Posts never move between monthly indices (the pipeline routes updates to the index a post lives in).
  private readonly indexOf = new Map<string, string>();

  constructor(private readonly client: Client, private readonly names: IndexNames) {}

  private async locate(id: string): Promise<string | undefined> {
    const cached = this.indexOf.get(id);
    if (cached) return cached;
    const response = await this.client.search({
      index: this.names.posts, size: 1, _source: false, query: { ids: { values: [id] } }, ignore_unavailable: true, allow_no_indices: true,
    });
    const index = response.hits.hits[0]?._index;
    if (index) {
      if (this.indexOf.size > 50_000) this.indexOf.clear();
      this.indexOf.set(id, index);
    }
    return index;
  }

  /** The post with its version (a real-time GET), or undefined. */
  async load(id: string): Promise<LoadedPost | undefined> {
    if (!postIdPattern.test(id)) return undefined;
    const index = await this.locate(id);
    if (!index) return undefined;
    const response = await this.client.get<PostDocument>({ index, id }, { ignore: [404] });
    if (!response.found || !response._source) {
      this.indexOf.delete(id);
      return undefined;
    }
    const document = response._source;
    return { id, index, seqNo: response._seq_no!, primaryTerm: response._primary_term!, document, review: document.review ?? initialReview };
  }

  /**
   * Applies `change` to the review of post `id` if its revision is still `expectedRevision`. When only the
   * pipeline wrote in between, the change is re-applied to the fresh document; when a reviewer did, the
   * result is a conflict carrying the current state. `change` may throw to refuse the action.
   */
  async writeReview(id: string, expectedRevision: number, change: (post: LoadedPost) => ReviewState | Promise<ReviewState>): Promise<ReviewWriteResult> {
    for (let attempt = 1; attempt <= maxWriteAttempts; attempt += 1) {
      const post = await this.load(id);
      if (!post) throw new PostNotFoundError(`no post ${id}`);
      if (post.review.revision !== expectedRevision) return { outcome: 'conflict', current: post };
      const review = await change(post);
      const document: PostDocument = { ...post.document, review };
      try {
        const written = await this.client.update({
          index: post.index, id, doc: { review: replacementPatch(post.document.review, review) },
          if_seq_no: post.seqNo, if_primary_term: post.primaryTerm, refresh: true,
        });
        return { outcome: 'ok', before: post, after: { ...post, seqNo: written._seq_no ?? post.seqNo, primaryTerm: written._primary_term ?? post.primaryTerm, document, review } };
      } catch (error) {
        if (!isVersionConflict(error)) throw error;
      }
    }
    const current = await this.load(id);
    if (!current) throw new PostNotFoundError(`no post ${id}`);
    return { outcome: 'conflict', current };
  }
}
