import type { estypes } from '@elastic/elasticsearch';
import { z } from 'zod';
import { auditTargetTypes } from '../../audit/audit-entry.ts';
import { decodeCursor } from '../../search-cursor.ts';

const optional = (schema: z.ZodType<string>) => z.preprocess((value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined), schema.optional());

/** Audit filters from the query string. */
export const auditQuerySchema = z.object({
  actor: optional(z.string().max(64)).describe('User name of who acted.'),
  action: optional(z.string().max(64)).describe('Action, e.g. `response.approve`; a prefix ending in `.` matches a family (`post.`).'),
  targetType: z.preprocess((value) => (value === '' ? undefined : value), z.enum(auditTargetTypes).optional()).describe('Kind of target.'),
  targetId: optional(z.string().max(128)).describe('Id of the target (a post id, a user name).'),
  from: optional(z.iso.date()).describe('From this day (configured time zone).'),
  to: optional(z.iso.date()).describe('Up to and including this day.'),
  cursor: optional(z.string().max(500)).describe('`nextCursor` of the previous page.'),
});
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
