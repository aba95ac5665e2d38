import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { ProvisionError } from './provision-error.ts';

/**
 * Unpacks a zip file into `into` with yauzl (no `unzip` command needed), keeping the Unix permission bits the
 * archive records (Elasticsearch's `bin/` scripts must stay executable). Entries that would land outside `into`
 * (`../`, absolute paths) are refused.
 */
export async function unzipArchive(zipPath: string, into: string): Promise<void> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true, strictFileNames: false });
  try {
    const root = normalize(into) + sep;
    for (;;) {
      const entry = await nextEntry(zip);
      if (!entry) break;
      const target = normalize(join(into, entry.fileName));
      if (!target.startsWith(root)) throw new ProvisionError(`${zipPath}: entry ${entry.fileName} points outside the target folder`);
      if (entry.fileName.endsWith('/')) {
        mkdirSync(target, { recursive: true });
        continue;
      }
      mkdirSync(dirname(target), { recursive: true });
      // The high 16 bits of the external attributes are the Unix mode when the archive was made on Unix.
      const unixMode = (entry.externalFileAttributes >>> 16) & 0o777;
      await pipeline(await zip.openReadStreamPromise(entry), createWriteStream(target, { mode: unixMode || 0o644 }));
    }
  } catch (error) {
    if (error instanceof ProvisionError) throw error;
    throw new ProvisionError(`unpacking ${zipPath}: ${(error as Error).message}`);
  } finally {
    zip.close();
  }
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
    const onEntry = (entry: yauzl.Entry) => { cleanup(); resolve(entry); };
    const onEnd = () => { cleanup(); resolve(undefined); };
    const onError = (error: Error) => { cleanup(); reject(error); };
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    zip.once('entry', onEntry);
    zip.once('end', onEnd);
    zip.once('error', onError);
    zip.readEntry();
  });
}
