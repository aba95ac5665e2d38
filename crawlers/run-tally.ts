import type { CrawlError } from './crawl-errors.ts';
import type { DropReason, RunWarning } from './crawl-run-report.ts';
import { decodingBadness } from './decide-charset.ts';
import type { RawPost } from './raw-post.ts';

interface SelectorMiss { field: string; selector: string; count: number; url: string }

/**
 * What a run counts about the items it met and the posts it stored, beyond "how many": drops by reason,
 * charset fallbacks, garbled text, unknown dates, missing titles, automatic extraction and selectors that
 * stopped matching. Turned into the run's warnings, which decide whether a successful run is `degraded`.
 */
export class RunTally {
  itemsSeen = 0;
  readonly dropped: Partial<Record<DropReason, number>> = {};
  fallbackCharset = 0;
  garbled = 0;
  undated = 0;
  untitled = 0;
  extracted = 0;
  private readonly selectorMisses = new Map<string, SelectorMiss>();
  private exampleUndated: string | undefined;
  private exampleGarbled: string | undefined;

  see(count = 1): void {
    this.itemsSeen += count;
  }

  drop(reason: DropReason, count = 1): void {
    if (count <= 0) return;
    this.dropped[reason] = (this.dropped[reason] ?? 0) + count;
  }

  /** True when the post's text looks garbled whatever the charset decision said. */
  static isGarbled(post: Pick<RawPost, 'title' | 'content' | 'charset'>): boolean {
    if (post.charset?.isDoubtful) return true;
    return !decodingBadness(`${post.title ?? ''}\n${post.content}`.slice(0, 20_000), 'utf-8').isClean;
  }

  /** Counts a post that was written. `isArticle`: a missing title is a defect (articles, feed items), not the norm (replies, Weibo). */
  countWritten(post: RawPost, isArticle: boolean): void {
    if (post.charset?.isFallback) this.fallbackCharset += 1;
    if (post.isTextGarbled) {
      this.garbled += 1;
      this.exampleGarbled ??= post.url;
    }
    if (post.publishedAtKnown === false) {
      this.undated += 1;
      this.exampleUndated ??= post.url;
    }
    if (isArticle && !post.title?.trim()) this.untitled += 1;
    if (post.fieldOrigins && Object.values(post.fieldOrigins).includes('extracted')) this.extracted += 1;
  }

  /** A declared selector found nothing on a page where automatic extraction stood in (or found nothing either). */
  selectorMissed(field: string, selector: string, url: string): void {
    const key = `${field}\u0000${selector}`;
    const miss = this.selectorMisses.get(key) ?? { field, selector, count: 0, url };
    miss.count += 1;
    this.selectorMisses.set(key, miss);
  }

  /** The run's warnings; any but `fallback-charset` makes a successful run `degraded`. */
  warnings(pages: { fetched: number; failed: number; lastError: CrawlError | undefined }): RunWarning[] {
    const warnings: RunWarning[] = [];
    if (pages.failed > 0) {
      warnings.push({ code: 'pages-failed', count: pages.failed, url: pages.lastError?.url,
        message: `${pages.failed} of ${pages.fetched + pages.failed} pages failed${pages.lastError ? ` (last: ${pages.lastError.reason}: ${pages.lastError.message})` : ''}` });
    }
    for (const miss of this.selectorMisses.values()) {
      warnings.push({ code: 'selector-missed', count: miss.count, field: miss.field, selector: miss.selector, url: miss.url,
        message: `${miss.field} selector "${miss.selector}" matched nothing on ${miss.count} page(s), e.g. ${miss.url}; automatic extraction was used instead` });
    }
    if (this.garbled > 0) warnings.push({ code: 'garbled', count: this.garbled, url: this.exampleGarbled, message: `${this.garbled} post(s) still look garbled after the charset check, e.g. ${this.exampleGarbled}` });
    if (this.undated > 0) warnings.push({ code: 'undated', count: this.undated, url: this.exampleUndated, message: `${this.undated} post(s) without a readable publication time (filed by first-seen time), e.g. ${this.exampleUndated}` });
    if (this.untitled > 0) warnings.push({ code: 'untitled', count: this.untitled, message: `${this.untitled} article(s) without a title` });
    const notDuplicates = Object.entries(this.dropped).filter(([reason]) => reason !== 'duplicate' && reason !== 'over-limit');
    const droppedCount = notDuplicates.reduce((sum, [, count]) => sum + count, 0);
    if (droppedCount > 0) warnings.push({ code: 'dropped', count: droppedCount, message: `${droppedCount} item(s) dropped: ${notDuplicates.map(([reason, count]) => `${reason} ${count}`).join(', ')}` });
    if (this.fallbackCharset > 0) warnings.push({ code: 'fallback-charset', count: this.fallbackCharset, message: `${this.fallbackCharset} post(s) decoded with another charset than the site declares` });
    return warnings;
  }
}
