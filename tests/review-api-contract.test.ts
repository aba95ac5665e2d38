// The OpenAPI document is the API's contract: walks every registered API route and checks over real HTTP that
// the refusals it really gives (no session → 401, wrong role or no CSRF token → 403, input that breaks the
// documented constraints → 400) are the ones its operation lists, and that body constraints are documented.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewRoles, type ReviewRole } from '../config/review-schema.ts';
import { startReviewApp, type ReviewApp } from '../dashboards/review-app/start-review-app.ts';
import { createTestUsers, ingestThroughPipeline, reviewTestConfig, reviewTestPosts, temporaryDataDir, testPassword } from './support/review-fixture.ts';
import { signIn, type ReviewHttpClient } from './support/review-http-client.ts';
import { testElasticsearch } from './support/test-elasticsearch.ts';
import { testLogger } from './support/test-logger.ts';

const es = testElasticsearch(import.meta.url);
const data = temporaryDataDir();
const config = reviewTestConfig(es.config, data.dataDir);

interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema?: { type?: string } }[];
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, { minLength?: number }>; required?: string[] } }> };
  responses: Record<string, { description?: string }>;
}
type OpenApi = { paths: Record<string, Record<string, Operation>> };

const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

describe('API contract: the OpenAPI document lists every route\'s real responses', () => {
  let app: ReviewApp;
  let spec: OpenApi;
  let postId: string;
  const clients = new Map<ReviewRole, ReviewHttpClient>();
  beforeAll(async () => {
    await es.clean();
    await ingestThroughPipeline(es.client, config, reviewTestPosts(new Date()).slice(0, 1));
    await createTestUsers(es.client, config, [...reviewRoles.map((role) => ({ username: `as-${role}`, role })), { username: 'target-user', role: 'commentator' }]);
    app = await startReviewApp({ client: es.client, config, logger: testLogger() });
    for (const role of reviewRoles) clients.set(role, await signIn(app.url, `as-${role}`, testPassword));
    spec = (await clients.get('admin')!.send('GET', '/api/docs/json')).body as OpenApi;
    postId = (await es.client.search({ index: `${es.prefix}posts`, size: 1 })).hits.hits[0]!._id!;
  });
  afterAll(async () => {
    await app?.close();
    await es.clean();
    data.remove();
  });

  const apiRoutes = () => app.routes.filter((route) => route.url.startsWith('/api/') && !route.url.startsWith('/api/docs'));
  const operationOf = (method: string, url: string) => spec.paths[openApiPath(url)]?.[method.toLowerCase()];
  const concrete = (url: string) => url.replace(':id', postId).replace(':username', 'target-user');

  it('documents every API route with the statuses derived from its registration', () => {
    expect(apiRoutes().length).toBeGreaterThan(20);
    for (const route of apiRoutes()) {
      const name = `${route.method} ${route.url}`;
      const operation = operationOf(route.method, route.url);
      expect(operation, name).toBeDefined();
      const statuses = Object.keys(operation!.responses);
      expect(statuses.some((status) => status.startsWith('2')), `${name} documents success`).toBe(true);
      if (route.access !== 'public') expect(statuses, name).toContain('401');
      if (route.access !== 'public' && reviewRoles.some((role) => !route.access.includes(role))) expect(statuses, name).toContain('403');
      if (['POST', 'PUT', 'DELETE'].includes(route.method)) expect(statuses, `${name} (CSRF)`).toContain('403');
      if (operation!.parameters?.length || operation!.requestBody) expect(statuses, name).toContain('400');
      for (const status of statuses.filter((code) => code.startsWith('4'))) expect(operation!.responses[status]!.description, `${name} ${status}`).toMatch(/\S/);
    }
  });

  it('answers every route with a documented status when nobody is signed in, the role is wrong, the CSRF token is missing or the input is invalid', async () => {
    const checked: string[] = [];
    const expectDocumented = (method: string, url: string, status: number, why: string) => {
      expect(Object.keys(operationOf(method, url)!.responses), `${method} ${url} answered ${status} (${why})`).toContain(String(status));
      checked.push(`${method} ${url} ${status}`);
    };
    for (const route of apiRoutes()) {
      const path = concrete(route.url);
      if (route.access !== 'public') {
        const anonymous = await fetch(`${app.url}${path}`, { method: route.method, headers: { 'content-type': 'application/json', origin: app.url }, body: route.method === 'GET' ? undefined : '{}' });
        expect(anonymous.status, `${route.method} ${route.url} anonymous`).toBe(401);
        expectDocumented(route.method, route.url, 401, 'anonymous');
        const denied = reviewRoles.find((role) => !route.access.includes(role));
        if (denied) {
          const response = await clients.get(denied)!.send(route.method, path, route.method === 'GET' ? {} : { body: {} });
          expect(response.status, `${route.method} ${route.url} as ${denied}`).toBe(403);
          expectDocumented(route.method, route.url, 403, `as ${denied}`);
        }
      }
      const allowed = route.access === 'public' ? clients.get('admin')! : clients.get(route.access.includes('admin') ? 'admin' : route.access[0]!)!;
      if (route.method !== 'GET') {
        const noToken = await allowed.send(route.method, path, { body: {}, csrf: false, headers: { origin: 'http://evil.example' } });
        expect(noToken.status, `${route.method} ${route.url} without CSRF token`).toBe(403);
        expectDocumented(route.method, route.url, 403, 'no CSRF token');
      }
      const operation = operationOf(route.method, route.url)!;
      const invalid = route.method === 'GET'
        ? (operation.parameters?.some((parameter) => parameter.in === 'query') ? `${path}?${operation.parameters.find((parameter) => parameter.in === 'query')!.name}=${'x'.repeat(5000)}` : undefined)
        : (operation.requestBody ? path : undefined);
      if (invalid) {
        // A JSON array where an object is expected breaks every body schema, even one with no required field.
        const response = await allowed.send(route.method, invalid, route.method === 'GET' ? {} : { body: [1, 2, 3] });
        expect(response.status, `${route.method} ${route.url} with invalid input`).toBe(400);
        expectDocumented(route.method, route.url, 400, 'invalid input');
      }
    }
    expect(checked.length).toBeGreaterThan(50);
  });

  it('documents the password minimum and enforces it with the same number', async () => {
    const body = (method: string, url: string) => operationOf(method, url)!.requestBody!.content['application/json']!.schema;
    expect(body('POST', '/api/users').properties!.password!.minLength).toBe(12);
    expect(body('POST', '/api/users/:username/password').properties!.password!.minLength).toBe(12);
    expect(body('POST', '/api/account/password').properties!.newPassword!.minLength).toBe(12);
    const admin = clients.get('admin')!;
    const short = await admin.send('POST', '/api/users', { body: { username: 'shorty', role: 'commentator', password: 'elevenchars' } });
    expect(short).toMatchObject({ status: 400, body: { error: 'weak_password', message: '密码至少 12 个字符。' } });
    expect((await admin.send('POST', '/api/users', { body: { username: 'shorty', role: 'commentator', password: 'twelve-chars' } })).status).toBe(200);
  });

  it('answers inputs the fuzzer found breaking a handler with what the document promises', async () => {
    const admin = clients.get('admin')!;
    // An RFC 3339 offset Elasticsearch's date parser refuses (found by npm run fuzz:api as a 500).
    expect((await admin.send('GET', `/api/queue?from=${encodeURIComponent('0202-11-24T18:57:05.5+20:25')}`)).status).toBe(200);
    // Two administrators changing one user at once (found as a 409 carrying Elasticsearch's own message).
    const changes = await Promise.all(Array.from({ length: 6 }, (_, index) => admin.send('POST', `/api/users/target-user/${index % 2 ? 'enable' : 'disable'}`, { body: {} })));
    expect(changes.map((change) => change.status)).toEqual(Array(6).fill(200));
    // A body with a __proto__ key is what the schema describes once the key is dropped, not invalid JSON.
    const proto = await fetch(`${app.url}/api/account/language`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrfToken }, body: '{"language":"zh-CN","__proto__":{"x":1}}' });
    expect(proto.status).toBe(200);
    // Empty notification ids (a 500 from Elasticsearch's ids query) are invalid input.
    expect((await admin.send('POST', '/api/notifications/read', { body: { ids: ['', ''] } })).status).toBe(400);
    // A source action in a process without a crawl scheduler: an unknown id is 404, never a 5xx.
    for (const action of ['run', 'pause', 'resume']) expect((await admin.send('POST', `/api/sources/${'0'.repeat(99)}/${action}`, { body: {} })).status).toBe(404);
    // `status=` is the alert history form's "all", documented as such; a status outside the enum is refused.
    expect((await admin.send('GET', '/api/alerts?status=&cursor=')).status).toBe(200);
    expect((await admin.send('GET', '/api/alerts?status=nonsense')).status).toBe(400);
    // Text of only spaces, as String.prototype.trim counts them (here CR and NBSP), breaks the documented pattern
    // and is refused; text with a character JavaScript keeps (NEL) is valid by the document and accepted.
    expect((await admin.send('GET', `/api/audit?action=${encodeURIComponent('\r\u00a0')}`)).status).toBe(400);
    expect((await admin.send('GET', `/api/audit?action=${encodeURIComponent('\u0085')}`)).status).toBe(200);
    expect((await admin.send('POST', '/api/templates', { body: { title: ' \u3000', topic: '回应', text: '感谢关注。' } })).status).toBe(400);
  });

  it('refuses an audit export with an empty bound instead of exporting everything', async () => {
    const admin = clients.get('admin')!;
    expect((await admin.send('GET', '/api/audit/export?to=')).status).toBe(400);
    expect((await admin.send('GET', '/api/audit?from=&actor=')).status).toBe(400);
    expect((await admin.send('GET', '/api/audit/export?to=2099-12-31&format=ndjson')).status).toBe(200);
    // The audit page's form sends empty fields for "any": still fine there.
    expect((await admin.send('GET', '/audit?actor=&from=&to=')).status).toBe(200);
  });
});
