import { randomBytes } from 'node:crypto';
import type { ReviewConfig } from '../../../config/review-schema.ts';
import type { AccountThrottle } from './account-throttle.ts';
import { deviceHash } from './account-throttle.ts';
import { AddressFailureWindow } from './address-failure-window.ts';
import type { ReviewUser } from './review-user.ts';

/** The outcome of one sign-in attempt. */
export type SignInOutcome =
  | { kind: 'ok'; user: ReviewUser; deviceToken: string }
  | { kind: 'failed'; lockStartedMillis?: number | undefined }
  | { kind: 'throttled'; retryAfterMillis: number; scope: 'account' | 'address' };

/** Who is trying: the client address (as trustProxy allows) and the device cookie the browser sent, if any. */
export interface SignInClient { address: string; deviceToken?: string | undefined }

const deviceTokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** A new device cookie value (256 random bits). */
function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The sign-in policy: a limit per client address across user names (spraying) and per-account delays that
 * grow exponentially for devices the account never signed in on, while a device it signed in on before gets
 * through with the right password however many failures others caused (see the review-app README).
 */
export class SignInGuard {
  private readonly addresses: AddressFailureWindow;

  constructor(private readonly accounts: AccountThrottle, limits: ReviewConfig['loginRateLimit']) {
    this.addresses = new AddressFailureWindow(limits.maxFailuresPerAddress, limits.windowMinutes * 60_000);
  }

  /** Checks the limits, then the password with `verify` (which must cost the same for unknown names). */
  async attempt(username: string, client: SignInClient, verify: () => Promise<ReviewUser | undefined>): Promise<SignInOutcome> {
    const presented = client.deviceToken && deviceTokenPattern.test(client.deviceToken) ? client.deviceToken : undefined;
    const device = presented ? deviceHash(presented) : undefined;
    // The address limit first: it is in memory, so a spraying flood costs no Elasticsearch write per request,
    // and the attempt is counted in the same tick as the check, so parallel guesses stop at the limit exactly.
    // Only a device this account signed in on before passes a blocked address.
    const addressWait = this.addresses.retryAfterMillis(client.address);
    if (addressWait > 0 && !(device && (await this.accounts.isKnownDevice(username, device)))) {
      return { kind: 'throttled', retryAfterMillis: addressWait, scope: 'address' };
    }
    const releaseAddress = this.addresses.reserve(client.address);
    const reservation = await this.accounts.reserve(username, device);
    if (!reservation.allowed) {
      releaseAddress(); // refused unchecked: not a guess
      return { kind: 'throttled', retryAfterMillis: reservation.retryAfterMillis, scope: 'account' };
    }
    const user = await verify();
    if (user) {
      releaseAddress();
      const deviceToken = presented ?? newDeviceToken();
      await this.accounts.recordSuccess(username, deviceHash(deviceToken));
      return { kind: 'ok', user, deviceToken };
    }
    if (reservation.knownDevice && device) await this.accounts.recordKnownDeviceFailure(username, device);
    return { kind: 'failed', lockStartedMillis: reservation.knownDevice ? undefined : reservation.lockStartedMillis };
  }

  /** Housekeeping: forgets names with no known device that failed nothing for a day. */
  async purgeIdle(): Promise<number> {
    return this.accounts.purgeIdle();
  }

  /** Forgets the delays of an account (its password was reset by an administrator). */
  async clearAccount(username: string): Promise<void> {
    await this.accounts.clear(username);
  }
}
