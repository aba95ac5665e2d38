import type { estypes } from '@elastic/elasticsearch';
import { z } from 'zod';
import { auditTargetTypes } from '../../audit/audit-entry.ts';
import { decodeCursor } from '../../search-cursor.ts';
import { textField } from '../../text-field.ts';

type Optional = <T extends z.ZodType<string>>(schema: T) => z.ZodType<z.infer<T> | undefined>;
// The page's form sends every field, empty meaning "any"; an API client that sends `to=` made a mistake.
const formOptional: Optional = (schema) => z.preprocess((value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined), schema.optional());
const apiOptional: Optional = (schema) => schema.optional();

function auditQuery(optional: Optional) {
  return z.object({
    actor: optional(textField(64)).describe('User name of who acted.'),
    action: optional(textField(64)).describe('Action, e.g. `response.approve`; a prefix ending in `.` matches a family (`post.`).'),
    targetType: optional(z.enum(auditTargetTypes)).describe('Kind of target.'),
    targetId: optional(textField(128)).describe('Id of the target (a post id, a user name).'),
    from: optional(z.iso.date()).describe('From this day (YYYY-MM-DD, configured time zone).'),
    to: optional(z.iso.date()).describe('Up to and including this day (YYYY-MM-DD).'),
    cursor: optional(z.string().min(1).max(500)).describe('`nextCursor` of the previous page.'),
  });
}

/** Audit filters from the audit page's form: empty fields mean "any". */
export const auditQuerySchema = auditQuery(formOptional);
/**
 * Audit filters of the JSON API and the export: a parameter given empty is refused (400), so a script that
 * computed an empty `to=` does not silently export the whole log.
 */
export const auditApiQuerySchema = auditQuery(apiOptional);
/** Parsed audit filters. */
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** Newest first; the entry id makes each position unique for `search_after`. */
export const auditSort: estypes.SortCombinations[] = [{ at: { order: 'desc' } }, { entryId: { order: 'desc' } }];

/** The search for one page of audit entries (pure). Filters are exact terms: nothing is parsed as query syntax. */
export function buildAuditSearch(auditAlias: string, query: AuditQuery, options: { size: number; timeZone: string }): estypes.SearchRequest {
  const filter: estypes.QueryDslQueryContainer[] = [];
  if (query.actor) filter.push({ term: { actor: query.actor } });
  if (query.action) filter.push(query.action.endsWith('.') ? { prefix: { action: query.action } } : { term: { action: query.action } });
  if (query.targetType) filter.push({ term: { targetType: query.targetType } });
  if (query.targetId) filter.push({ term: { targetId: query.targetId } });
  if (query.from || query.to) {
    filter.push({ range: { at: { ...(query.from ? { gte: `${query.from}||/d` } : {}), ...(query.to ? { lte: `${query.to}||/d` } : {}), time_zone: options.timeZone } } });
  }
  const after = decodeCursor(query.cursor);
  return {
    index: auditAlias, ignore_unavailable: true, allow_no_indices: true, size: options.size, track_total_hits: false,
    query: { bool: { filter } }, sort: auditSort, ...(after && after.length === 2 ? { search_after: after } : {}),
  };
}
