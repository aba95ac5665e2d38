import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { temporaryDataDir } from '../tests/support/fixture-sites/fixture-sources.ts';
import { CrawlState, crawlStatePath } from './crawl-state.ts';

const now = new Date('2026-11-26T02:00:00.000Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();

describe('CrawlState', () => {
  const dirs: (() => void)[] = [];
  afterEach(() => dirs.splice(0).forEach((remove) => remove()));
  const dataDir = () => {
    const { dataDir: dir, remove } = temporaryDataDir();
    dirs.push(remove);
    return dir;
  };

  it('survives a restart: what one process saved, the next one knows', async () => {
    const dir = dataDir();
    const first = await CrawlState.load(dir, 'city-news');
    expect(first.decidePost('id:1', hoursAgo(48), now, 24)).toBe('new');
    first.rememberPost('id:1', { publishedAt: hoursAgo(48), fingerprint: 'a' }, now);
    first.rememberPage('https://a.example/1.html', { activity: '3', publishedAt: hoursAgo(48) }, now);
    await first.save(now, 90);

    const second = await CrawlState.load(dir, 'city-news');
    expect(second.decidePost('id:1', hoursAgo(48), now, 24)).toBe('known');
    expect(second.decidePage('https://a.example/1.html', { activity: '3' }, now, 24)).toBe('known');
    expect(second.decidePage('https://a.example/1.html', { activity: '5' }, now, 24)).toBe('refresh');
    expect(second.decidePage('https://a.example/2.html', {}, now, 24)).toBe('new');
  });

  it('asks to refresh items published within the refresh window', async () => {
    const state = await CrawlState.load(dataDir(), 's');
    state.rememberPost('id:recent', { publishedAt: hoursAgo(2), fingerprint: 'x' }, now);
    state.rememberPost('id:old', { publishedAt: hoursAgo(30), fingerprint: 'y' }, now);
    expect(state.decidePost('id:recent', undefined, now, 24)).toBe('refresh');
    expect(state.decidePost('id:old', undefined, now, 24)).toBe('known');
    expect(state.decidePost('id:recent', undefined, now, 0)).toBe('known');
  });

  it('forgets items not seen for the retention period', async () => {
    const dir = dataDir();
    const state = await CrawlState.load(dir, 's');
    state.rememberPost('id:gone', { fingerprint: 'x' }, new Date(now.getTime() - 100 * 86_400_000));
    state.rememberPost('id:kept', { fingerprint: 'y' }, now);
    await state.save(now, 90);
    const reloaded = await CrawlState.load(dir, 's');
    expect(reloaded.post('id:gone')).toBeUndefined();
    expect(reloaded.post('id:kept')).toBeDefined();
  });

  it('sets a corrupt state file aside and starts afresh instead of failing the source', async () => {
    const dir = dataDir();
    const state = await CrawlState.load(dir, 's');
    await state.save(now, 90);
    writeFileSync(crawlStatePath(dir, 's'), '{"version":1,"posts":');
    const recovered = await CrawlState.load(dir, 's');
    expect(recovered.postCount).toBe(0);
    await recovered.save(now, 90);
    expect(JSON.parse(readFileSync(crawlStatePath(dir, 's'), 'utf8')).version).toBe(1);
  });
});
