import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Where rejected input goes, one JSON line per item with the reason, so nothing disappears silently. */
export class DeadLetterFile {
  readonly dir: string;
  count = 0;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'dead-letter');
  }

  /** Records one rejected item; `kind` names the file (raw-posts, documents). */
  write(kind: 'raw-posts' | 'documents', reason: string, item: unknown, origin?: string): void {
    mkdirSync(this.dir, { recursive: true });
    const day = new Date().toISOString().slice(0, 10);
    appendFileSync(join(this.dir, `${kind}-${day}.ndjson`), `${JSON.stringify({ at: new Date().toISOString(), reason, origin, item })}\n`);
    this.count += 1;
  }
}
