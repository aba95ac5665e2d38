import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { rawSegmentSuffix, rawSpoolDir, type RawPost } from './raw-post.ts';

/**
 * Appends raw posts of one crawl run to a spool segment. The segment is invisible to the pipeline
 * (`.part`) until `close()` fsyncs and renames it, so a crash never hands over half a run.
 */
export class RawSpoolWriter {
  // The open promise, not the handle: concurrent first writes (crawlers run handlers in parallel)
  // must share one handle, or the extra ones leak unsynced.
  private handle: Promise<FileHandle> | undefined;
  private readonly partPath: string;
  readonly path: string;
  count = 0;

  constructor(dataDir: string, sourceId: string) {
    const dir = rawSpoolDir(dataDir);
    mkdirSync(dir, { recursive: true });
    // Names sort by creation time, which is the order the pipeline processes them in.
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    this.path = join(dir, `${stamp}-${sourceId}-${randomBytes(3).toString('hex')}${rawSegmentSuffix}`);
    this.partPath = `${this.path}.part`;
  }

  /** Appends one post (one JSON line). */
  async write(post: RawPost): Promise<void> {
    this.handle ??= open(this.partPath, 'a');
    await (await this.handle).write(`${JSON.stringify(post)}\n`);
    this.count += 1;
  }

  /** Makes the segment visible to the pipeline; returns its path, or undefined when nothing was written. */
  async close(): Promise<string | undefined> {
    if (!this.handle) return undefined;
    const handle = await this.handle;
    this.handle = undefined;
    await handle.sync();
    await handle.close();
    renameSync(this.partPath, this.path);
    return this.path;
  }
}
