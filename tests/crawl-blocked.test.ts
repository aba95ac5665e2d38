// A site that refuses us — a login wall, a captcha, a throttling answer, an expired session cookie —
// marks the source `blocked` with what to do, backs it off, and never leaks the cookie anywhere.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { crawlSource } from '../crawlers/crawl-source.ts';
import { credentialHeadersFor, loadSourceCredentials } from '../crawlers/source-credentials.ts';
import { readSourceHealth } from '../crawlers/source-health.ts';
import { validSessionCookie } from './support/fixture-sites/access-walls.ts';
import { crawlOnce, crawlTestConfig, fixtureSources, readSegment } from './support/fixture-sites/fixture-sources.ts';
import { useFixtureSite } from './support/fixture-sites/use-fixture-site.ts';

/** Every line a crawl logs, at debug level, as text. */
function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

/** Every file under a folder, as text (state, health, spool). */
function everyFile(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8')).join('\n');
}

describe('blocked sources', () => {
  const fixture = useFixtureSite();
  const data = { dataDir: fixture.dataDir };

  it.each([
    ['login-redirect', 'html', '/walls/members/list.html', 'login-required', /YUQING_COOKIES_LOGIN_REDIRECT/],
    ['login-page', 'html', '/walls/login-page/', 'login-required', /YUQING_COOKIES_LOGIN_PAGE/],
    ['captcha-page', 'html', '/walls/captcha/list.html', 'captcha', /captcha/],
    ['teapot', 'rss', '/walls/throttled-418.xml', 'throttled', /maxRequestsPerMinute/],
    ['too-many', 'rss', '/walls/throttled-429.xml', 'throttled', /maxRequestsPerMinute/],
    ['code-432', 'rss', '/walls/throttled-432.xml', 'throttled', /maxRequestsPerMinute/],
  ] as const)('reports %s as blocked with the reason and what to do, and backs off', async (id, type, path, reason, advice) => {
    const declaration = type === 'rss'
      ? { id, name: id, type, startUrls: [`${fixture.site().origin}${path}`] }
      : { id, name: id, type, startUrls: [`${fixture.site().origin}${path}`], list: { itemSelector: 'ul.news li' } };
    const { report, posts } = await crawlOnce(data.dataDir, declaration);
    expect(posts).toEqual([]);
    expect(report).toMatchObject({ status: 'blocked', state: 'blocked', error: { reason, policy: 'blocked' } });
    expect(report.advice).toMatch(advice);
    const health = await readSourceHealth(data.dataDir, id);
    expect(health.state).toBe('blocked');
    expect(Date.parse(health.backoffUntil!)).toBeGreaterThan(Date.now() + 25 * 60_000);
    // A scheduled run waits for the back-off; the throttling endpoint is not asked again.
    const requestsBefore = fixture.site().requests.length;
    const config = crawlTestConfig(data.dataDir, [declaration]);
    expect(await crawlSource(config.sources[0]!, config, { logger: pino({ level: 'silent' }), trigger: 'schedule' })).toBeUndefined();
    expect(fixture.site().requests.slice(requestsBefore).filter((request) => request.startsWith(path.split('?')[0]!))).toEqual([]);
  });

  it('does not mistake an article about SMS 验证码 scams for a captcha page', async () => {
    const { report, posts } = await crawlOnce(data.dataDir, { id: 'scam-news', name: 'scam', type: 'html', startUrls: [`${fixture.site().origin}/walls/scam-list/`], list: { itemSelector: 'ul.list-items li' } });
    expect(report.state).toBe('ok');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.content).toContain('验证码不要告诉任何人');
  });

  it('sends the session cookie from YUQING_COOKIES_<ID>, and never writes it to logs, posts, state or health', async () => {
    const declaration = { id: 'session-feed', name: 'session', type: 'rss' as const, startUrls: [`${fixture.site().origin}/walls/session/feed.xml`] };
    const config = crawlTestConfig(data.dataDir, [declaration]);
    const { logger, lines } = capturingLogger();
    const report = await crawlSource(config.sources[0]!, config, { logger, env: { YUQING_COOKIES_SESSION_FEED: validSessionCookie } });
    expect(report).toMatchObject({ status: 'ok', postsWritten: 1 });
    expect(fixture.site().troubled.cookiesSeen.filter((seen) => seen.path === '/walls/session/feed.xml').at(-1)?.cookie).toBe(validSessionCookie);
    const secret = 'fixture-session-7f3a9c';
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(secret);
    expect(JSON.stringify(readSegment(report!.segmentPath))).not.toContain(secret);
    expect(everyFile(data.dataDir)).not.toContain(secret);
  });

  it('reports an expired cookie as blocked with the variable to update, and lifts the back-off once it is renewed', async () => {
    const declaration = { id: 'session-expired', name: 'session', type: 'rss' as const, startUrls: [`${fixture.site().origin}/walls/session/feed.xml`] };
    const config = crawlTestConfig(data.dataDir, [declaration]);
    const expired = await crawlSource(config.sources[0]!, config, { logger: pino({ level: 'silent' }), env: { YUQING_COOKIES_SESSION_EXPIRED: 'SESSDATA=expired-1' } });
    expect(expired).toMatchObject({ status: 'blocked', error: { reason: 'login-required' } });
    expect(expired!.advice).toBe('cookie expired: the site sends us to its login page — update YUQING_COOKIES_SESSION_EXPIRED (or crawl.secretsFile)');
    const stillExpired = await crawlSource(config.sources[0]!, config, { logger: pino({ level: 'silent' }), trigger: 'schedule', env: { YUQING_COOKIES_SESSION_EXPIRED: 'SESSDATA=expired-1' } });
    expect(stillExpired).toBeUndefined();
    const renewed = await crawlSource(config.sources[0]!, config, { logger: pino({ level: 'silent' }), trigger: 'schedule', env: { YUQING_COOKIES_SESSION_EXPIRED: validSessionCookie } });
    expect(renewed).toMatchObject({ status: 'ok', state: 'ok', postsWritten: 1 });
    expect((await readSourceHealth(data.dataDir, declaration.id)).backoffUntil).toBeUndefined();
  });

  it('reads cookies from crawl.secretsFile, and sends them only to the source\'s own hosts', async () => {
    const secretsFile = join(data.dataDir, 'secrets.yaml');
    writeFileSync(secretsFile, `sources:\n  session-file:\n    cookies: "${validSessionCookie}"\n    headers: { X-Api-Token: token-123 }\n`);
    const declaration = { id: 'session-file', name: 'session', type: 'rss' as const, startUrls: [`${fixture.site().origin}/walls/session/feed.xml`] };
    const { report } = await crawlOnce(data.dataDir, declaration, { secretsFile });
    expect(report.status).toBe('ok');
    const credentials = await loadSourceCredentials(declaration, { env: {}, secretsFile });
    expect(credentials.origin).toBe('file');
    expect(credentialHeadersFor(credentials, `${fixture.site().origin}/walls/other.html`)).toEqual({ 'X-Api-Token': 'token-123', cookie: validSessionCookie });
    expect(credentialHeadersFor(credentials, 'https://cdn.example.com/app.js')).toEqual({});
  });

  it('blocks a browser source once, in one line, when Chromium is missing', async () => {
    const { logger, lines } = capturingLogger();
    const declaration = { ...fixtureSources(fixture.site().origin).weibo, id: 'no-chromium' };
    const config = crawlTestConfig(data.dataDir, [declaration], { chromiumPath: join(data.dataDir, 'no-such-chromium') });
    const first = await crawlSource(config.sources[0]!, config, { logger });
    expect(first).toMatchObject({ status: 'blocked', error: { reason: 'browser-missing' } });
    expect(first!.error!.message).toContain("install Debian's chromium or set CHROMIUM_PATH");
    expect(first!.advice).toMatch(/CHROMIUM_PATH/);
    const second = await crawlSource(config.sources[0]!, config, { logger });
    expect(second?.state).toBe('blocked');
    const text = lines.join('\n');
    expect(text).not.toMatch(/playwright install|\n\s+at /);
    const warnings = lines.map((line) => JSON.parse(line) as { level: number; msg: string }).filter((line) => line.level >= 40);
    expect(warnings.filter((line) => line.msg === 'source blocked')).toHaveLength(1);
  });
});
