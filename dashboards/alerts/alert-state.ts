import type { Client, estypes } from '@elastic/elasticsearch';
import { z } from 'zod';

/**
 * What the alerts have decided and sent, kept in an index the alerts own (`<prefix>alert-state`), so a restart
 * neither re-sends nor forgets held alerts and cool-downs. One document per post (`post:<postId>`), per spike
 * (`spike:<spikeId>`), per overdue post (`overdue:<postId>`), per cool-down group (`cooldown:<eventKey>`) and per
 * source whose first crawl is behind it (`source:<sourceId>`).
 */

const timestamp = z.iso.datetime();

export const alertStatuses = ['sent', 'suppressed', 'held', 'dropped', 'failed'] as const;

/** The decision about one post or spike and how its delivery went. */
export const alertRecordSchema = z.strictObject({
  /** A risky post, a spike, or a post past its handling deadline (超时). */
  kind: z.enum(['post', 'spike', 'overdue']),
  subjectId: z.string(),
  eventKey: z.string(),
  levelRank: z.number().int(),
  status: z.enum(alertStatuses),
  /** Why it was not sent (cool-down, quiet hours, no configured channel, every channel refused). */
  reason: z.enum(['cooldown', 'quiet-hours', 'no-channel', 'delivery-failed', 'backlog-summary']).optional(),
  channels: z.array(z.string()),
  deliveredChannels: z.array(z.string()),
  /** Channels that failed transiently; tried again by the next checks until `attempts` reaches the limit. */
  pendingChannels: z.array(z.string()),
  attempts: z.number().int(),
  decidedAt: timestamp,
  updatedAt: timestamp,
  sentAt: timestamp.optional(),
  lastError: z.string().optional(),
  /** The subject as it was when decided, to send held alerts and retries without reading the post again. */
  subject: z.record(z.string(), z.unknown()),
});
export type AlertRecord = z.infer<typeof alertRecordSchema>;

/** The last alert of a cool-down group (an event, or a post with its duplicates). */
export const cooldownRecordSchema = z.strictObject({
  kind: z.literal('cooldown'),
  eventKey: z.string(),
  lastAlertAt: timestamp,
  lastLevelRank: z.number().int(),
  /** Posts of the group not sent separately since the last alert; reported with the next one. */
  suppressedSinceAlert: z.number().int(),
  updatedAt: timestamp,
});
export type CooldownRecord = z.infer<typeof cooldownRecordSchema>;

const keyword = { type: 'keyword' } as const;
const date = { type: 'date' } as const;

function alertStateMapping(): estypes.MappingTypeMapping {
  return {
    dynamic: 'strict',
    properties: {
      kind: keyword, subjectId: keyword, eventKey: keyword, levelRank: { type: 'byte' }, status: keyword, reason: keyword,
      channels: keyword, deliveredChannels: keyword, pendingChannels: keyword, attempts: { type: 'short' },
      decidedAt: date, updatedAt: date, sentAt: date, lastError: { type: 'keyword', index: false, doc_values: false },
      subject: { type: 'object', enabled: false },
      lastAlertAt: date, lastLevelRank: { type: 'byte' }, suppressedSinceAlert: { type: 'integer' },
    },
  };
}

/** Name of the alert state index for an index prefix. */
export const alertStateIndex = (prefix: string): string => `${prefix}alert-state`;

/** Creates the state index on first use. */
export async function ensureAlertStateIndex(client: Client, index: string): Promise<void> {
  if (await client.indices.exists({ index })) return;
  try {
    await client.indices.create({ index, settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: alertStateMapping() });
  } catch (error) {
    // Another process created it in between: fine.
    if ((error as { body?: { error?: { type?: string } } }).body?.error?.type !== 'resource_already_exists_exception') throw error;
  }
}

/** Reads state documents by id (realtime GET: no refresh needed); absent ids are missing from the map. */
export async function readStateDocuments(client: Client, index: string, ids: string[]): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  for (let start = 0; start < ids.length; start += 500) {
    const response = await client.mget<Record<string, unknown>>({ index, ids: ids.slice(start, start + 500) });
    for (const doc of response.docs) if ('found' in doc && doc.found && doc._source) found.set(doc._id, doc._source);
  }
  return found;
}

/** Alerts still waiting: held in quiet hours, or with channels to retry. */
export async function readOpenRecords(client: Client, index: string, maxRecords: number): Promise<Map<string, AlertRecord>> {
  const response = await client.search<AlertRecord>({
    index, size: maxRecords, sort: [{ decidedAt: 'asc' }],
    query: { bool: { should: [{ term: { status: 'held' } }, { exists: { field: 'pendingChannels' } }], minimum_should_match: 1 } },
  });
  return new Map(response.hits.hits.map((hit) => [hit._id!, alertRecordSchema.parse(hit._source)]));
}

/** Writes state documents and makes them visible to the next search at once. */
export async function writeStateDocuments(client: Client, index: string, documents: { id: string; doc: object }[]): Promise<void> {
  if (documents.length === 0) return;
  const response = await client.bulk({ refresh: true, operations: documents.flatMap(({ id, doc }) => [{ index: { _index: index, _id: id } }, doc]) });
  if (response.errors) {
    const failed = response.items.map((item) => item.index?.error?.reason).filter(Boolean);
    throw new Error(`alert state not written: ${failed.slice(0, 3).join('; ')}`);
  }
}
