// Sign-in limits over real HTTP against a real Elasticsearch: per-account delays that double and never keep the
// right password out on a browser the account signed in on, a per-address limit across user names (spraying),
// X-Forwarded-For only from a trusted proxy, and Secure cookies behind https.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../config/config-schema.ts';
import { reviewIndexNames } from '../dashboards/review-app/review-indices.ts';
import { startReviewApp, type ReviewApp } from '../dashboards/review-app/start-review-app.ts';
import { createTestUsers, reviewTestConfig, temporaryDataDir, testPassword } from './support/review-fixture.ts';
import { testElasticsearch } from './support/test-elasticsearch.ts';
import { testLogger } from './support/test-logger.ts';

const es = testElasticsearch(import.meta.url);
const data = temporaryDataDir();
const appConfig = (review: ConfigInput['review'] = {}) => reviewTestConfig(es.config, data.dataDir, review);
const names = reviewIndexNames(appConfig());

/** A browser: keeps the cookies the app sets (the device cookie among them). */
class Browser {
  readonly cookies = new Map<string, string>();
  constructor(private readonly app: ReviewApp, private readonly headers: Record<string, string> = {}) {}

  async signIn(username: string, password: string, headers: Record<string, string> = {}) {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(`${this.app.listenUrl}/api/session`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...this.headers, ...headers }, body: JSON.stringify({ username, password }),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=') as [string, string];
      this.cookies.set(name, value);
    }
    const body = await response.json() as { error?: string; message?: string; retryAfterSeconds?: number };
    return { status: response.status, body, retryAfter: response.headers.get('retry-after'), setCookies: response.headers.getSetCookie() };
  }
}

const users = ['owner', 'bursted', 'patient', 'sprayed-1', 'sprayed-2', 'sprayed-3', 'sprayed-4', 'sprayed-5', 'office-1', 'office-2', 'proxied', 'secure'];
const apps: ReviewApp[] = [];
async function startApp(review: ConfigInput['review']): Promise<ReviewApp> {
  const app = await startReviewApp({ client: es.client, config: appConfig(review), logger: testLogger() });
  apps.push(app);
  return app;
}

describe('sign-in limits (real HTTP)', () => {
  beforeAll(async () => {
    await es.clean();
    await createTestUsers(es.client, appConfig(), users.map((username) => ({ username, role: 'commentator' as const })));
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await es.clean();
    data.remove();
  });

  it('makes unknown browsers wait after repeated failures, while the owner\'s browser still gets in with the right password', async () => {
    const app = await startApp({ loginRateLimit: { maxAttempts: 5, firstDelaySeconds: 600, maxFailuresPerAddress: 1000 } });
    const own = new Browser(app);
    expect((await own.signIn('owner', testPassword)).status).toBe(200);
    expect(own.cookies.get('yuqing_device')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const attacker = new Browser(app);
    for (let guess = 0; guess < 5; guess += 1) expect((await attacker.signIn('owner', `guess-number-${guess}`)).status).toBe(401);
    const refused = await attacker.signIn('owner', testPassword);
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe('600');
    expect(refused.body.message).toMatch(/10 分钟后再试/);
    // A new browser with the right password waits too: the password is not even checked while the account waits.
    expect((await new Browser(app).signIn('owner', testPassword)).status).toBe(429);
    // The owner's browser is not locked out by the attacker's failures.
    expect((await own.signIn('owner', testPassword)).status).toBe(200);

    const audit = await es.client.search({ index: names.shared.audit, size: 50, query: { bool: { filter: [{ term: { actor: 'owner' } }] } }, sort: [{ at: 'asc' }] });
    const actions = audit.hits.hits.map((hit) => hit._source as { action: string; outcome: string; details?: { waitSeconds: number } });
    expect(actions.filter((entry) => entry.action === 'session.login').map((entry) => entry.outcome)).toEqual(['ok', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok']);
    expect(actions.filter((entry) => entry.action === 'session.throttle')).toEqual([expect.objectContaining({ outcome: 'denied', details: { waitSeconds: 600 } })]);
  });

  it('doubles the wait with every further failure', async () => {
    const app = await startApp({ loginRateLimit: { maxAttempts: 2, firstDelaySeconds: 1, maxDelayMinutes: 60, maxFailuresPerAddress: 1000 } });
    const attacker = new Browser(app);
    const waits: string[] = [];
    for (let failure = 1; failure <= 4; failure += 1) {
      // While the account waits, attempts are refused unchecked (and not counted); the first one after it is checked.
      await expect.poll(async () => (await attacker.signIn('patient', 'not-the-password')).status, { timeout: 20_000, interval: 100 }).toBe(401);
      if (failure >= 2) waits.push((await attacker.signIn('patient', 'not-the-password')).retryAfter ?? '');
    }
    expect(waits).toEqual(['1', '2', '4']);
  });

  it('checks exactly maxAttempts passwords of a burst of parallel guesses', async () => {
    const app = await startApp({ loginRateLimit: { maxAttempts: 5, firstDelaySeconds: 600, maxFailuresPerAddress: 1000 } });
    const results = await Promise.all(Array.from({ length: 24 }, (_, index) => new Browser(app).signIn('bursted', `parallel-guess-${index}`)));
    const statuses = results.map((result) => result.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(19);
  });

  it('limits failed sign-ins per client address across user names, without counting successful ones', async () => {
    const app = await startApp({ loginRateLimit: { maxAttempts: 100, maxFailuresPerAddress: 10, windowMinutes: 15 } });
    const office = new Browser(app);
    // A whole office signing in from one address: successes do not use up the limit.
    for (let round = 0; round < 4; round += 1) expect((await office.signIn(round % 2 ? 'office-1' : 'office-2', testPassword)).status).toBe(200);

    const sprayer = new Browser(app);
    const statuses: number[] = [];
    for (const password of ['123456789012', 'password1234', 'qwerty123456']) {
      for (const username of ['sprayed-1', 'sprayed-2', 'sprayed-3', 'sprayed-4', 'no-such-user']) statuses.push((await sprayer.signIn(username, password)).status);
    }
    expect(statuses).toEqual([...Array(10).fill(401), ...Array(5).fill(429)]);
    const blocked = await sprayer.signIn('sprayed-5', testPassword);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.retryAfter)).toBeGreaterThan(60);
    // Browsers that signed in to their account before still pass the blocked address.
    expect((await office.signIn('office-1', testPassword)).status).toBe(200);
  });

  it('uses X-Forwarded-For only from a trusted proxy', async () => {
    const direct = await startApp({ loginRateLimit: { maxAttempts: 100, maxFailuresPerAddress: 3 } });
    const spoofer = new Browser(direct);
    const spoofed: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) spoofed.push((await spoofer.signIn('proxied', 'wrong-password!', { 'x-forwarded-for': `203.0.113.${attempt}` })).status);
    expect(spoofed).toEqual([401, 401, 401, 429, 429]);

    const behindProxy = await startApp({ trustProxy: ['127.0.0.1', '::1'], loginRateLimit: { maxAttempts: 100, maxFailuresPerAddress: 3 } });
    const clients: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) clients.push((await new Browser(behindProxy).signIn('proxied', 'wrong-password!', { 'x-forwarded-for': `198.51.100.${attempt}` })).status);
    expect(clients).toEqual([401, 401, 401, 401, 401]);
    const sameClient: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) sameClient.push((await new Browser(behindProxy).signIn('proxied', 'wrong-password!', { 'x-forwarded-for': '198.51.100.77' })).status);
    expect(sameClient).toEqual([401, 401, 401, 429]);
    const audit = await es.client.search({ index: names.shared.audit, size: 100, query: { bool: { filter: [{ term: { actor: 'proxied' } }] } } });
    const addresses = new Set(audit.hits.hits.map((hit) => (hit._source as { clientAddress: string }).clientAddress));
    expect(addresses).toContain('198.51.100.77');
    expect(addresses).not.toContain('203.0.113.0');
  });

  it('marks every cookie Secure when the app is reached over https, even through a plain-http proxy hop', async () => {
    const app = await startApp({ publicUrl: 'https://yuqing.example.cn', trustProxy: false });
    const browser = new Browser(app);
    const signedIn = await browser.signIn('secure', testPassword);
    expect(signedIn.status).toBe(200);
    const session = signedIn.setCookies.find((line) => line.startsWith('yuqing_session='))!;
    const device = signedIn.setCookies.find((line) => line.startsWith('yuqing_device='))!;
    for (const cookie of [session, device]) {
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; HttpOnly/);
    }
    expect(device).toMatch(/; Path=\/api\/session/);
    expect(device).toMatch(/; SameSite=Strict/);
  });
});
