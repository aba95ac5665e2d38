import type { PublicUser } from './auth/review-user.ts';
import type { UserStore } from './auth/user-store.ts';

const refreshMillis = 30_000;

/**
 * Every user by name, kept in memory so pages show display names (张晓, not zhang) and the workflow knows who may
 * act without a search per request. Refreshed every 30 s and at once after a change made in this process; a user
 * added by another process (`yuqing users add`) appears within that delay.
 */
export class UserDirectory {
  private users: PublicUser[] = [];
  private byName = new Map<string, PublicUser>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly store: UserStore) {}

  /** Loads the users now and keeps them fresh until `stop()`. */
  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => { void this.refresh().catch(() => undefined); }, refreshMillis);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Reads the users again (after a change). */
  async refresh(): Promise<void> {
    this.users = await this.store.list();
    this.byName = new Map(this.users.map((user) => [user.username, user]));
  }

  /** Every user, disabled ones included. */
  all(): readonly PublicUser[] {
    return this.users;
  }

  /** Active users. */
  active(): PublicUser[] {
    return this.users.filter((user) => !user.disabled);
  }

  find(username: string | undefined): PublicUser | undefined {
    return username ? this.byName.get(username) : undefined;
  }

  /** The display name of a user, the name itself for one we do not know (e.g. `cli:root`, `yuqing`). */
  nameOf(username: string | undefined): string {
    if (!username) return '—';
    return this.byName.get(username)?.displayName ?? username;
  }
}
