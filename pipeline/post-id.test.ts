import { describe, expect, it } from 'vitest';
import { canonicalUrl, postId } from './post-id.ts';

describe('post ids', () => {
  it('are the same for URLs that differ only in tracking parameters, fragment, host case or parameter order', () => {
    const a = postId('news', { url: 'https://News.Example.cn/a/1.html?b=2&a=1&utm_source=wx#comments' });
    const b = postId('news', { url: 'https://news.example.cn:443/a/1.html?a=1&b=2&spm=abc' });
    expect(a).toBe(b);
    expect(canonicalUrl('https://News.Example.cn/a/1.html?b=2&a=1&utm_source=wx#c')).toBe('https://news.example.cn/a/1.html?a=1&b=2');
  });

  it('prefer the platform id, so replies sharing one thread page stay distinct', () => {
    const page = 'https://bbs.example.cn/thread-1-1-1.html';
    expect(postId('forum', { url: page, platformPostId: 'pid-1' })).not.toBe(postId('forum', { url: page, platformPostId: 'pid-2' }));
  });

  it('differ between sources', () => {
    expect(postId('a', { url: 'https://x.cn/1' })).not.toBe(postId('b', { url: 'https://x.cn/1' }));
  });
});
