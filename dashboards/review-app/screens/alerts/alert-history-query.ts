import type { estypes } from '@elastic/elasticsearch';
import { z } from 'zod';
import { alertStatuses } from '../../../alerts/alert-state.ts';
import { decodeCursor } from '../../search-cursor.ts';

/** Filters of the alert history. */
export const alertHistoryQuerySchema = z.object({
  // The history form submits `status=` for "all": the empty value is part of the documented enum, not a hidden exception.
  status: z.enum(['', ...alertStatuses]).optional().describe('Only alerts with this status (empty or absent: all).'),
  cursor: z.string().max(500).optional().describe('`nextCursor` of the previous page (empty or absent: the first page).'),
});
export type AlertHistoryQuery = z.infer<typeof alertHistoryQuerySchema>;

/** One page of alert decisions (posts, spikes, overdue posts), newest first (pure). */
export function buildAlertHistorySearch(stateIndex: string, query: AlertHistoryQuery, size: number): estypes.SearchRequest {
  const after = decodeCursor(query.cursor);
  return {
    index: stateIndex, ignore_unavailable: true, allow_no_indices: true, size,
    query: { bool: { filter: [{ terms: { kind: ['post', 'spike', 'overdue'] } }, ...(query.status ? [{ term: { status: query.status } }] : [])] } },
    sort: [{ updatedAt: { order: 'desc' } }, { kind: { order: 'asc' } }, { subjectId: { order: 'asc' } }],
    ...(after && after.length === 3 ? { search_after: after } : {}),
    aggs: { noChannel: { filter: { term: { reason: 'no-channel' } } } },
  };
}
