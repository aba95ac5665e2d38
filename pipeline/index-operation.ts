/**
 * One partial update of a stored document: `doc` holds only the fields the writer owns; `upsert` is the
 * whole first version, used only when the document does not exist yet. Never a whole-document overwrite.
 */
export interface IndexOperation {
  index: string;
  id: string;
  doc: Record<string, unknown>;
  upsert?: Record<string, unknown>;
  /**
   * Alias over time-based indices: if a document with this id already lives behind it (say a re-crawl
   * computed another month), the update goes there instead of `index`, so a post is never stored twice.
   */
  routeByAlias?: string;
}

/** Key of an operation's target document. */
export function operationKey(operation: { index: string; id: string }): string {
  return `${operation.index}\u0000${operation.id}`;
}
