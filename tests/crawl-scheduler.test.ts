// Scheduling with node-cron: never two overlapping runs of a source, and a graceful SIGTERM that
// leaves the spool segment closed and the crawl state consistent with it.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../config/config-schema.ts';
import { crawlSource } from '../crawlers/crawl-source.ts';
import { crawlSources } from '../crawlers/crawl-sources.ts';
import type { CrawlRunReport } from '../crawlers/crawl-run-report.ts';
import { crawlStatePath } from '../crawlers/crawl-state.ts';
import { rawSpoolDir } from '../crawlers/raw-post.ts';
import { readSourceHealth } from '../crawlers/source-health.ts';
import { startSourceScheduler } from '../crawlers/source-scheduler.ts';
import { startFixtureSite, type FixtureSite } from './support/fixture-sites/fixture-site.ts';
import { crawlTestConfig, fixtureSources, readSegment, temporaryDataDir } from './support/fixture-sites/fixture-sources.ts';
import { testLogger } from './support/test-logger.ts';

/** Polls until `condition` holds; the bound only keeps a broken test from hanging. */
async function until(condition: () => boolean, what: string, boundMillis = 60_000): Promise<void> {
  const deadline = Date.now() + boundMillis;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(50);
  }
}

describe('source scheduler', () => {
  let site: FixtureSite;
  beforeAll(async () => {
    site = await startFixtureSite({ slowMillis: 1500, forumThreads: 8, floorsPerThread: 23 });
  });
  afterAll(async () => {
    await site.close();
  });

  it('never starts a run of a source while its previous run is still going on', async () => {
    const data = temporaryDataDir();
    // Ticks every second; each run waits 1.5 s for the slow feed.
    const config = crawlTestConfig(data.dataDir, [{ id: 'slow-feed', name: 'slow', type: 'rss', schedule: '* * * * * *', startUrls: [`${site.origin}/faulty/slow.xml`] }]);
    const reports: CrawlRunReport[] = [];
    const scheduler = startSourceScheduler(config, { logger: testLogger(), onRunFinished: (report) => void reports.push(report) });
    await until(() => reports.length >= 2, 'two scheduled runs');
    await scheduler.stop();
    const intervals = reports.map((report) => [Date.parse(report.startedAt), Date.parse(report.finishedAt)] as const).sort((a, b) => a[0] - b[0]);
    for (let index = 1; index < intervals.length; index += 1) expect(intervals[index]![0]).toBeGreaterThanOrEqual(intervals[index - 1]![1]);
    expect(site.requests.filter((path) => path === '/faulty/slow.xml')).toHaveLength(reports.length);
    data.remove();
  });

  it('refuses a second concurrent run of the same source', async () => {
    const data = temporaryDataDir();
    const config = crawlTestConfig(data.dataDir, [{ id: 'slow-feed-2', name: 'slow', type: 'rss', startUrls: [`${site.origin}/faulty/slow.xml`] }]);
    const [first, second] = await Promise.all([
      crawlSource(config.sources[0]!, config, { logger: testLogger() }),
      crawlSource(config.sources[0]!, config, { logger: testLogger() }),
    ]);
    expect([first, second].filter((report) => report === undefined)).toHaveLength(1);
    data.remove();
  });

  it('shuts down gracefully on SIGTERM: segment closed, state consistent, the next run picks up the rest', async () => {
    const data = temporaryDataDir();
    const forum = fixtureSources(site.origin).forum;
    // Two requests a second, so the run is still going when SIGTERM arrives.
    const input: ConfigInput = { storage: { dataDir: data.dataDir }, crawl: { maxRequestsPerMinute: 120, retryBackoffMillis: 20 }, sources: [{ ...forum, refreshWindowHours: 0 }] };
    const configPath = join(data.dataDir, 'config.json');
    writeFileSync(configPath, JSON.stringify(input));
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./support/fixture-sites/scheduler-process.ts', import.meta.url)), configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    await until(() => site.requests.filter((path) => path.startsWith('/bbs/thread-')).length >= 4, 'the child to be crawling threads');
    child.kill('SIGTERM');
    expect(await exited, stderr).toBe(0);

    const report = JSON.parse(stdout.split('\n').find((line) => line.startsWith('{'))!) as CrawlRunReport;
    expect(report.status).toBe('interrupted');
    const rawFiles = readdirSync(rawSpoolDir(data.dataDir));
    expect(rawFiles.filter((name) => name.endsWith('.part'))).toEqual([]);
    const firstPosts = readSegment(report.segmentPath);
    const total = site.content.threads.reduce((sum, thread) => sum + thread.floors.length, 0);
    expect(firstPosts.length).toBeGreaterThan(0);
    expect(firstPosts.length).toBeLessThan(total);
    // The state remembers exactly the posts the closed segment holds.
    const state = JSON.parse(readFileSync(crawlStatePath(data.dataDir, forum.id), 'utf8')) as { posts: Record<string, unknown> };
    expect(Object.keys(state.posts).sort()).toEqual(firstPosts.map((post) => `id:${post.platformPostId}`).sort());
    expect((await readSourceHealth(data.dataDir, forum.id)).lastRunStatus).toBe('interrupted');

    // After the restart, the next run writes the rest and nothing twice.
    const config = crawlTestConfig(data.dataDir, [{ ...forum, refreshWindowHours: 0 }]);
    const [next] = await crawlSources(config, { logger: testLogger() });
    const secondPosts = readSegment(next!.segmentPath);
    const all = [...firstPosts, ...secondPosts].map((post) => post.platformPostId);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(total);
    data.remove();
  });

  it('after downtime runs a source whose scheduled time passed once at start, not once per missed slot, and leaves the others to their schedule', async () => {
    const data = temporaryDataDir();
    const hourly = { id: 'missed-hourly', name: 'missed', type: 'rss' as const, schedule: '0 * * * *', startUrls: [`${site.origin}/news/rss.xml?catch-up=missed`] };
    const recent = { id: 'ran-recently', name: 'recent', type: 'rss' as const, schedule: '0 3 1 1 *', startUrls: [`${site.origin}/news/rss.xml?catch-up=recent`] };
    const config = crawlTestConfig(data.dataDir, [hourly, recent]);
    // Both last ran before the process stopped: one 26 hours ago (26 hourly slots missed), one a minute ago.
    const healthDir = join(data.dataDir, 'state', 'source-health');
    mkdirSync(healthDir, { recursive: true });
    writeFileSync(join(healthDir, `${hourly.id}.json`), JSON.stringify({ sourceId: hourly.id, lastRunAt: new Date(Date.now() - 26 * 3_600_000).toISOString(), lastRunStatus: 'ok', state: 'ok' }));
    writeFileSync(join(healthDir, `${recent.id}.json`), JSON.stringify({ sourceId: recent.id, lastRunAt: new Date(Date.now() - 60_000).toISOString(), lastRunStatus: 'ok', state: 'ok' }));
    const reports: CrawlRunReport[] = [];
    const scheduler = startSourceScheduler(config, { logger: testLogger(), onRunFinished: (report) => void reports.push(report) });
    await until(() => reports.length >= 1, 'the catch-up run');
    await sleep(1500);
    await scheduler.stop();
    expect(reports.map((report) => report.sourceId)).toEqual([hourly.id]);
    expect(site.requests.filter((path) => path === '/news/rss.xml?catch-up=missed')).toHaveLength(1);
    expect(site.requests.filter((path) => path === '/news/rss.xml?catch-up=recent')).toHaveLength(0);
    data.remove();
  });
});

