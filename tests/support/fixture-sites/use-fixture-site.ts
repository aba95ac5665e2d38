// A fixture site per test file or describe block, started and stopped with it (test files only: it uses vitest's hooks).
import { afterAll, beforeAll } from 'vitest';
import { startFixtureSite, type FixtureSite, type FixtureSiteOptions } from './fixture-site.ts';
import { temporaryDataDir } from './fixture-sources.ts';

/**
 * A fixture site and a temporary data dir for the tests of the enclosing `describe` (or file): started
 * before them, closed and removed after. `site()` is valid inside tests.
 */
export function useFixtureSite(options: FixtureSiteOptions = {}): { site: () => FixtureSite; dataDir: string } {
  const data = temporaryDataDir();
  let site: FixtureSite | undefined;
  beforeAll(async () => {
    site = await startFixtureSite(options);
  });
  afterAll(async () => {
    await site?.close();
    data.remove();
  });
  return { site: () => site!, dataDir: data.dataDir };
}
