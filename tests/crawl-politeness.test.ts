// Politeness by default: our own User-Agent on every request (robots.txt included), robots.txt
// obeyed, proxies through crawlee's ProxyConfiguration, and crawlee storage that never leaks
// between runs.
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect } from 'node:net';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSource } from '../crawlers/crawl-source.ts';
import { startFixtureSite, type FixtureSite } from './support/fixture-sites/fixture-site.ts';
import { crawlTestConfig, fixtureSources, readSegment, temporaryDataDir } from './support/fixture-sites/fixture-sources.ts';
import { testLogger } from './support/test-logger.ts';

/** A forward HTTP proxy on 127.0.0.1 that records the targets it relays (absolute-URI requests and CONNECT tunnels). */
async function startForwardProxy(): Promise<{ url: string; targets: string[]; close: () => Promise<void> }> {
  const targets: string[] = [];
  const server: Server = createServer((request, response) => {
    targets.push(request.url ?? '');
    const upstream = httpRequest(request.url!, { method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.writeHead(502).end());
    request.pipe(upstream);
  });
  server.on('connect', (request, socket, head) => {
    targets.push(`CONNECT ${request.url}`);
    const [host, port] = (request.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    targets,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

describe('politeness', () => {
  let site: FixtureSite;
  beforeAll(async () => {
    site = await startFixtureSite();
  });
  afterAll(async () => {
    await site.close();
  });

  it('sends the configured User-Agent on every request, robots.txt included', async () => {
    const data = temporaryDataDir();
    const config = crawlTestConfig(data.dataDir, [{ ...fixtureSources(site.origin).newsHtml, politeness: { userAgent: 'qinghe-monitor/2.0 (+mailto:ops@example.cn)' } }]);
    site.userAgents.clear();
    await crawlSource(config.sources[0]!, config, { logger: testLogger() });
    expect([...site.userAgents]).toEqual(['qinghe-monitor/2.0 (+mailto:ops@example.cn)']);
    data.remove();
  });

  it('obeys the robots.txt group of its own User-Agent', async () => {
    const data = temporaryDataDir();
    // robots.txt disallows everything for BadBot.
    const config = crawlTestConfig(data.dataDir, [{ ...fixtureSources(site.origin).newsRss, politeness: { userAgent: 'BadBot/1.0' } }]);
    const report = await crawlSource(config.sources[0]!, config, { logger: testLogger() });
    expect(report).toMatchObject({ status: 'blocked', postsWritten: 0, error: { reason: 'robots-disallowed' } });
    data.remove();
  });

  it('routes requests through the configured proxy (crawlee ProxyConfiguration)', async () => {
    const proxy = await startForwardProxy();
    const data = temporaryDataDir();
    const config = crawlTestConfig(data.dataDir, [fixtureSources(site.origin).api], { proxyUrls: [proxy.url] });
    const report = await crawlSource(config.sources[0]!, config, { logger: testLogger() });
    expect(report!.status).toBe('ok');
    expect(readSegment(report!.segmentPath)).toHaveLength(site.content.api.length);
    const host = new URL(site.origin).host;
    expect(proxy.targets.filter((target) => target.includes(host)).length).toBeGreaterThanOrEqual(1 + report!.pagesFetched);
    await proxy.close();
    data.remove();
  });

  it('keeps crawlee storage in memory and per run: a second run with fresh state fetches everything again', async () => {
    const first = temporaryDataDir();
    const second = temporaryDataDir();
    const source = fixtureSources(site.origin).forum;
    const total = site.content.threads.reduce((sum, thread) => sum + thread.floors.length, 0);
    for (const data of [first, second]) {
      const config = crawlTestConfig(data.dataDir, [source]);
      const report = await crawlSource(config.sources[0]!, config, { logger: testLogger() });
      expect(report!.postsWritten).toBe(total);
    }
    expect(existsSync('storage')).toBe(false);
    first.remove();
    second.remove();
  });
});
