/**
 * 64-bit SimHash (Charikar) as 16 hex characters, built from two independent 32-bit hashes per
 * feature so it runs on plain numbers (no BigInt in the hot path).
 */

const seedHigh = 0x9747b28c;
const seedLow = 0x2f8a31d1;

/** FNV-1a over UTF-16 code units, finished with MurmurHash3's fmix32 so every bit is well mixed. */
export function hash32(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

const toHex32 = (value: number): string => (value >>> 0).toString(16).padStart(8, '0');

/** SimHash of weighted features (e.g. token → count); identical feature bags give identical hashes. */
export function simhash64(weightedFeatures: ReadonlyMap<string, number>): string {
  const high = new Float64Array(32);
  const low = new Float64Array(32);
  for (const [feature, weight] of weightedFeatures) {
    const hashHigh = hash32(feature, seedHigh);
    const hashLow = hash32(feature, seedLow);
    for (let bit = 0; bit < 32; bit += 1) {
      high[bit] = (high[bit] ?? 0) + (((hashHigh >>> bit) & 1) === 1 ? weight : -weight);
      low[bit] = (low[bit] ?? 0) + (((hashLow >>> bit) & 1) === 1 ? weight : -weight);
    }
  }
  let highBits = 0;
  let lowBits = 0;
  for (let bit = 0; bit < 32; bit += 1) {
    if ((high[bit] ?? 0) > 0) highBits |= 1 << bit;
    if ((low[bit] ?? 0) > 0) lowBits |= 1 << bit;
  }
  return toHex32(highBits) + toHex32(lowBits);
}

function popcount32(value: number): number {
  let v = value >>> 0;
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** Number of differing bits between two 16-hex-character SimHashes. */
export function hammingDistance(a: string, b: string): number {
  if (a.length !== 16 || b.length !== 16) throw new Error(`SimHashes must be 16 hex characters: ${a}, ${b}`);
  return popcount32(parseInt(a.slice(0, 8), 16) ^ parseInt(b.slice(0, 8), 16)) + popcount32(parseInt(a.slice(8), 16) ^ parseInt(b.slice(8), 16));
}

/**
 * Band keys for a banded index: the hash split into `bands` equal slices, each keyed by its
 * position (`"2:9f3a"`). Two hashes within Hamming distance `bands - 1` differ in at most that many
 * slices, so by pigeonhole they share at least one key: with 4 bands of 16 bits, every pair within
 * distance 3 is found by an exact term lookup on any key. Supported band counts: 1, 2, 4, 8, 16.
 */
export function simhashBandKeys(simhash: string, bands = 4): string[] {
  if (![1, 2, 4, 8, 16].includes(bands)) throw new Error(`bands must be 1, 2, 4, 8 or 16, got ${bands}`);
  const width = 16 / bands;
  return Array.from({ length: bands }, (_, band) => `${band}:${simhash.slice(band * width, band * width + width)}`);
}
