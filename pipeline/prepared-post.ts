import type { IndexOperation } from './index-operation.ts';
import type { PostDocument } from './post-document.ts';

/** A post on its way to Elasticsearch: the document the pipeline built and the operation that writes it. */
export interface PreparedPost {
  document: PostDocument;
  operation: IndexOperation;
  /** Set by the story stage: true when the post was already stored (a re-crawl or a replay). */
  existed?: boolean;
}

/** Sets pipeline fields on both the partial update and the first-insert version of a post. */
export function setPostFields(post: PreparedPost, fields: Partial<PostDocument>): void {
  Object.assign(post.document, fields);
  if (post.operation.doc !== post.document) Object.assign(post.operation.doc, fields);
  if (post.operation.upsert) Object.assign(post.operation.upsert, fields);
}
