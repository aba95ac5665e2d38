import type { Client } from '@elastic/elasticsearch';
import type { ReviewRole } from '../../../config/review-schema.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';
import { publicUser, reviewUserSchema, type PublicUser, type ReviewUser } from './review-user.ts';

/** A request the user store refuses (duplicate user, weak password, unknown user). */
export class UserStoreError extends Error {
  override name = 'UserStoreError';
  constructor(readonly code: 'exists' | 'not_found' | 'weak_password' | 'last_admin', message: string) {
    super(message);
  }
}

export interface UserStoreOptions {
  passwordMinLength: number;
  passwordHashCost: number;
  /** How long `findCached` reuses a user read (0: never). */
  cacheMillis?: number;
}

// Compared against when the user does not exist, so a wrong name takes as long as a wrong password.
let decoyHash: Promise<string> | undefined;

/** Users of the review app in their own index; passwords only ever as scrypt hashes. */
export class UserStore {
  private readonly cache = new Map<string, { user: ReviewUser | undefined; readAt: number }>();

  constructor(private readonly client: Client, private readonly index: string, private readonly options: UserStoreOptions) {}

  private checkPassword(password: string): void {
    if ([...password].length < this.options.passwordMinLength) {
      throw new UserStoreError('weak_password', `password must be at least ${this.options.passwordMinLength} characters`);
    }
  }

  /** The user, or undefined. Real-time (a GET), so a disable is seen at once. */
  async find(username: string): Promise<ReviewUser | undefined> {
    const response = await this.client.get<ReviewUser>({ index: this.index, id: username }, { ignore: [404] });
    return response.found && response._source ? reviewUserSchema.parse(response._source) : undefined;
  }

  /** The user as read at most `cacheMillis` ago (for authenticating each request); changes here evict it. */
  async findCached(username: string): Promise<ReviewUser | undefined> {
    const cached = this.cache.get(username);
    if (cached && Date.now() - cached.readAt < (this.options.cacheMillis ?? 0)) return cached.user;
    const user = await this.find(username);
    if (this.options.cacheMillis) {
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(username, { user, readAt: Date.now() });
    }
    return user;
  }

  /** Every user, sorted by name. */
  async list(): Promise<PublicUser[]> {
    const response = await this.client.search<ReviewUser>({
      index: this.index, size: 1000, sort: [{ username: 'asc' }], ignore_unavailable: true, allow_no_indices: true,
    });
    return response.hits.hits.map((hit) => publicUser(reviewUserSchema.parse(hit._source)));
  }

  /** How many users exist (disabled included). */
  async count(): Promise<number> {
    const response = await this.client.count({ index: this.index, ignore_unavailable: true, allow_no_indices: true });
    return response.count;
  }

  /** Creates a user; fails with `exists` if the name is taken (atomically: op_type create). */
  async create(input: { username: string; displayName?: string | undefined; role: ReviewRole; password: string; createdBy: string }): Promise<PublicUser> {
    this.checkPassword(input.password);
    const now = new Date().toISOString();
    const user: ReviewUser = {
      username: input.username, displayName: input.displayName?.trim() || input.username, role: input.role,
      passwordHash: await hashPassword(input.password, this.options.passwordHashCost), disabled: false,
      createdAt: now, createdBy: input.createdBy, updatedAt: now, passwordChangedAt: now,
    };
    try {
      await this.client.create({ index: this.index, id: user.username, document: user, refresh: true });
    } catch (error) {
      if ((error as { meta?: { statusCode?: number } }).meta?.statusCode === 409) throw new UserStoreError('exists', `user "${input.username}" already exists`);
      throw error;
    }
    return publicUser(user);
  }

  /** Read, change, write with optimistic concurrency: two changes at once (two admins, a sign-in) both apply. */
  private async change(username: string, change: (user: ReviewUser) => Partial<ReviewUser>): Promise<{ before: PublicUser; after: PublicUser }> {
    for (let attempt = 1; ; attempt += 1) {
      const response = await this.client.get<ReviewUser>({ index: this.index, id: username }, { ignore: [404] });
      if (!response.found || !response._source) throw new UserStoreError('not_found', `no user "${username}"`);
      const before = reviewUserSchema.parse(response._source);
      const after: ReviewUser = { ...before, ...change(before), updatedAt: new Date().toISOString() };
      this.cache.delete(username);
      try {
        await this.client.index({
          index: this.index, id: username, document: after, refresh: true,
          if_seq_no: response._seq_no!, if_primary_term: response._primary_term!,
        });
        return { before: publicUser(before), after: publicUser(after) };
      } catch (error) {
        if ((error as { meta?: { statusCode?: number } }).meta?.statusCode !== 409 || attempt >= 10) throw error;
      }
    }
  }

  private async assertNotLastAdmin(username: string): Promise<void> {
    const admins = (await this.list()).filter((user) => user.role === 'admin' && !user.disabled);
    if (admins.length === 1 && admins[0]!.username === username) {
      throw new UserStoreError('last_admin', 'the last active administrator cannot be disabled or demoted');
    }
  }

  /** Disables or re-enables a user (the last active admin cannot be disabled). */
  async setDisabled(username: string, disabled: boolean): Promise<{ before: PublicUser; after: PublicUser }> {
    if (disabled) await this.assertNotLastAdmin(username);
    return this.change(username, () => ({ disabled }));
  }

  /** Changes a user's role (the last active admin cannot be demoted). */
  async setRole(username: string, role: ReviewRole): Promise<{ before: PublicUser; after: PublicUser }> {
    if (role !== 'admin') await this.assertNotLastAdmin(username);
    return this.change(username, () => ({ role }));
  }

  /** Sets a new password. */
  async setPassword(username: string, password: string): Promise<{ before: PublicUser; after: PublicUser }> {
    this.checkPassword(password);
    const passwordHash = await hashPassword(password, this.options.passwordHashCost);
    return this.change(username, () => ({ passwordHash, passwordChangedAt: new Date().toISOString() }));
  }

  /** Sets the UI language the user prefers. */
  async setLanguage(username: string, language: 'zh-CN' | 'en'): Promise<void> {
    await this.change(username, () => ({ language }));
  }

  /** Records a successful sign-in time. */
  async touchLogin(username: string): Promise<void> {
    await this.client.update({ index: this.index, id: username, doc: { lastLoginAt: new Date().toISOString() }, refresh: true }).catch(() => undefined);
  }

  /**
   * The user when the name exists, is enabled and the password matches; otherwise undefined. Unknown names
   * still cost one hash, so response time does not reveal which names exist.
   */
  async authenticate(username: string, password: string): Promise<ReviewUser | undefined> {
    const user = await this.find(username);
    if (!user) {
      decoyHash ??= hashPassword('decoy password never used', this.options.passwordHashCost);
      await verifyPassword(password, await decoyHash);
      return undefined;
    }
    const matches = await verifyPassword(password, user.passwordHash);
    return matches && !user.disabled ? user : undefined;
  }
}
