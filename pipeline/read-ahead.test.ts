import { describe, expect, it } from 'vitest';
import { readAhead } from './read-ahead.ts';

describe('reading ahead', () => {
  it('yields every item in order', async () => {
    async function* source() {
      for (let i = 0; i < 1000; i += 1) yield i;
    }
    const seen: number[] = [];
    for await (const item of readAhead(source(), 16)) seen.push(item);
    expect(seen).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('produces while the consumer waits, but never more than its capacity ahead', async () => {
    let produced = 0;
    async function* source() {
      for (let i = 0; i < 100; i += 1) {
        produced += 1;
        yield i;
      }
    }
    const iterator = readAhead(source(), 10)[Symbol.asyncIterator]();
    await iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(produced).toBeGreaterThan(5);
    expect(produced).toBeLessThanOrEqual(12);
    await iterator.return?.(undefined);
  });

  it('passes on an error of the source', async () => {
    async function* source() {
      yield 1;
      throw new Error('broken segment');
    }
    const seen: number[] = [];
    await expect((async () => {
      for await (const item of readAhead(source(), 4)) seen.push(item);
    })()).rejects.toThrow('broken segment');
    expect(seen).toEqual([1]);
  });
});
