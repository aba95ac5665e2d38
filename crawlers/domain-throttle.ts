/** Resolves after `millis`, or at once when the signal aborts (shutdown must not wait out a politeness delay). */
export function sleepUnlessAborted(millis: number, signal?: AbortSignal): Promise<void> {
  if (millis <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, millis);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Spaces requests to one host evenly (60 000 / requestsPerMinute ms apart) across every crawler in
 * the process, so two sources on one site share its budget instead of doubling it.
 */
export class DomainThrottle {
  private readonly nextSlotMillis = new Map<string, number>();

  /** Waits for the next free slot of the URL's host and reserves it. */
  async wait(url: string, requestsPerMinute: number, signal?: AbortSignal): Promise<void> {
    const host = new URL(url).host;
    const intervalMillis = 60_000 / requestsPerMinute;
    const now = Date.now();
    const slot = Math.max(now, this.nextSlotMillis.get(host) ?? 0);
    this.nextSlotMillis.set(host, slot + intervalMillis);
    await sleepUnlessAborted(slot - now, signal);
  }
}

/** The process-wide throttle every source type uses. */
export const sharedDomainThrottle = new DomainThrottle();
