import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Where the lock of a running source lives: `<dataDir>/state/locks/<sourceId>.lock`. */
export function sourceLockPath(dataDir: string, sourceId: string): string {
  return join(dataDir, 'state', 'locks', `${sourceId}.lock`);
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the run lock of a source, or returns undefined when a run of it is already going on — in
 * this process (scheduler and `yuqing crawl` share it) or in another one. A lock left by a process
 * that died is taken over. Returns the release function.
 */
export async function acquireSourceLock(dataDir: string, sourceId: string): Promise<(() => Promise<void>) | undefined> {
  const path = sourceLockPath(dataDir, sourceId);
  await mkdir(join(dataDir, 'state', 'locks'), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return async () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(holder) && holder > 0 && isProcessAlive(holder)) return undefined;
      await rm(path, { force: true });
    }
  }
  return undefined;
}
