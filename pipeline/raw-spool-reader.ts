import { createReadStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { rawPostSchema, rawSegmentSuffix, rawSpoolDir, type RawPost } from '../crawlers/raw-post.ts';
import type { DeadLetterFile } from './dead-letter.ts';

/** Finished raw-spool segments, oldest first (crawlers rename a segment to `.ndjson` only when it is complete). */
export function listRawSegments(dataDir: string): string[] {
  const dir = rawSpoolDir(dataDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => name.endsWith(rawSegmentSuffix)).sort().map((name) => join(dir, name));
}

export interface RawReadStats { read: number; rejected: number }

/**
 * Streams the posts of the given segments. A line that is not valid JSON or breaks the raw-post contract is
 * written to the dead-letter file with the reason (file and line number) and skipped; the run goes on.
 */
export async function* readRawPosts(paths: string[], deadLetter: DeadLetterFile, stats: RawReadStats = { read: 0, rejected: 0 }): AsyncGenerator<RawPost> {
  for (const path of paths) {
    const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
    let lineNumber = 0;
    for await (const line of lines) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        stats.rejected += 1;
        deadLetter.write('raw-posts', `not JSON: ${(error as Error).message}`, line, `${basename(path)}:${lineNumber}`);
        continue;
      }
      const parsed = rawPostSchema.safeParse(value);
      if (!parsed.success) {
        stats.rejected += 1;
        const reason = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(post)'}: ${issue.message}`).join('; ');
        deadLetter.write('raw-posts', reason, value, `${basename(path)}:${lineNumber}`);
        continue;
      }
      stats.read += 1;
      yield parsed.data;
    }
  }
}

/**
 * Retires a segment whose posts are all indexed or spooled. Segments hold unredacted text, so by default
 * they are deleted; with `keepHours` > 0 they move to `processed/` and are purged later.
 */
export function retireRawSegment(path: string, keepHours: number): void {
  if (keepHours <= 0) {
    rmSync(path, { force: true });
    return;
  }
  const processed = join(path, '..', 'processed');
  mkdirSync(processed, { recursive: true });
  renameSync(path, join(processed, basename(path)));
}

/** Deletes processed segments older than `keepHours`. */
export function purgeProcessedRaw(dataDir: string, keepHours: number, now = Date.now()): number {
  const processed = join(rawSpoolDir(dataDir), 'processed');
  if (!existsSync(processed)) return 0;
  let removed = 0;
  for (const name of readdirSync(processed)) {
    const path = join(processed, name);
    if (now - statSync(path).mtimeMs > keepHours * 3_600_000) {
      rmSync(path, { force: true });
      removed += 1;
    }
  }
  return removed;
}
