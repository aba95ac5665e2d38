import type { IndexOperation } from './index-operation.ts';
import type { PostDocument } from './post-document.ts';

/** A post on its way to Elasticsearch: the document the pipeline built and the operation that writes it. */
export interface PreparedPost {
  document: PostDocument;
  operation: IndexOperation;
  /** Set by the story stage: true when the post was already stored (a re-crawl or a replay). */
  existed?: boolean;
  /** The engagement counts of this crawl, kept as history (crawlers emit a post again only when they changed). */
  snapshot?: IndexOperation | undefined;
}

/** The operations that store a prepared post: the post itself, then its engagement snapshot. */
export function operationsOf(post: PreparedPost): IndexOperation[] {
  return post.snapshot ? [post.operation, post.snapshot] : [post.operation];
}

/** Sets pipeline fields on both the partial update and the first-insert version of a post. */
export function setPostFields(post: PreparedPost, fields: Partial<PostDocument>): void {
  Object.assign(post.document, fields);
  if (post.operation.doc !== post.document) Object.assign(post.operation.doc, fields);
  if (post.operation.upsert) Object.assign(post.operation.upsert, fields);
}
