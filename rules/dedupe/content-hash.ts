import { createHash } from 'node:crypto';

const urlPattern = /https?:\/\/\S+/gu;
const notLetterOrNumber = /[^\p{L}\p{N}]+/gu;

/**
 * Canonical form for exact-duplicate detection: Unicode NFKC (full-width → half-width), lower
 * case, no links, and only letters and digits — so copies that differ in spacing, punctuation,
 * emoji or a shortened link hash the same.
 */
export function normaliseForHash(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(urlPattern, '').replace(notLetterOrNumber, '');
}

/** SHA-256 (hex) of the normalised text: equal hashes mean exact duplicates after normalisation. */
export function contentHash(text: string): string {
  return createHash('sha256').update(normaliseForHash(text)).digest('hex');
}
