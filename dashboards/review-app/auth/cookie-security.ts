import type { FastifyRequest } from 'fastify';
import type { ReviewConfig } from '../../../config/review-schema.ts';

/**
 * Whether cookies get `Secure`: with `secureCookies: auto`, when users reach the app over https (`publicUrl`
 * is https — the TLS proxy in front may talk plain http to us) or the request itself came over https.
 */
export function isSecureCookie(request: FastifyRequest, review: Pick<ReviewConfig, 'secureCookies' | 'publicUrl'>): boolean {
  if (review.secureCookies !== 'auto') return review.secureCookies === 'always';
  return review.publicUrl?.startsWith('https:') === true || request.protocol === 'https';
}
