// Sign-in, sessions, CSRF, headers and the audit trail of the review app, over real HTTP against a real
// Elasticsearch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReviewApp, type ReviewApp } from '../dashboards/review-app/start-review-app.ts';
import { reviewIndexNames } from '../dashboards/review-app/review-indices.ts';
import { createTestUsers, ingestThroughPipeline, reviewTestConfig, reviewTestPosts, temporaryDataDir, testPassword } from './support/review-fixture.ts';
import { signIn, type ReviewHttpClient } from './support/review-http-client.ts';
import { testElasticsearch } from './support/test-elasticsearch.ts';
import { testLogger } from './support/test-logger.ts';

const es = testElasticsearch(import.meta.url);
const data = temporaryDataDir();
const config = reviewTestConfig(es.config, data.dataDir, { loginRateLimit: { maxAttempts: 5, windowMinutes: 15 } });
const names = reviewIndexNames(config);

async function login(app: ReviewApp, username: string, password: string, headers: Record<string, string> = {}) {
  return fetch(`${app.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username, password }) });
}

describe('review app security', () => {
  let app: ReviewApp;
  // Signed in once and reused by the tests that need a commentator.
  let zhang: ReviewHttpClient;
  beforeAll(async () => {
    await es.clean();
    await ingestThroughPipeline(es.client, config, reviewTestPosts(new Date()));
    await createTestUsers(es.client, config, [
      { username: 'admin', role: 'admin' }, { username: 'zhang', role: 'commentator' }, { username: 'li', role: 'reviewer' },
      { username: 'guessme', role: 'commentator' }, { username: 'leaver', role: 'commentator' }, { username: 'wanderer', role: 'commentator' },
    ]);
    app = await startReviewApp({ client: es.client, config, logger: testLogger() });
    zhang = await signIn(app.url, 'zhang', testPassword);
  });
  afterAll(async () => {
    await app?.close();
    await es.clean();
    data.remove();
  });

  it('sets the session cookie HttpOnly and SameSite, and never Secure over plain http unless configured', async () => {
    const response = await login(app, 'zhang', testPassword);
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith('yuqing_session='))!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/; Secure/);
    const token = /^yuqing_session=([^;]+)/.exec(cookie)![1]!;
    // The index stores only a hash of the token: the token itself signs nobody in from a copy of the index.
    await es.client.indices.refresh({ index: names.sessions });
    const sessions = await es.client.search({ index: names.sessions, query: { match_all: {} }, size: 100 });
    expect(sessions.hits.hits.map((hit) => hit._id)).not.toContain(token);
    expect(JSON.stringify(sessions.hits.hits)).not.toContain(token);
  });

  it('sends a strict Content-Security-Policy and the usual security headers on every page', async () => {
    for (const path of ['/queue', '/account', '/login']) {
      const { headers, status } = await zhang.send('GET', path);
      expect(status, path).toBe(200);
      const csp = headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(headers.get('referrer-policy')).toBe('no-referrer');
      expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
    }
  });

  it('refuses a state change from another origin even with a valid CSRF token', async () => {
    const client = zhang;
    const posts = await client.send('GET', '/api/queue');
    const [item] = (posts.body as { items: { id: string; review: { revision: number } }[] }).items;
    const foreign = await client.send('POST', `/api/posts/${item!.id}/notes`, { body: { expectedRevision: item!.review.revision, text: 'x' }, headers: { origin: 'http://evil.example' } });
    expect(foreign.status).toBe(403);
    expect((foreign.body as { error: string }).error).toBe('csrf');
    const crossSite = await client.send('POST', `/api/posts/${item!.id}/notes`, { body: { expectedRevision: item!.review.revision, text: 'x' }, headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    const own = await client.send('POST', `/api/posts/${item!.id}/notes`, { body: { expectedRevision: item!.review.revision, text: '同源备注' }, headers: { origin: app.url } });
    expect(own.status).toBe(200);
    expect((await login(app, 'wanderer', testPassword, { origin: 'http://evil.example' })).status).toBe(403);
  });

  it('makes a guessed account wait after 5 failures, records them, and leaves other users alone', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await login(app, 'guessme', `wrong-password-${attempt}`)).status).toBe(401);
    const limited = await login(app, 'guessme', testPassword);
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { message: string }).message).toMatch(/频繁/);
    expect((await login(app, 'li', testPassword)).status).toBe(200);
    const audit = await es.client.search({ index: names.shared.audit, size: 20, query: { bool: { filter: [{ term: { action: 'session.login' } }, { term: { actor: 'guessme' } }] } } });
    expect(audit.hits.hits.map((hit) => (hit._source as { outcome: string }).outcome)).toEqual(['denied', 'denied', 'denied', 'denied', 'denied']);
  });

  it('answers a wrong password and an unknown user the same way', async () => {
    const wrong = await login(app, 'li', 'not-the-password-at-all');
    const unknown = await login(app, 'nobody-here', 'not-the-password-at-all');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('ends a disabled user\'s sessions at once and refuses their sign-in', async () => {
    const leaver = await signIn(app.url, 'leaver', testPassword);
    expect((await leaver.send('GET', '/api/queue')).status).toBe(200);
    const admin = await signIn(app.url, 'admin', testPassword);
    expect((await admin.send('POST', '/api/users/leaver/disable', { body: {} })).status).toBe(200);
    expect((await leaver.send('GET', '/api/queue')).status).toBe(401);
    expect((await login(app, 'leaver', testPassword)).status).toBe(401);
    expect((await admin.send('POST', '/api/users/admin/disable', { body: {} })).status).toBe(400);
  });

  it('ends a session once it expires', async () => {
    const client = await signIn(app.url, 'li', testPassword);
    expect((await client.send('GET', '/api/queue')).status).toBe(200);
    await es.client.indices.refresh({ index: names.sessions });
    const mine = await es.client.search({ index: names.sessions, query: { term: { username: 'li' } }, size: 10 });
    for (const hit of mine.hits.hits) await es.client.update({ index: names.sessions, id: hit._id!, doc: { expiresAt: new Date(Date.now() - 1000).toISOString() }, refresh: true });
    // Checked sessions are trusted for review.authCacheSeconds (5 s) before Elasticsearch is asked again.
    await expect.poll(async () => (await client.send('GET', '/api/queue')).status, { timeout: 15_000, interval: 500 }).toBe(401);
    const page = await client.send('GET', '/queue');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/login?next=%2Fqueue');
  });

  it('does not redirect off-site after sign-in', async () => {
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      const response = await fetch(`${app.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'wanderer', password: testPassword, next }) });
      expect(((await response.json()) as { redirect: string }).redirect, next).toBe('/queue');
    }
  });

  it('audits viewing and exporting the audit log, and exports CSV a spreadsheet cannot execute', async () => {
    const queue = (await zhang.send('GET', '/api/queue')).body as { items: { id: string; review: { revision: number } }[] };
    const post = queue.items[1]!;
    await zhang.send('POST', `/api/posts/${post.id}/notes`, { body: { expectedRevision: post.review.revision, text: '=HYPERLINK("http://evil.example")' } });
    const admin = await signIn(app.url, 'admin', testPassword);
    const view = await admin.send('GET', '/api/audit?action=post.');
    expect(view.status).toBe(200);
    const entries = (view.body as { entries: { action: string; actor: string }[] }).entries;
    expect(entries.some((entry) => entry.action === 'post.note' && entry.actor === 'zhang')).toBe(true);
    const csv = await admin.send('GET', '/api/audit/export?format=csv&actor=zhang');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="yuqing-audit-.*\.csv"/);
    // A UTF-8 byte-order mark, so spreadsheet programs read the Chinese text right (fetch's text() drops it).
    const raw = new Uint8Array(await (await fetch(`${app.url}/api/audit/export?format=csv&actor=zhang`, { headers: { cookie: admin.cookie } })).arrayBuffer());
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('at,actor,actorRole,action,targetType,targetId,outcome,comment,clientAddress,requestId,before,after,details,entryId');
    expect(lines.some((line) => line.includes('"post.note"'))).toBe(true);
    expect(csv.text).not.toMatch(/(^|,)"=HYPERLINK/m);
    const ndjson = await admin.send('GET', '/api/audit/export?format=ndjson&action=post.note');
    expect(ndjson.text.trim().split('\n').map((line) => (JSON.parse(line) as { action: string }).action)).toEqual(expect.arrayContaining(['post.note']));
    const trail = await admin.send('GET', '/api/audit?actor=admin');
    const actions = (trail.body as { entries: { action: string }[] }).entries.map((entry) => entry.action);
    expect(actions.filter((action) => action === 'audit.export')).toHaveLength(3);
    expect(actions.filter((action) => action === 'audit.view').length).toBeGreaterThanOrEqual(2);
  });

  it('serves the OpenAPI document of the API to signed-in users only', async () => {
    expect((await fetch(`${app.url}/api/docs/json`)).status).toBe(401);
    const spec = (await zhang.send('GET', '/api/docs/json')).body as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/queue', '/api/posts/{id}/claim', '/api/posts/{id}/response/approve', '/api/audit/export', '/api/users']));
    expect(Object.keys(spec.paths['/api/posts/{id}/response']!)).toContain('put');
  });
});
