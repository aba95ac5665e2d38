// The truth behind the fixture sites: what each section has published, newest first. Tests compare
// what the crawlers extracted against it, and publish more between runs to test incremental crawls.
import { DateTime } from 'luxon';
import { fixtureAuthor, fixtureTexts, type FixtureText } from './fixture-texts.ts';

/** One published item (article, forum floor, Weibo post, API status). */
export interface FixtureItem {
  id: string;
  title: string;
  text: string;
  author: string;
  publishedAt: Date;
  reposts: number;
  comments: number;
  likes: number;
  views: number;
}

/** A forum thread; `floors[0]` is the opening post. */
export interface FixtureThread {
  tid: string;
  title: string;
  floors: FixtureItem[];
}

/** How much each section holds when the site starts. */
export interface FixtureContentSizes {
  newsArticles: number;
  forumThreads: number;
  floorsPerThread: number;
  weiboPosts: number;
  apiPosts: number;
}

/** Times on the sites are written in this zone, as Chinese sites do. */
export const siteTimeZone = 'Asia/Shanghai';

/** A time as `yyyy-MM-dd HH:mm` in the site's zone. */
export function siteClock(date: Date, format = 'yyyy-MM-dd HH:mm'): string {
  return DateTime.fromJSDate(date, { zone: siteTimeZone }).toFormat(format);
}

/** Site-generated content, deterministic for a given start time. */
export class FixtureContent {
  readonly news: FixtureItem[] = [];
  readonly threads: FixtureThread[] = [];
  readonly weibo: FixtureItem[] = [];
  readonly api: FixtureItem[] = [];
  private textCursor = 0;
  private serial = 0;

  constructor(readonly startedAt: Date, sizes: FixtureContentSizes) {
    // Initial items lie in the past, spaced out, oldest first so ids grow with time.
    for (let index = sizes.newsArticles; index > 0; index -= 1) this.news.unshift(this.item(this.ago(index * 97)));
    // Threads open early enough that their last floor is already in the past.
    for (let index = sizes.forumThreads; index > 0; index -= 1) this.addThread(sizes.floorsPerThread, this.ago(index * 53 + sizes.floorsPerThread * 3));
    for (let index = sizes.weiboPosts; index > 0; index -= 1) this.weibo.unshift(this.item(this.ago(index * 7 + 2)));
    for (let index = sizes.apiPosts; index > 0; index -= 1) this.api.unshift(this.item(this.ago(index * 11)));
  }

  private ago(minutes: number): Date {
    return new Date(this.startedAt.getTime() - minutes * 60_000);
  }

  private nextText(): FixtureText {
    this.textCursor += 1;
    return fixtureTexts(this.textCursor)[this.textCursor - 1]!;
  }

  private item(publishedAt: Date): FixtureItem {
    const { text, mid } = this.nextText();
    this.serial += 1;
    const n = this.serial;
    return {
      id: mid ?? String(4_900_000_000_000_000 + n),
      title: text.replace(/[#【】\s]/g, '').slice(0, 24),
      text,
      author: fixtureAuthor(n),
      publishedAt,
      reposts: (n * 37) % 500,
      comments: (n * 13) % 90,
      likes: n % 4 === 0 ? 12_000 + n * 100 : (n * 29) % 800,
      views: 1000 + n * 211,
    };
  }

  /** A thread whose floors are spaced a few minutes apart, starting at `openedAt`. */
  private addThread(floorCount: number, openedAt: Date): FixtureThread {
    const floors = Array.from({ length: floorCount }, (_, index) => this.item(new Date(openedAt.getTime() + index * 3 * 60_000)));
    const thread = { tid: String(1000 + this.threads.length + 1), title: floors[0]!.title, floors };
    for (const [index, floor] of floors.entries()) floor.id = `${thread.tid}${String(index + 1).padStart(4, '0')}`;
    this.threads.unshift(thread);
    return thread;
  }

  /** Publishes new items now (newest first in every list), as the real sites would between two crawls. */
  publish(counts: { news?: number; threads?: number; floorsPerThread?: number; repliesTo?: { tid: string; count: number }; weibo?: number; api?: number }, now = new Date()): void {
    for (let index = 0; index < (counts.news ?? 0); index += 1) this.news.unshift(this.item(now));
    for (let index = 0; index < (counts.threads ?? 0); index += 1) this.addThread(counts.floorsPerThread ?? 3, new Date(now.getTime() - ((counts.floorsPerThread ?? 3) - 1) * 3 * 60_000));
    for (let index = 0; index < (counts.weibo ?? 0); index += 1) this.weibo.unshift(this.item(now));
    for (let index = 0; index < (counts.api ?? 0); index += 1) this.api.unshift(this.item(now));
    if (counts.repliesTo) {
      const thread = this.threads.find((candidate) => candidate.tid === counts.repliesTo!.tid);
      if (!thread) throw new Error(`no thread ${counts.repliesTo.tid}`);
      for (let index = 0; index < counts.repliesTo.count; index += 1) {
        const reply = this.item(now);
        reply.id = `${thread.tid}${String(thread.floors.length + 1).padStart(4, '0')}`;
        thread.floors.push(reply);
      }
      // Discuz lists threads by last reply.
      this.threads.splice(this.threads.indexOf(thread), 1);
      this.threads.unshift(thread);
    }
  }
}
