import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

/** One invented post of the demo city 青禾市. */
export const demoPostSchema = z.strictObject({
  id: z.string(),
  channel: z.enum(['hotline', 'news', 'weibo']),
  minutesAgo: z.number().optional(),
  queued: z.boolean().optional(),
  title: z.string().optional(),
  author: z.string(),
  content: z.string().transform((text) => text.trim()),
  views: z.number().optional(),
  reposts: z.number().optional(),
  comments: z.number().optional(),
  likes: z.number().optional(),
});

export type DemoPost = z.infer<typeof demoPostSchema>;

/** A demo post with the moment it appears on the site. */
export interface PublishedDemoPost extends DemoPost { publishedAt: Date }

/** Loads the bundled demo posts. */
export function loadDemoPosts(): DemoPost[] {
  const path = fileURLToPath(new URL('./content/posts.yaml', import.meta.url));
  return z.array(demoPostSchema).parse(parse(readFileSync(path, 'utf8')));
}

/**
 * Gives every post its publication time: back-dated posts relative to `startedAt`, queued posts one every
 * `everyMinutes` after it (all at once when 0), so scheduled crawls keep finding something new.
 */
export function scheduleDemoPosts(posts: DemoPost[], startedAt: Date, everyMinutes: number): PublishedDemoPost[] {
  let queuePosition = 0;
  return posts.map((post) => {
    if (post.queued) {
      queuePosition += 1;
      return { ...post, publishedAt: new Date(startedAt.getTime() + queuePosition * everyMinutes * 60_000) };
    }
    return { ...post, publishedAt: new Date(startedAt.getTime() - (post.minutesAgo ?? 0) * 60_000) };
  });
}
