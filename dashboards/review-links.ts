import type { Config } from '../config/config-schema.ts';

/**
 * Where people reach the review app: `review.publicUrl` when set, else the address it listens on (which only
 * works on the same machine; start-up warns about that). Alerts, notifications and digests link through here.
 */
export function reviewAppBaseUrl(review: Pick<Config['review'], 'publicUrl' | 'host' | 'port'>): string {
  if (review.publicUrl) return review.publicUrl.replace(/\/+$/, '');
  const host = review.host === '0.0.0.0' || review.host === '::' ? '127.0.0.1' : review.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${review.port}`;
}

/** Whether links built from the config can be opened from another device (a phone reading the alert). */
export function hasReachableReviewUrl(review: Pick<Config['review'], 'publicUrl'>): boolean {
  return review.publicUrl !== undefined;
}

/** A post's page in the app; `intent: 'claim'` opens it with the claim action offered first (from an alert's 认领 button). */
export function postAppUrl(review: Pick<Config['review'], 'publicUrl' | 'host' | 'port'>, postId: string, intent?: 'claim'): string {
  return `${reviewAppBaseUrl(review)}/posts/${encodeURIComponent(postId)}${intent ? `?intent=${intent}` : ''}`;
}

/** An event's story page in the app. */
export function storyAppUrl(review: Pick<Config['review'], 'publicUrl' | 'host' | 'port'>, eventId: string): string {
  return `${reviewAppBaseUrl(review)}/stories/${encodeURIComponent(eventId)}`;
}
