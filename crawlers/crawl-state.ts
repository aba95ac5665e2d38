import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomically } from './write-file-atomically.ts';

const postStateSchema = z.object({
  lastSeenAt: z.string(),
  publishedAt: z.string().optional(),
  fingerprint: z.string().optional().describe('Hash of what was last emitted; an unchanged post is not emitted again.'),
});

const pageStateSchema = z.object({
  lastSeenAt: z.string(),
  publishedAt: z.string().optional(),
  activity: z.string().optional().describe('The list\'s activity marker (e.g. reply count) when the page was last fetched.'),
  resumeUrl: z.string().optional().describe('Last thread page read: new replies are appended there.'),
  openerId: z.string().optional().describe('Id of a thread\'s opening post, the parent of its replies.'),
});

const crawlStateSchema = z.object({
  version: z.literal(1),
  sourceId: z.string(),
  savedAt: z.string().optional(),
  fullScanNeeded: z.boolean().default(false).describe('The last run ended early: the next one pages past known items, which may sit above unvisited ones.'),
  posts: z.record(z.string(), postStateSchema).default({}),
  pages: z.record(z.string(), pageStateSchema).default({}),
});

export type PostState = z.infer<typeof postStateSchema>;
export type PageState = z.infer<typeof pageStateSchema>;
type CrawlStateData = z.infer<typeof crawlStateSchema>;

/** What to do with an item met on a list: fetch/emit it (new), fetch/emit it again to refresh counts, or leave it. */
export type ItemDecision = 'new' | 'refresh' | 'known';

/** Where a source's crawl state lives: `<dataDir>/state/crawl-state/<sourceId>.json`. */
export function crawlStatePath(dataDir: string, sourceId: string): string {
  return join(dataDir, 'state', 'crawl-state', `${sourceId}.json`);
}

/**
 * What a source has already seen, persisted across runs and restarts so a re-run fetches only what
 * is new (plus recent items, to refresh their engagement counts). Saved atomically once per run,
 * after the run's spool segment is closed: a crash in between re-emits posts (the pipeline's stable
 * ids absorb that) but never loses one.
 */
export class CrawlState {
  private constructor(private readonly path: string, private readonly data: CrawlStateData) {}

  /** Loads the state of a source; a missing file is an empty state, a corrupt one is set aside and restarted. */
  static async load(dataDir: string, sourceId: string): Promise<CrawlState> {
    const path = crawlStatePath(dataDir, sourceId);
    let text: string | undefined;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const parsed = text === undefined ? undefined : crawlStateSchema.safeParse(safeJson(text));
    if (parsed && !parsed.success) await writeFileAtomically(`${path}.corrupt-${Date.now()}`, text ?? '');
    return new CrawlState(path, parsed?.success ? parsed.data : { version: 1, sourceId, fullScanNeeded: false, posts: {}, pages: {} });
  }

  /** Number of posts remembered. */
  get postCount(): number {
    return Object.keys(this.data.posts).length;
  }

  /**
   * True when the previous run ended early (interrupted, pages failed). Paging normally stops at the
   * first list page with nothing new; after an early end, pages below it may hold items never fetched.
   */
  get fullScanNeeded(): boolean {
    return this.data.fullScanNeeded;
  }

  /** Records whether this run ended early, for the next run. */
  markRunComplete(complete: boolean): void {
    this.data.fullScanNeeded = !complete;
  }

  post(key: string): PostState | undefined {
    return this.data.posts[key];
  }

  page(url: string): PageState | undefined {
    return this.data.pages[url];
  }

  /**
   * Whether a detail page must be fetched: never fetched, its activity marker changed, or it was
   * published within the refresh window (by the list's time or the one stored at the last fetch).
   */
  decidePage(url: string, listed: { publishedAt?: string; activity?: string }, now: Date, refreshWindowHours: number): ItemDecision {
    const known = this.data.pages[url];
    if (known) known.lastSeenAt = now.toISOString();
    if (!known) return 'new';
    if (listed.activity !== undefined && listed.activity !== known.activity) return 'refresh';
    return isWithinWindow(listed.publishedAt ?? known.publishedAt, now, refreshWindowHours) ? 'refresh' : 'known';
  }

  /** Same decision for a post whose content is already in hand (feeds, APIs, rendered feeds). */
  decidePost(key: string, publishedAt: string | undefined, now: Date, refreshWindowHours: number): ItemDecision {
    const known = this.data.posts[key];
    if (known) known.lastSeenAt = now.toISOString();
    if (!known) return 'new';
    return isWithinWindow(publishedAt ?? known.publishedAt, now, refreshWindowHours) ? 'refresh' : 'known';
  }

  rememberPost(key: string, update: { publishedAt?: string; fingerprint: string }, now: Date): void {
    this.data.posts[key] = { ...this.data.posts[key], ...definedOnly(update), lastSeenAt: now.toISOString() };
  }

  rememberPage(url: string, update: Partial<Omit<PageState, 'lastSeenAt'>>, now: Date): void {
    this.data.pages[url] = { ...this.data.pages[url], ...definedOnly(update), lastSeenAt: now.toISOString() };
  }

  /** Writes the state atomically, forgetting items not seen for `retentionDays`. */
  async save(now: Date, retentionDays: number): Promise<void> {
    const cutoff = now.getTime() - retentionDays * 86_400_000;
    for (const map of [this.data.posts, this.data.pages] as Record<string, { lastSeenAt: string }>[]) {
      for (const [key, value] of Object.entries(map)) if (Date.parse(value.lastSeenAt) < cutoff) delete map[key];
    }
    this.data.savedAt = now.toISOString();
    await writeFileAtomically(this.path, `${JSON.stringify(this.data)}\n`);
  }
}

function isWithinWindow(publishedAt: string | undefined, now: Date, windowHours: number): boolean {
  if (!publishedAt || windowHours <= 0) return false;
  return now.getTime() - Date.parse(publishedAt) < windowHours * 3_600_000;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
