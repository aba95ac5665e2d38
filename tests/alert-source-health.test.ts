// A source that becomes failing, blocked or broken is announced on the configured channels — once
// per change, with the reason and what to do — by the alerter bin/ wires after every crawl run.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSource } from '../crawlers/crawl-source.ts';
import { createSourceHealthAlerter } from '../dashboards/alerts/source-health-alert.ts';
import { alertOnSourceHealth } from '../bin/source-health-alerts.ts';
import { startFixtureSite, type FixtureSite } from './support/fixture-sites/fixture-site.ts';
import { crawlTestConfig, temporaryDataDir } from './support/fixture-sites/fixture-sources.ts';
import { parseConfig } from '../config/load-config.ts';
import { startRecordingHttpServer, type RecordingHttpServer } from './support/recording-http-server.ts';

describe('source-health alerts', () => {
  let site: FixtureSite;
  let receiver: RecordingHttpServer;
  const data = temporaryDataDir();
  beforeAll(async () => {
    site = await startFixtureSite();
    receiver = await startRecordingHttpServer();
  });
  afterAll(async () => {
    await site.close();
    await receiver.close();
    data.remove();
  });

  it('alerts when a source turns blocked, not again while it stays blocked, and again when it breaks after recovering', async () => {
    const logger = pino({ level: 'silent' });
    const declaration = { id: 'flaky-portal', name: '青禾门户', type: 'rss' as const, startUrls: [`${site.origin}/walls/throttled-418.xml`] };
    const base = crawlTestConfig(data.dataDir, [declaration]);
    const config = parseConfig({ storage: { dataDir: data.dataDir }, crawl: base.crawl, sources: [declaration], delivery: { webhook: { url: `${receiver.url}/hook` } } }, 'test', {});
    const alerter = createSourceHealthAlerter({ config, logger });
    const onRunFinished = alertOnSourceHealth(alerter, config, logger);
    const run = (startUrl: string) => {
      const withUrl = { ...config, sources: [{ ...config.sources[0]!, startUrls: [startUrl] }] };
      return crawlSource(withUrl.sources[0]!, withUrl, { logger, onRunFinished });
    };
    await run(`${site.origin}/walls/throttled-418.xml`);
    const [first] = await receiver.waitForRequests(1);
    const body = JSON.parse(first!.body.toString()) as { title: string; items: { heading: string; facts: { label: string; value: string }[]; data: Record<string, unknown> }[] };
    expect(body.title).toBe('【采集异常】青禾门户 被拦截');
    expect(body.items[0]!.data).toMatchObject({ type: 'source-health', sourceId: 'flaky-portal', state: 'blocked', reason: 'throttled' });
    expect(body.items[0]!.facts).toContainEqual({ label: '处理建议', value: expect.stringContaining('maxRequestsPerMinute') });

    await run(`${site.origin}/walls/throttled-418.xml`);
    await run(`${site.origin}/news/rss.xml`);
    expect(receiver.requests).toHaveLength(1);
    await run(`${site.origin}/faulty/malformed.xml`);
    const [, second] = await receiver.waitForRequests(2);
    expect(JSON.parse(second!.body.toString())).toMatchObject({ title: '【采集异常】青禾门户 已失效', items: [{ data: { state: 'broken', previousState: 'ok' } }] });
    alerter.close();
  });
});
