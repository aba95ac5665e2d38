// npm run fuzz:api [-- --seconds 120 [schemathesis options…]] — schemathesis (from PyPI, in a virtualenv under .cache/) against a running
// review app: the bundled demo posts through the real pipeline into a real node, an administrator signed in,
// then property-based requests generated from the app's own OpenAPI document for a bounded time. Fails (exit 1)
// on any 5xx, any status or content type the document does not list, any response that breaks its schema, and
// any request the document allows that the app refuses, or one it forbids that the app accepts.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { parseConfig } from '../config/load-config.ts';
import type { RawPost } from '../crawlers/raw-post.ts';
import { UserStore } from '../dashboards/review-app/auth/user-store.ts';
import { ensureReviewIndices } from '../dashboards/review-app/review-indices.ts';
import { startReviewApp } from '../dashboards/review-app/start-review-app.ts';
import { loadDemoPosts } from '../demo/demo-content.ts';
import { createPostAnalyzer } from '../pipeline/analyze-post.ts';
import { ensurePostIndices } from '../pipeline/ensure-indices.ts';
import { Pipeline } from '../pipeline/run-pipeline.ts';
import { benchElasticsearch } from './bench-elasticsearch.ts';

const repositoryRoot = fileURLToPath(new URL('../', import.meta.url));
const cliArgs = process.argv.slice(2);
const secondsFlag = cliArgs.indexOf('--seconds');
const seconds = Number(secondsFlag >= 0 ? cliArgs[secondsFlag + 1] : process.env.FUZZ_SECONDS ?? 120);
// Anything else is passed to `schemathesis run` (e.g. --include-path-regex notes, --seed …, --report ndjson).
const extraArgs = secondsFlag >= 0 ? [...cliArgs.slice(0, secondsFlag), ...cliArgs.slice(secondsFlag + 2)] : cliArgs;
const checks = [
  'not_a_server_error', 'status_code_conformance', 'content_type_conformance', 'response_schema_conformance',
  'negative_data_rejection', 'positive_data_acceptance',
];
const password = 'fuzz-password-long-enough';

function demoRawPosts(now: number): RawPost[] {
  return loadDemoPosts().map((post, index) => ({
    sourceId: `demo-${post.channel}`, sourceType: post.channel === 'weibo' ? 'browser' : post.channel === 'news' ? 'html' : 'rss',
    url: `http://127.0.0.1:8790/${post.channel}/${post.id}.html`, ...(post.title ? { title: post.title } : {}), content: post.content, authorName: post.author,
    publishedAt: new Date(now - (post.minutesAgo ?? 300 + index * 7) * 60_000).toISOString(), crawledAt: new Date(now).toISOString(),
  }));
}

const python = execFileSync('bash', [`${repositoryRoot}bench/python/ensure-venv.sh`, `${repositoryRoot}.cache/python-fuzz`, `${repositoryRoot}bench/python/requirements-fuzz.txt`],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
const schemathesis = join(python, '..', 'schemathesis');

const es = await benchElasticsearch();
const work = mkdtempSync(join(tmpdir(), 'yuqing-fuzz-'));
let exitCode = 1;
try {
  const config = parseConfig({
    storage: { dataDir: join(work, 'data') }, elasticsearch: { url: es.url, indexPrefix: 'fuzz-' },
    // The fuzzer signs in with wrong passwords too: the limits must answer 429 (documented), not lock it out of its own session.
    review: { port: 0, passwordHashCost: 1024 },
  }, 'fuzz', {});
  const logger = pino({ level: 'warn' });
  const names = await ensurePostIndices(es.client, config.elasticsearch);
  const pipeline = new Pipeline({ client: es.client, config, names, analyzer: createPostAnalyzer(config), logger });
  async function* posts() {
    yield* demoRawPosts(Date.now());
  }
  await pipeline.ingest(posts());
  await pipeline.close();
  await es.client.indices.refresh({ index: 'fuzz-*' });
  const reviewNames = await ensureReviewIndices(es.client, config);
  const users = new UserStore(es.client, reviewNames.users, { passwordMinLength: 12, passwordHashCost: 1024 });
  for (const [username, role] of [['fuzzer', 'admin'], ['second-admin', 'admin'], ['zhang', 'commentator']] as const) await users.create({ username, role, password, createdBy: 'fuzz' });

  const app = await startReviewApp({ client: es.client, config, logger });
  try {
    const signIn = await fetch(`${app.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'fuzzer', password }) });
    const { csrfToken } = await signIn.json() as { csrfToken: string };
    const cookie = signIn.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
    const document = await (await fetch(`${app.url}/api/docs/json`, { headers: { cookie } })).text();
    const schemaFile = join(work, 'openapi.json');
    writeFileSync(schemaFile, document);
    const postIds = (await es.client.search({ index: names.posts, size: 20, _source: false })).hits.hits.map((hit) => hit._id!);
    const userNames = ['zhang', 'second-admin', 'nobody-here'];
    // The session goes in as the security scheme's value (so schemathesis can also leave it out and expect 401);
    // real post ids and user names most of the time, so the fuzzer reaches the actions, not only their 404s.
    const settings = [
      `[auth.openapi.session]`, `api_key = ${JSON.stringify(cookie.replace(/^yuqing_session=/, ''))}`, '',
      `[headers]`, `"x-csrf-token" = ${JSON.stringify(csrfToken)}`, '',
      `[dictionaries.posts]`, `values = ${JSON.stringify(postIds)}`, '',
      `[dictionaries.users]`, `values = ${JSON.stringify(userNames)}`, '',
      `[parameters]`, `"path.id" = { dictionary = "posts", probability = 0.8 }`, `"path.username" = { dictionary = "users", probability = 0.8 }`, '',
      // A schema-valid request may still be refused for what the schema cannot know: the post's state (409, 422),
      // a wrong current password or an assignee who cannot take posts (422), a sign-in limit (429).
      `[checks.positive_data_acceptance]`, `expected-statuses = ["2xx", "401", "403", "404", "409", "422", "429", "431"]`, '',
      // An over-long request line (431, from Node's parser) is as much a rejection of invalid data as a 400.
      `[checks.negative_data_rejection]`, `expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "415", "422", "428", "429", "431"]`,
    ];
    const settingsFile = join(work, 'schemathesis.toml');
    writeFileSync(settingsFile, `${settings.join('\n')}\n`);
    const operations = Object.values((JSON.parse(document) as { paths: Record<string, object> }).paths).reduce((count, methods) => count + Object.keys(methods).length, 0);
    console.error(`fuzz:api: ${operations} operations of ${app.url}, ${seconds} s, checks: ${checks.join(', ')}`);
    const args = [
      '--config-file', settingsFile, 'run', schemaFile, '--url', app.url, '--max-time', String(seconds), '--checks', checks.join(','),
      // Signing out would end the fuzzer's own session; everything else may be called with anything.
      '--exclude-operation-id', 'signOut',
      // One worker: Python 3.11's ast module is not thread-safe, and hypothesis parses lambdas from several
      // threads ("AST constructor recursion depth mismatch"); the app gets the second core.
      '--workers', '1', '--suppress-health-check', 'all', '--no-color', '--report', 'junit', '--report-dir', join(repositoryRoot, 'test-artifacts', 'fuzz-api'),
      ...extraArgs,
    ];
    exitCode = await new Promise<number>((resolve, reject) => {
      const child = spawn(schemathesis, args, { stdio: 'inherit', env: { ...process.env, SCHEMATHESIS_HOOKS: '' } });
      child.on('error', reject);
      child.on('close', (code) => resolve(code ?? 1));
    });
  } finally {
    await app.close();
  }
} finally {
  await es.close();
  rmSync(work, { recursive: true, force: true });
}
console.error(exitCode === 0 ? 'fuzz:api: no 5xx, no schema violation' : `fuzz:api: schemathesis found problems (exit ${exitCode}); the report is in test-artifacts/fuzz-api/`);
process.exit(exitCode);
