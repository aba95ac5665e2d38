import type { Client, estypes } from '@elastic/elasticsearch';
import type { Config } from '../../config/config-schema.ts';
import { indexNames, monthlyIndexTemplate, type IndexNames } from '../../pipeline/post-document.ts';
import { accountSignInMapping } from './auth/account-throttle.ts';

/** The indices the review app owns (users, sessions, the audit trail) next to the ones it reads. */
export interface ReviewIndexNames {
  /** Posts, events and the audit alias, as named by the pipeline's contract. */
  shared: IndexNames;
  users: string;
  sessions: string;
  /** Per-account sign-in failures, delays and known devices. */
  signIn: string;
}

/** Names derived from `elasticsearch.indexPrefix`. */
export function reviewIndexNames(config: Config): ReviewIndexNames {
  const shared = indexNames(config.elasticsearch.indexPrefix);
  return { shared, users: `${shared.prefix}review-users`, sessions: `${shared.prefix}review-sessions`, signIn: `${shared.prefix}review-sign-in` };
}

const keyword = { type: 'keyword' } as const;
const date = { type: 'date', format: 'strict_date_optional_time||epoch_millis' } as const;
const stored = { type: 'object', enabled: false } as const;

/** Users of the review app; `_id` is the user name. */
export function usersMapping(): estypes.MappingTypeMapping {
  return {
    dynamic: 'strict',
    properties: {
      username: keyword, displayName: { type: 'text', fields: { keyword } }, role: keyword,
      passwordHash: { type: 'keyword', index: false, doc_values: false }, disabled: { type: 'boolean' },
      createdAt: date, createdBy: keyword, updatedAt: date, passwordChangedAt: date, lastLoginAt: date, language: keyword,
    },
  };
}

/** Sessions; `_id` is the SHA-256 of the cookie token, so the index alone cannot be used to sign in. */
export function sessionsMapping(): estypes.MappingTypeMapping {
  return {
    dynamic: 'strict',
    properties: {
      username: keyword, createdAt: date, lastSeenAt: date, expiresAt: date,
      csrfToken: { type: 'keyword', index: false, doc_values: false }, clientAddress: keyword, userAgent: { type: 'keyword', index: false, doc_values: false },
    },
  };
}

/** Audit entries: who did what to which item, when, with the state before and after. */
export function auditMapping(): estypes.MappingTypeMapping {
  return {
    dynamic: 'strict',
    properties: {
      entryId: keyword, at: date, actor: keyword, actorRole: keyword, action: keyword, targetType: keyword, targetId: keyword,
      postIndex: keyword, outcome: keyword, comment: { type: 'text' }, clientAddress: keyword, requestId: keyword,
      before: stored, after: stored, details: stored,
    },
  };
}

async function createIfMissing(client: Client, index: string, mappings: estypes.MappingTypeMapping, replicas: number): Promise<void> {
  if (await client.indices.exists({ index })) {
    await client.indices.putMapping({ index, ...mappings });
    return;
  }
  try {
    await client.indices.create({ index, settings: { number_of_shards: 1, number_of_replicas: replicas }, mappings });
  } catch (error) {
    // Two processes starting at once: the other one created it first, which is what we wanted.
    if ((error as { meta?: { body?: { error?: { type?: string } } } }).meta?.body?.error?.type !== 'resource_already_exists_exception') throw error;
  }
}

/** Creates (or brings up to date) the users, sessions and sign-in indices and the audit template. Idempotent. */
export async function ensureReviewIndices(client: Client, config: Config): Promise<ReviewIndexNames> {
  const names = reviewIndexNames(config);
  const replicas = config.elasticsearch.replicas;
  await createIfMissing(client, names.users, usersMapping(), replicas);
  await createIfMissing(client, names.sessions, sessionsMapping(), replicas);
  await createIfMissing(client, names.signIn, accountSignInMapping(), replicas);
  await client.indices.putIndexTemplate(monthlyIndexTemplate(names.shared.audit, auditMapping(), { shards: 1, replicas }));
  return names;
}
