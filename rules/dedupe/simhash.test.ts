import { describe, expect, it } from 'vitest';
import { createJiebaSegmenter } from '../segmentation/jieba-segmenter.ts';
import { contentHash, normaliseForHash } from './content-hash.ts';
import { hammingDistance, hash32, simhash64, simhashBandKeys } from './simhash.ts';
import { simhashFeatures } from './simhash-features.ts';

const segmenter = createJiebaSegmenter();
const simhashOf = (text: string): string => simhash64(simhashFeatures(segmenter.tokenize(text), segmenter));
const original = '市区一化工厂昨夜发生火灾，消防部门出动二十辆消防车，大火于今晨被扑灭，目前暂无人员伤亡报告，起火原因正在调查中。';

describe('content hash', () => {
  it('is equal for copies that differ only in width, case, spacing, punctuation and links', () => {
    expect(contentHash('ＡＢＣ 突发！ 某地起火 https://t.cn/x1')).toBe(contentHash('abc突发，某地起火。'));
    expect(normaliseForHash('Hello, 世界！')).toBe('hello世界');
  });

  it('differs when the words differ', () => {
    expect(contentHash('某地起火')).not.toBe(contentHash('某地失火'));
  });
});

describe('SimHash', () => {
  it('is 16 hex characters and deterministic', () => {
    expect(simhashOf(original)).toMatch(/^[0-9a-f]{16}$/);
    expect(simhashOf(original)).toBe(simhashOf(original));
  });

  it('keeps a repost with a short comment and changed punctuation within Hamming distance 3', () => {
    const repost = `太吓人了//@本地新闻:${original.replace(/，/g, ',')}`;
    expect(hammingDistance(simhashOf(original), simhashOf(repost))).toBeLessThanOrEqual(3);
  });

  it('puts unrelated posts far apart', () => {
    const other = '周末带孩子去动物园看熊猫，天气很好，孩子玩得特别开心，下次还要带爷爷奶奶一起来。';
    expect(hammingDistance(simhashOf(original), simhashOf(other))).toBeGreaterThan(10);
  });

  it('counts differing bits exactly', () => {
    expect(hammingDistance('0000000000000000', '0000000000000000')).toBe(0);
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('0000000000000001', '8000000000000000')).toBe(2);
    expect(() => hammingDistance('abc', '0000000000000000')).toThrow(/16 hex/);
  });

  it('spreads feature hashes over all bits', () => {
    let ones = 0;
    for (let index = 0; index < 1000; index += 1) {
      const value = hash32(`词${index}`, 1);
      for (let bit = 0; bit < 32; bit += 1) ones += (value >>> bit) & 1;
    }
    expect(ones / 32_000).toBeGreaterThan(0.45);
    expect(ones / 32_000).toBeLessThan(0.55);
  });
});

describe('SimHash band keys', () => {
  it('splits into four positioned 16-bit keys by default', () => {
    expect(simhashBandKeys('0123456789abcdef')).toEqual(['0:0123', '1:4567', '2:89ab', '3:cdef']);
    expect(simhashBandKeys('0123456789abcdef', 8)).toHaveLength(8);
    expect(() => simhashBandKeys('0123456789abcdef', 3)).toThrow(/bands/);
  });

  it('shares at least one key for every pair within Hamming distance 3 (pigeonhole)', () => {
    const base = simhashOf(original);
    const flip = (hex: string, bit: number): string => {
      const nibble = 15 - Math.floor(bit / 4);
      return hex.slice(0, nibble) + (parseInt(hex[nibble] ?? '0', 16) ^ (1 << (bit % 4))).toString(16) + hex.slice(nibble + 1);
    };
    for (let trial = 0; trial < 500; trial += 1) {
      const bits = new Set<number>();
      while (bits.size < 3) bits.add(Math.floor(Math.random() * 64));
      const near = [...bits].reduce(flip, base);
      expect(hammingDistance(base, near)).toBe(3);
      const shared = simhashBandKeys(base).filter((key) => simhashBandKeys(near).includes(key));
      expect(shared.length).toBeGreaterThan(0);
    }
  });
});
