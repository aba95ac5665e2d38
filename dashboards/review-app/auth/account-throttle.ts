import { createHash } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';

/** A browser that signed in to the account before (the SHA-256 of its device cookie), with its own failures. */
interface KnownDevice { hash: string; lastUsedAt: number; failures: number }

/** Sign-in state of one user name (also of names that do not exist, so limits reveal nothing about which do). */
interface AccountSignInState {
  username: string;
  failures: number;
  lastFailureAt?: string | undefined;
  lockedUntil?: string | undefined;
  knownDevices: number;
  devices: KnownDevice[];
  updatedAt: string;
}

export interface AccountThrottleSettings {
  /** Failures from unknown devices before the delays start. */
  freeFailures: number;
  firstDelayMillis: number;
  maxDelayMillis: number;
  knownDeviceMillis: number;
}

/** What the throttle decided before the password is checked. */
export type AccountReservation =
  | { allowed: true; knownDevice: boolean; lockStartedMillis?: number | undefined }
  | { allowed: false; retryAfterMillis: number };

// A day without failures and the count starts again; shorter would let a patient attacker reset it.
const forgetFailuresMillis = 24 * 3_600_000;
const maxDevicesPerAccount = 10;
// Parallel attempts on one account retry their optimistic write this often before being told to wait.
const maxWriteRetries = 12;

/** The stored form of a device cookie (the cookie itself is never stored). */
export function deviceHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function isConflict(error: unknown): boolean {
  return (error as { meta?: { statusCode?: number } }).meta?.statusCode === 409;
}

/**
 * Per-account sign-in limits in Elasticsearch (shared by every review instance, kept across restarts):
 * after `freeFailures` failures from devices the account never signed in on, each further attempt from such a
 * device waits `firstDelayMillis`, doubling with every failure up to `maxDelayMillis`. A device that signed in
 * successfully before is never delayed by others' failures — the right password from it always passes — and
 * loses that standing after `freeFailures` failures of its own.
 *
 * Attempts from unknown devices are counted as failures *before* the password is checked (an optimistic write
 * per attempt), so a burst of parallel guesses gets exactly `freeFailures` checks, not one per request.
 */
export class AccountThrottle {
  constructor(private readonly client: Client, private readonly index: string, private readonly settings: AccountThrottleSettings) {}

  private delayAfter(failures: number): number {
    if (failures < this.settings.freeFailures) return 0;
    return Math.min(this.settings.firstDelayMillis * 2 ** (failures - this.settings.freeFailures), this.settings.maxDelayMillis);
  }

  private async read(username: string, now: number): Promise<{ state: AccountSignInState; seqNo?: number | undefined; primaryTerm?: number | undefined }> {
    const response = await this.client.get<AccountSignInState>({ index: this.index, id: username }, { ignore: [404] });
    const stored = response.found ? response._source : undefined;
    const fresh: AccountSignInState = { username, failures: 0, knownDevices: 0, devices: [], updatedAt: new Date(now).toISOString() };
    if (!stored) return { state: fresh };
    const devices = stored.devices.filter((device) => now - device.lastUsedAt < this.settings.knownDeviceMillis);
    const forgotten = stored.lastFailureAt !== undefined && now - Date.parse(stored.lastFailureAt) > forgetFailuresMillis;
    const state = forgotten ? { ...stored, failures: 0, lockedUntil: undefined, devices } : { ...stored, devices };
    return { state, seqNo: response._seq_no, primaryTerm: response._primary_term };
  }

  private async write(state: AccountSignInState, seqNo: number | undefined, primaryTerm: number | undefined): Promise<void> {
    const document = { ...state, knownDevices: state.devices.length };
    if (seqNo === undefined) await this.client.create({ index: this.index, id: state.username, document });
    else await this.client.index({ index: this.index, id: state.username, document, if_seq_no: seqNo, if_primary_term: primaryTerm! });
  }

  /** Read-modify-write with optimistic concurrency; `change` returns the next state, or a result to stop with. */
  private async update<T>(username: string, change: (state: AccountSignInState, now: number) => { next?: AccountSignInState; result: T }, onContention: T): Promise<T> {
    for (let attempt = 0; attempt < maxWriteRetries; attempt += 1) {
      const now = Date.now();
      const { state, seqNo, primaryTerm } = await this.read(username, now);
      const { next, result } = change(state, now);
      if (!next) return result;
      try {
        await this.write({ ...next, updatedAt: new Date(now).toISOString() }, seqNo, primaryTerm);
        return result;
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
    return onContention;
  }

  /** True when the device signed in to the account before (and has not failed too often since). */
  async isKnownDevice(username: string, device: string): Promise<boolean> {
    const { state } = await this.read(username, Date.now());
    return state.devices.some((known) => known.hash === device);
  }

  /**
   * Decides whether an attempt may check its password. From an unknown device it is counted as a failure now
   * (undone by `recordSuccess`); while the account waits it is refused with the time left.
   */
  async reserve(username: string, device: string | undefined): Promise<AccountReservation> {
    return this.update<AccountReservation>(username, (state, now) => {
      if (device && state.devices.some((known) => known.hash === device)) return { result: { allowed: true, knownDevice: true } };
      const lockedFor = state.lockedUntil ? Date.parse(state.lockedUntil) - now : 0;
      if (lockedFor > 0) return { result: { allowed: false, retryAfterMillis: lockedFor } };
      const failures = state.failures + 1;
      const delay = this.delayAfter(failures);
      return {
        next: { ...state, failures, lastFailureAt: new Date(now).toISOString(), lockedUntil: delay > 0 ? new Date(now + delay).toISOString() : undefined },
        result: { allowed: true, knownDevice: false, lockStartedMillis: delay > 0 ? delay : undefined },
      };
    }, { allowed: false, retryAfterMillis: 1000 });
  }

  /** A failure from a known device: counted against that device only; too many and it is no longer known. */
  async recordKnownDeviceFailure(username: string, device: string): Promise<void> {
    await this.update(username, (state) => {
      const devices = state.devices
        .map((known) => (known.hash === device ? { ...known, failures: known.failures + 1 } : known))
        .filter((known) => known.failures < this.settings.freeFailures);
      return { next: { ...state, devices }, result: undefined };
    }, undefined);
  }

  /** The right password: the account's failures are cleared and the device becomes (or stays) known. */
  async recordSuccess(username: string, device: string): Promise<void> {
    await this.update(username, (state, now) => {
      const devices = [...state.devices.filter((known) => known.hash !== device), { hash: device, lastUsedAt: now, failures: 0 }]
        .sort((a, b) => b.lastUsedAt - a.lastUsedAt).slice(0, maxDevicesPerAccount);
      return { next: { ...state, failures: 0, lastFailureAt: undefined, lockedUntil: undefined, devices }, result: undefined };
    }, undefined);
  }

  /** Clears the delays of an account (an administrator reset its password). */
  async clear(username: string): Promise<void> {
    await this.update(username, (state) => ({ next: { ...state, failures: 0, lastFailureAt: undefined, lockedUntil: undefined }, result: undefined }), undefined);
  }

  /** Deletes the state of names with no known device and no failure for a day (sprayed names that do not exist). */
  async purgeIdle(): Promise<number> {
    const response = await this.client.search({
      index: this.index, size: 10_000, _source: false, ignore_unavailable: true,
      query: { bool: { filter: [{ term: { knownDevices: 0 } }, { range: { updatedAt: { lte: `now-${forgetFailuresMillis / 3_600_000}h` } } }] } },
    });
    const ids = response.hits.hits.map((hit) => hit._id!);
    if (ids.length > 0) await this.client.bulk({ operations: ids.map((id) => ({ delete: { _index: this.index, _id: id } })) });
    return ids.length;
  }
}

/** Mapping of the sign-in state index (`_id` = user name as typed, lowercased). */
export function accountSignInMapping() {
  const date = { type: 'date', format: 'strict_date_optional_time||epoch_millis' } as const;
  return {
    dynamic: 'strict' as const,
    properties: {
      username: { type: 'keyword' as const }, failures: { type: 'integer' as const }, lastFailureAt: date, lockedUntil: date,
      knownDevices: { type: 'integer' as const }, devices: { type: 'object' as const, enabled: false }, updatedAt: date,
    },
  };
}
