// One failing source never stops the others; every failure is classified, recorded in the source's
// health record and shown by `yuqing sources`.
import { createServer } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerSourcesCommand } from '../bin/commands/sources.ts';
import { crawlSources } from '../crawlers/crawl-sources.ts';
import { readSourceHealth } from '../crawlers/source-health.ts';
import { startFixtureSite, type FixtureSite } from './support/fixture-sites/fixture-site.ts';
import { crawlTestConfig, fixtureSources, readSegment, temporaryDataDir } from './support/fixture-sites/fixture-sources.ts';
import { testLogger } from './support/test-logger.ts';

/** A port nothing listens on: bind, note the port, close. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('crawl isolation and source health', () => {
  let site: FixtureSite;
  const data = temporaryDataDir();
  let sources: Parameters<typeof crawlTestConfig>[1];

  beforeAll(async () => {
    site = await startFixtureSite({ slowMillis: 4000, flakyFailures: 2, oversizedBytes: 300_000 });
    const fixture = fixtureSources(site.origin);
    const feed = (id: string, path: string, extra: object = {}) => ({ id, name: id, type: 'rss' as const, startUrls: [`${site.origin}${path}`], ...extra });
    sources = [
      fixture.newsRss,
      feed('always-500', '/faulty/500.xml'),
      feed('too-slow', '/faulty/slow.xml', { politeness: { requestTimeoutSeconds: 1 } }),
      feed('malformed-feed', '/faulty/malformed.xml'),
      feed('flaky-feed', '/faulty/flaky.xml'),
      feed('forbidden', '/faulty/403.html'),
      feed('robots-disallowed', '/private/feed.xml'),
      feed('oversized-declared', '/faulty/oversized-declared.html', { politeness: { maxBodyBytes: 100_000 } }),
      feed('oversized-chunked', '/faulty/oversized-chunked.html', { politeness: { maxBodyBytes: 100_000 } }),
      { id: 'nothing-listening', name: 'nothing listening', type: 'rss' as const, startUrls: [`http://127.0.0.1:${await closedPort()}/feed.xml`] },
      fixture.forum,
      fixture.api,
    ];
  });
  afterAll(async () => {
    await site.close();
    data.remove();
  });

  it('crawls the healthy sources fully while every failing one is classified and recorded', async () => {
    const config = crawlTestConfig(data.dataDir, sources, { maxParallelSources: 4 });
    const reports = await crawlSources(config, { logger: testLogger() });
    const byId = Object.fromEntries(reports.map((report) => [report.sourceId, report]));
    expect(Object.keys(byId).sort()).toEqual(sources.map((source) => source.id).sort());

    expect(byId['news-rss']).toMatchObject({ status: 'ok', postsWritten: 10 });
    expect(readSegment(byId['qinghe-bbs']!.segmentPath)).toHaveLength(site.content.threads.reduce((sum, thread) => sum + thread.floors.length, 0));
    expect(byId['qinghe-api']).toMatchObject({ status: 'ok', postsWritten: site.content.api.length });

    expect(byId['always-500']).toMatchObject({ status: 'failed', error: { reason: 'server-error', policy: 'retry' } });
    expect(byId['too-slow']).toMatchObject({ status: 'failed', error: { reason: 'timeout', policy: 'retry' } });
    expect(byId['malformed-feed']).toMatchObject({ status: 'broken', error: { reason: 'malformed-markup', policy: 'fatal' } });
    expect(byId['forbidden']).toMatchObject({ status: 'blocked', error: { reason: 'forbidden', policy: 'blocked' } });
    expect(byId['robots-disallowed']).toMatchObject({ status: 'blocked', error: { reason: 'robots-disallowed' } });
    expect(byId['oversized-declared']).toMatchObject({ status: 'failed', error: { reason: 'oversize', policy: 'skip' } });
    expect(byId['oversized-chunked']).toMatchObject({ status: 'failed', error: { reason: 'oversize', policy: 'skip' } });
    expect(byId['nothing-listening']).toMatchObject({ status: 'failed', error: { reason: 'connection', policy: 'retry' } });
    // Two 502s, then the feed answers: retries with backoff make it through.
    expect(byId['flaky-feed']).toMatchObject({ status: 'ok', postsWritten: 1 });

    // Retries happen only for transient failures: a 500 is asked 1 + maxRetries times, a 403 once, a disallowed path never.
    expect(site.requests.filter((path) => path === '/faulty/500.xml')).toHaveLength(3);
    expect(site.requests.filter((path) => path === '/faulty/403.html')).toHaveLength(1);
    expect(site.requests.filter((path) => path.startsWith('/private/'))).toHaveLength(0);
  });

  it('keeps a health record per source: last success, last error with reason, items fetched, failures in a row', async () => {
    const config = crawlTestConfig(data.dataDir, sources, { maxParallelSources: 4 });
    await crawlSources(config, { logger: testLogger(), sourceIds: ['always-500', 'news-rss'] });
    const failing = await readSourceHealth(data.dataDir, 'always-500');
    expect(failing).toMatchObject({ lastRunStatus: 'failed', consecutiveFailures: 2, itemsFetchedLastRun: 0, lastError: { reason: 'server-error' } });
    expect(failing.lastSuccessAt).toBeUndefined();
    const healthy = await readSourceHealth(data.dataDir, 'news-rss');
    expect(healthy).toMatchObject({ lastRunStatus: 'ok', consecutiveFailures: 0, itemsFetchedTotal: 10 });
    expect(healthy.lastSuccessAt).toBeDefined();
  });

  it('shows the health records through `yuqing sources`', async () => {
    const configPath = join(data.dataDir, 'config.yaml');
    writeFileSync(configPath, stringify({ storage: { dataDir: data.dataDir }, sources: [...sources, { ...sources[0]!, id: 'never-crawled' }] }));
    let output = '';
    const program = new Command('yuqing').option('-c, --config <file>').exitOverride();
    registerSourcesCommand(program, (text) => { output += text; });
    await program.parseAsync(['node', 'yuqing', '--config', configPath, 'sources']);
    const line = (id: string) => output.split('\n').find((row) => row.startsWith(`${id} `)) ?? '';
    expect(line('always-500')).toMatch(/failing .*server-error/);
    expect(line('malformed-feed')).toMatch(/broken .*malformed-markup/);
    expect(line('robots-disallowed')).toMatch(/blocked .*robots-disallowed/);
    expect(line('news-rss')).toMatch(/ok /);
    expect(line('never-crawled')).toMatch(/never-run/);
    expect(output).toContain('always-500: HTTP 500');
  });
});
