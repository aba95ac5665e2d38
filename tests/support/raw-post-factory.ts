import type { RawPost } from '../../crawlers/raw-post.ts';

/** A raw post as a crawler would emit it, with overridable fields. */
export function rawPost(overrides: Partial<RawPost> & { n?: number } = {}): RawPost {
  const { n = 1, ...rest } = overrides;
  return {
    sourceId: 'test-source',
    sourceType: 'rss',
    url: `https://news.example.gov.cn/2026/11/${n}.html`,
    title: `市民反映小区供暖问题 第${n}条`,
    content: `第${n}条：市民反映小区供暖温度偏低，希望相关部门尽快处理。`,
    authorName: '城市观察',
    publishedAt: '2026-11-20T02:00:00.000Z',
    crawledAt: '2026-11-26T02:00:00.000Z',
    engagement: { reposts: 1, comments: 2, likes: 3 },
    ...rest,
  };
}

/** Yields posts from an array (a stand-in for a crawler's stream, with real values). */
export async function* streamOf<T>(items: Iterable<T>): AsyncGenerator<T> {
  for (const item of items) yield item;
}
