/**
 * Failed sign-ins per client address in a sliding window, whatever the user names: the limit on password
 * spraying (a few passwords tried against many accounts), which no per-account count sees.
 *
 * Kept in memory: one Node process answers each request in turn, so a check and its reservation cannot race,
 * and a burst of parallel guesses is cut off at exactly the limit. With several review instances each keeps
 * its own window (an attacker gets the limit once per instance); the per-account delays, which protect each
 * password, live in Elasticsearch and hold across instances and restarts.
 */
export class AddressFailureWindow {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly maxFailures: number, private readonly windowMillis: number, private readonly maxAddresses = 50_000) {}

  private recent(address: string, now: number): number[] {
    const times = (this.failures.get(address) ?? []).filter((at) => now - at < this.windowMillis);
    if (times.length === 0) this.failures.delete(address);
    else this.failures.set(address, times);
    return times;
  }

  /** Milliseconds until the address may try again (0: it may now). */
  retryAfterMillis(address: string, now = Date.now()): number {
    const times = this.recent(address, now);
    return times.length < this.maxFailures ? 0 : times[times.length - this.maxFailures]! + this.windowMillis - now;
  }

  /**
   * Counts an attempt as failed before its password is checked, so parallel guesses see each other; the
   * returned function takes it back when the sign-in succeeds (an office behind one address signing in at nine
   * o'clock does not use up the limit).
   */
  reserve(address: string, now = Date.now()): () => void {
    if (!this.failures.has(address) && this.failures.size >= this.maxAddresses) {
      // Bounded memory under a flood of addresses: forget the address seen longest ago.
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
    const times = this.recent(address, now);
    times.push(now);
    this.failures.set(address, times);
    return () => {
      const current = this.failures.get(address);
      const index = current?.indexOf(now) ?? -1;
      if (current && index >= 0) current.splice(index, 1);
    };
  }
}
