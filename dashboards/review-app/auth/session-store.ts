import { createHash, randomBytes } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';

/** A signed-in session as stored (`_id` = SHA-256 of the cookie token). */
export interface StoredSession {
  username: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  csrfToken: string;
  clientAddress?: string | undefined;
  userAgent?: string | undefined;
}

/** A live session: its id (the token hash) and stored fields. */
export interface Session extends StoredSession { id: string }

export interface SessionStoreOptions {
  idleMillis: number;
  maxMillis: number;
  /** How long a resolved session is reused without a GET (0: never). */
  cacheMillis?: number;
}

// lastSeenAt is written at most this often: a session read costs one GET, not one GET plus a write.
const touchIntervalMillis = 60_000;

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Sessions in Elasticsearch, keyed by the hash of a random 256-bit cookie token. A session ends after
 * `idleMillis` without requests or `maxMillis` after sign-in, at sign-out, or when its user is disabled.
 */
export class SessionStore {
  private readonly cache = new Map<string, { session: Session; checkedAt: number }>();

  constructor(private readonly client: Client, private readonly index: string, private readonly options: SessionStoreOptions) {}

  private expiryFrom(createdAt: number, lastSeenAt: number): string {
    return new Date(Math.min(createdAt + this.options.maxMillis, lastSeenAt + this.options.idleMillis)).toISOString();
  }

  /** Starts a session; returns the cookie token (given to the browser only) and the session. */
  async create(username: string, client: { address?: string | undefined; userAgent?: string | undefined }): Promise<{ token: string; session: Session }> {
    const token = randomBytes(32).toString('base64url');
    const now = Date.now();
    const stored: StoredSession = {
      username, createdAt: new Date(now).toISOString(), lastSeenAt: new Date(now).toISOString(), expiresAt: this.expiryFrom(now, now),
      csrfToken: randomBytes(32).toString('base64url'), clientAddress: client.address, userAgent: client.userAgent?.slice(0, 300),
    };
    const id = tokenHash(token);
    await this.client.index({ index: this.index, id, document: stored, op_type: 'create', refresh: 'wait_for' });
    return { token, session: { id, ...stored } };
  }

  /** The live session of a cookie token (sliding its idle expiry), or undefined when unknown or expired. */
  async resolve(token: string): Promise<Session | undefined> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
    const id = tokenHash(token);
    const now = Date.now();
    const cached = this.cache.get(id);
    if (cached && now - cached.checkedAt < (this.options.cacheMillis ?? 0) && Date.parse(cached.session.expiresAt) > now) return cached.session;
    const response = await this.client.get<StoredSession>({ index: this.index, id }, { ignore: [404] });
    if (!response.found || !response._source) {
      this.cache.delete(id);
      return undefined;
    }
    const session = { id, ...response._source };
    if (Date.parse(session.expiresAt) <= now) {
      await this.end(id);
      return undefined;
    }
    if (now - Date.parse(session.lastSeenAt) > touchIntervalMillis) {
      session.lastSeenAt = new Date(now).toISOString();
      session.expiresAt = this.expiryFrom(Date.parse(session.createdAt), now);
      await this.client.update({ index: this.index, id, doc: { lastSeenAt: session.lastSeenAt, expiresAt: session.expiresAt } }, { ignore: [404] });
    }
    if (this.options.cacheMillis) {
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(id, { session, checkedAt: now });
    }
    return session;
  }

  /** Ends one session. */
  async end(id: string): Promise<void> {
    this.cache.delete(id);
    await this.client.delete({ index: this.index, id, refresh: 'wait_for' }, { ignore: [404] });
  }

  /** Ends every session of a user (on disable, role change or password reset). Returns how many. */
  async endAllOf(username: string): Promise<number> {
    for (const [id, entry] of this.cache) if (entry.session.username === username) this.cache.delete(id);
    return this.deleteMatching({ term: { username } });
  }

  /** Deletes expired sessions (no delete-by-query: the test distribution lacks the reindex module). */
  async purgeExpired(): Promise<number> {
    return this.deleteMatching({ range: { expiresAt: { lte: 'now' } } });
  }

  private async deleteMatching(query: object): Promise<number> {
    await this.client.indices.refresh({ index: this.index }, { ignore: [404] });
    const response = await this.client.search({ index: this.index, size: 10_000, _source: false, query, ignore_unavailable: true });
    const ids = response.hits.hits.map((hit) => hit._id!);
    if (ids.length === 0) return 0;
    await this.client.bulk({ refresh: 'wait_for', operations: ids.map((id) => ({ delete: { _index: this.index, _id: id } })) });
    return ids.length;
  }
}
