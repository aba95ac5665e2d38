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
  // Lines wait here and go to the file in chunks: one write per post would be a system call per post. Nothing
  // is lost by waiting, because the segment counts only once `close()` has written, synced and renamed it.
  private buffered: string[] = [];
  private bufferedBytes = 0;
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
    const line = `${JSON.stringify(post)}\n`;
    this.buffered.push(line);
    this.bufferedBytes += line.length;
    this.count += 1;
    if (this.bufferedBytes >= 256 * 1024) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buffered.length === 0) return;
    const chunk = this.buffered.join('');
    this.buffered = [];
    this.bufferedBytes = 0;
    this.handle ??= open(this.partPath, 'a');
    await (await this.handle).write(chunk);
  }

  /** Makes the segment visible to the pipeline; returns its path, or undefined when nothing was written. */
  async close(): Promise<string | undefined> {
    await this.flush();
    if (!this.handle) return undefined;
    const handle = await this.handle;
    this.handle = undefined;
    await handle.sync();
    await handle.close();
    renameSync(this.partPath, this.path);
    return this.path;
  }
}
