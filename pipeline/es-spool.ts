import { createReadStream, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { IndexOperation } from './index-operation.ts';

const segmentPattern = /^(\d{12})\.ndjson$/;

/**
 * On-disk queue of index operations that could not reach Elasticsearch. Operations are appended in
 * order to numbered segments and replayed in the same order, so an older update never lands after a newer one.
 */
export class EsSpool {
  readonly dir: string;
  private handle: FileHandle | undefined;
  private currentPath: string | undefined;
  private currentBytes = 0;

  constructor(dataDir: string, private readonly segmentBytes = 64 * 1024 * 1024) {
    this.dir = join(dataDir, 'es-spool');
    mkdirSync(this.dir, { recursive: true });
  }

  /** Finished and open segment paths, oldest first. */
  segments(): string[] {
    return readdirSync(this.dir).filter((name) => segmentPattern.test(name)).sort().map((name) => join(this.dir, name));
  }

  isEmpty(): boolean {
    return this.segments().every((path) => statSync(path).size === 0);
  }

  /** Bytes waiting to be replayed. */
  pendingBytes(): number {
    return this.segments().reduce((sum, path) => sum + statSync(path).size, 0);
  }

  private nextSegmentPath(): string {
    const last = this.segments().at(-1);
    const number = last ? Number(segmentPattern.exec(last.split('/').at(-1)!)![1]) + 1 : 1;
    return join(this.dir, `${String(number).padStart(12, '0')}.ndjson`);
  }

  /** Appends one operation. Call `flush()` before reporting the operation as safe. */
  async append(operation: IndexOperation): Promise<void> {
    if (!this.handle || this.currentBytes > this.segmentBytes) {
      await this.flush();
      this.currentPath = this.nextSegmentPath();
      this.handle = await open(this.currentPath, 'a');
      this.currentBytes = 0;
    }
    const line = `${JSON.stringify(operation)}\n`;
    await this.handle.write(line);
    this.currentBytes += Buffer.byteLength(line);
  }

  /** fsyncs and closes the open segment: after this, a crash loses nothing that was appended. */
  async flush(): Promise<void> {
    if (!this.handle) return;
    await this.handle.sync();
    await this.handle.close();
    this.handle = undefined;
    this.currentPath = undefined;
  }

  /** Reads one segment's operations in order. */
  async *read(path: string): AsyncGenerator<IndexOperation> {
    const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      // A crash can leave a torn last line; everything before it is intact.
      if (line.trim() === '') continue;
      try {
        yield JSON.parse(line) as IndexOperation;
      } catch {
        continue;
      }
    }
  }

  /** Deletes a segment once every operation in it is in Elasticsearch. */
  remove(path: string): void {
    if (path === this.currentPath) return;
    rmSync(path, { force: true });
  }
}
