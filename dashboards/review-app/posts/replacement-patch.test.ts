import { describe, expect, it } from 'vitest';
import { replacementPatch } from './post-store.ts';

describe('the partial update that writes a review', () => {
  it('clears keys that are gone, at every depth, and replaces arrays whole', () => {
    const before = { status: 'in_progress', assignee: 'li', revision: 3, response: { draft: '您好', link: 'https://x.cn/1' }, notes: [{ text: 'a' }] };
    const after = { status: 'new', revision: 4, response: { draft: '您好，已转交' }, notes: [{ text: 'a' }, { text: 'b' }] };
    expect(replacementPatch(before, after)).toEqual({
      status: 'new', assignee: null, revision: 4, response: { draft: '您好，已转交', link: null }, notes: [{ text: 'a' }, { text: 'b' }],
    });
  });

  it('writes the whole value when there was nothing before', () => {
    expect(replacementPatch(undefined, { status: 'new', revision: 0 })).toEqual({ status: 'new', revision: 0 });
  });
});
