import { z } from 'zod';

/** What was acted on. */
export const auditTargetTypes = ['post', 'user', 'session', 'audit', 'template', 'channel', 'event', 'source'] as const;

/** One audit entry: who did what to which item and when, with the state before and after. */
export const auditEntrySchema = z.strictObject({
  /** Unique id (also the document id): the tiebreaker that makes audit paging exact. */
  entryId: z.string(),
  at: z.iso.datetime(),
  actor: z.string(),
  actorRole: z.string().optional(),
  /** Dotted name, e.g. `post.claim`, `response.approve`, `user.disable`, `audit.export`. */
  action: z.string(),
  targetType: z.enum(auditTargetTypes),
  targetId: z.string().optional(),
  postIndex: z.string().optional(),
  outcome: z.enum(['ok', 'denied', 'conflict', 'failed']),
  comment: z.string().optional(),
  clientAddress: z.string().optional(),
  requestId: z.string().optional(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  details: z.unknown().optional(),
});
/** An audit entry. */
export type AuditEntry = z.infer<typeof auditEntrySchema>;
