// Walks every route of the review app with every role (and with nobody signed in) over real HTTP and
// checks the allowed/denied matrix below, which is the specification: a route missing from it fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewRoles, type ReviewRole } from '../config/review-schema.ts';
import { startReviewApp, type ReviewApp } from '../dashboards/review-app/start-review-app.ts';
import { createTestUsers, ingestThroughPipeline, reviewTestConfig, reviewTestPosts, temporaryDataDir, testPassword } from './support/review-fixture.ts';
import { signIn, type ReviewHttpClient } from './support/review-http-client.ts';
import { testElasticsearch } from './support/test-elasticsearch.ts';
import { testLogger } from './support/test-logger.ts';

const es = testElasticsearch(import.meta.url);
const data = temporaryDataDir();
const config = reviewTestConfig(es.config, data.dataDir, { loginRateLimit: { maxAttempts: 1000 } });

const everyone = reviewRoles;
const workers: ReviewRole[] = ['commentator', 'reviewer', 'admin'];
const supervisors: ReviewRole[] = ['reviewer', 'admin'];
const readers: ReviewRole[] = ['analyst', 'admin'];
const admins: ReviewRole[] = ['admin'];
const approvers: ReviewRole[] = ['reviewer', 'leader', 'admin'];
const onDuty: ReviewRole[] = ['reviewer', 'leader', 'admin'];

/** Who may call each route; `public` needs no sign-in. Prefix patterns end in `*`. */
const matrix: [string, 'public' | readonly ReviewRole[]][] = [
  ['GET /', 'public'], ['GET /login', 'public'], ['POST /api/session', 'public'], ['GET /assets/*', 'public'],
  ['GET /api/session', everyone], ['DELETE /api/session', everyone],
  ['GET /queue', everyone], ['GET /api/queue', everyone], ['GET /api/queue/updates', everyone], ['GET /posts/:id', everyone], ['GET /api/posts/:id', everyone],
  ['PUT /api/posts/:id/autosave', workers], ['POST /api/posts/:id/unit', supervisors], ['POST /api/posts/:id/undo', workers],
  ['POST /api/posts/:id/claim', workers], ['POST /api/posts/:id/release', workers], ['POST /api/posts/:id/assign', supervisors],
  ['POST /api/posts/:id/dismiss', workers], ['POST /api/posts/:id/escalate', workers], ['POST /api/posts/:id/reopen', supervisors],
  ['POST /api/posts/:id/notes', workers], ['PUT /api/posts/:id/response', workers], ['POST /api/posts/:id/response/submit', workers],
  ['POST /api/posts/:id/response/approve', approvers], ['POST /api/posts/:id/response/return', approvers], ['POST /api/posts/:id/response/publish', workers],
  ['GET /rules', readers], ['GET /api/rules/feedback', readers],
  ['GET /sources', everyone], ['GET /api/sources', everyone], ['POST /api/sources/:id/run', admins], ['POST /api/sources/:id/pause', admins], ['POST /api/sources/:id/resume', admins],
  ['GET /audit', admins], ['GET /api/audit', admins], ['GET /api/audit/export', admins],
  ['GET /users', admins], ['GET /api/users', admins], ['POST /api/users', admins], ['POST /api/users/:username/disable', admins],
  ['POST /api/users/:username/enable', admins], ['POST /api/users/:username/role', admins], ['POST /api/users/:username/password', admins],
  ['GET /account', everyone], ['POST /api/account/password', everyone], ['POST /api/account/language', everyone],
  ['GET /api/inbox', everyone], ['GET /api/notifications', everyone], ['POST /api/notifications/read', everyone], ['GET /notifications', everyone],
  ['GET /templates', everyone], ['GET /api/templates', everyone], ['POST /api/templates', workers], ['PUT /api/templates/:id', workers],
  ['POST /api/templates/:id/approve', supervisors], ['POST /api/templates/:id/retire', supervisors],
  ['GET /stories/:eventId', everyone], ['GET /api/stories/:eventId', everyone], ['GET /stories/:eventId/brief', everyone],
  ['GET /alerts', onDuty], ['GET /api/alerts', onDuty], ['POST /api/alerts/channels/:channel/test', admins],
  ['GET /api/docs*', admins],
];

function expectedAccess(method: string, url: string): 'public' | readonly ReviewRole[] | undefined {
  return matrix.find(([key]) => {
    const [keyMethod, keyUrl] = key.split(' ') as [string, string];
    return keyMethod === method && (keyUrl.endsWith('*') ? url.startsWith(keyUrl.slice(0, -1)) : url === keyUrl);
  })?.[1];
}

describe('route × role access matrix (real HTTP)', () => {
  let app: ReviewApp;
  let postId: string;
  const clients = new Map<ReviewRole, ReviewHttpClient>();
  beforeAll(async () => {
    await es.clean();
    await ingestThroughPipeline(es.client, config, reviewTestPosts(new Date()).slice(0, 2));
    await createTestUsers(es.client, config, [...reviewRoles.map((role) => ({ username: `as-${role}`, role })), { username: 'target-user', role: 'commentator' }]);
    app = await startReviewApp({ client: es.client, config, logger: testLogger() });
    const posts = await es.client.search({ index: `${es.prefix}posts`, size: 1 });
    postId = posts.hits.hits[0]!._id!;
  });
  afterAll(async () => {
    await app?.close();
    await es.clean();
    data.remove();
  });

  const concrete = (url: string) => url.replace(':id', postId).replace(':username', 'target-user').replace(':eventId', 'ev-unknown').replace(':channel', 'webhook').replace('*', 'review-app.css');

  it('lists every registered route in the matrix', () => {
    const unlisted = app.routes.filter((route) => expectedAccess(route.method, route.url) === undefined).map((route) => `${route.method} ${route.url}`);
    expect(unlisted).toEqual([]);
    for (const [key] of matrix) {
      const [method, url] = key.split(' ') as [string, string];
      expect(app.routes.some((route) => route.method === method && (url.endsWith('*') ? route.url.startsWith(url.slice(0, -1)) : route.url === url)), key).toBe(true);
    }
  });

  it('turns away anonymous requests: 401 on the API, a redirect to sign-in for pages', async () => {
    for (const route of app.routes) {
      const access = expectedAccess(route.method, route.url);
      if (access === 'public') continue;
      const response = await fetch(`${app.url}${concrete(route.url)}`, { method: route.method, redirect: 'manual', headers: { 'content-type': 'application/json' }, ...(route.method === 'GET' ? {} : { body: '{}' }) });
      const isPage = route.method === 'GET' && !route.url.startsWith('/api/');
      expect(response.status, `${route.method} ${route.url}`).toBe(isPage ? 303 : 401);
      if (isPage) expect(response.headers.get('location')).toMatch(/^\/login\?next=/);
    }
  });

  it('allows each role exactly the routes of the matrix, checked on the server', async () => {
    const outcomes: string[] = [];
    for (const role of reviewRoles) {
      for (const route of app.routes) {
        if (route.method === 'DELETE' && route.url === '/api/session') continue; // signing out is walked last
        const access = expectedAccess(route.method, route.url)!;
        const client = clients.get(role) ?? await signIn(app.url, `as-${role}`, testPassword);
        clients.set(role, client);
        const response = await client.send(route.method, concrete(route.url), route.method === 'GET' ? {} : { body: {} });
        const allowed = access === 'public' || access.includes(role);
        // A role denial is a 403 with error "forbidden" (API) or the HTML forbidden page; CSRF was sent, so no other 403.
        const denied = response.status === 403 && (typeof response.body === 'string' || (response.body as { error?: string }).error === 'forbidden');
        outcomes.push(`${role} ${route.method} ${route.url} → ${response.status}`);
        expect(response.status, `${role} ${route.method} ${route.url}`).not.toBe(401);
        expect(denied, `${role} ${route.method} ${route.url} (${response.status} ${response.text.slice(0, 100)})`).toBe(!allowed);
      }
      const signOut = await clients.get(role)!.send('DELETE', '/api/session', { body: {} });
      expect(signOut.status).toBe(200);
      expect((await clients.get(role)!.send('GET', '/api/queue')).status).toBe(401);
    }
    expect(outcomes.length).toBeGreaterThan(reviewRoles.length * 30);
  });

  it('refuses every state change without the session\'s CSRF token, for every role', async () => {
    for (const role of reviewRoles) {
      const client = await signIn(app.url, `as-${role}`, testPassword);
      for (const route of app.routes.filter((candidate) => candidate.method !== 'GET' && expectedAccess(candidate.method, candidate.url) !== 'public')) {
        const access = expectedAccess(route.method, route.url) as readonly ReviewRole[];
        if (!access.includes(role)) continue;
        const missing = await client.send(route.method, concrete(route.url), { body: {}, csrf: false });
        expect(missing.status, `${role} ${route.method} ${route.url}`).toBe(403);
        expect((missing.body as { error: string }).error).toBe('csrf');
        const wrong = await client.send(route.method, concrete(route.url), { body: {}, csrf: false, headers: { 'x-csrf-token': 'x'.repeat(43) } });
        expect(wrong.status).toBe(403);
      }
    }
  });
});
