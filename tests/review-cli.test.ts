// `yuqing serve` and `yuqing users …` as an operator runs them: real child processes of bin/yuqing.mjs with a
// config file pointing at the test node, checked by signing in over HTTP.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { temporaryDataDir } from './support/review-fixture.ts';
import { signIn } from './support/review-http-client.ts';
import { testElasticsearch } from './support/test-elasticsearch.ts';

const es = testElasticsearch(import.meta.url);
const data = temporaryDataDir();
const cli = fileURLToPath(new URL('../bin/yuqing.mjs', import.meta.url));
const configPath = join(data.dataDir, 'yuqing.yaml');

/** Runs the CLI to completion. */
function runCli(args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, '-c', configPath, ...args], { env: { ...process.env, YUQING_LOG_LEVEL: 'warn' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += String(chunk); });
    child.stderr.on('data', (chunk) => { stderr += String(chunk); });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

describe('yuqing serve and yuqing users', () => {
  beforeAll(async () => {
    await es.clean();
    writeFileSync(configPath, stringify({
      elasticsearch: { url: es.url, indexPrefix: es.prefix },
      storage: { dataDir: data.dataDir },
      review: { port: 0, passwordHashCost: 1024 },
    }));
  });
  afterAll(async () => {
    await es.clean();
    data.remove();
  });

  it('serves the app, creating a first administrator with a random password printed once', async () => {
    const child = spawn(process.execPath, [cli, '-c', configPath, 'serve'], { env: { ...process.env, YUQING_LOG_LEVEL: 'warn' } });
    let stdout = '';
    child.stdout.on('data', (chunk) => { stdout += String(chunk); });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await expect.poll(() => stdout, { timeout: 60_000, interval: 200 }).toMatch(/password: {2}\S+/);
      const url = /Review app \(研判工作台\): (http:\/\/\S+)/.exec(stdout)![1]!;
      const password = /password: {2}(\S+)/.exec(stdout)![1]!;
      expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/);
      expect((await fetch(`${url}/login`)).status).toBe(200);
      const admin = await signIn(url, 'admin', password);
      expect(((await admin.send('GET', '/api/session')).body as { user: { role: string } }).user.role).toBe('admin');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);

    // A second start finds the administrator and prints no password.
    const again = spawn(process.execPath, [cli, '-c', configPath, 'serve'], { env: { ...process.env, YUQING_LOG_LEVEL: 'warn' } });
    let second = '';
    again.stdout.on('data', (chunk) => { second += String(chunk); });
    const secondExit = new Promise<number | null>((resolve) => again.on('close', resolve));
    await expect.poll(() => second, { timeout: 60_000, interval: 200 }).toMatch(/Review app/);
    again.kill('SIGTERM');
    expect(await secondExit).toBe(0);
    expect(second).not.toMatch(/password/);
  });

  it('adds, disables, enables and resets users; each change takes effect and is audited', async () => {
    const added = await runCli(['users', 'add', 'zhou', '--role', 'reviewer', '--name', '周审']);
    expect(added.code, added.stderr).toBe(0);
    const password = /password: (\S+)/.exec(added.stdout)![1]!;
    const serve = spawn(process.execPath, [cli, '-c', configPath, 'serve'], { env: { ...process.env, YUQING_LOG_LEVEL: 'warn' } });
    let stdout = '';
    serve.stdout.on('data', (chunk) => { stdout += String(chunk); });
    const exited = new Promise<number | null>((resolve) => serve.on('close', resolve));
    try {
      await expect.poll(() => stdout, { timeout: 60_000, interval: 200 }).toMatch(/Review app/);
      const url = /Review app \(研判工作台\): (http:\/\/\S+)/.exec(stdout)![1]!;
      const zhou = await signIn(url, 'zhou', password);
      expect((await zhou.send('GET', '/api/queue')).status).toBe(200);

      expect((await runCli(['users', 'disable', 'zhou'])).stdout).toMatch(/disabled zhou \(1 session ended\)/);
      // Another process disabled the user: the server notices within review.authCacheSeconds.
      await expect.poll(async () => (await zhou.send('GET', '/api/queue')).status, { timeout: 15_000, interval: 500 }).toBe(401);
      await expect(signIn(url, 'zhou', password)).rejects.toThrow(/401/);

      expect((await runCli(['users', 'enable', 'zhou'])).code).toBe(0);
      const reset = await runCli(['users', 'reset-password', 'zhou', '--password-stdin'], '新的足够长的密码-2026\n');
      expect(reset.code, reset.stderr).toBe(0);
      expect(reset.stdout).not.toMatch(/password: /);
      await expect(signIn(url, 'zhou', password)).rejects.toThrow(/401/);
      await signIn(url, 'zhou', '新的足够长的密码-2026');

      const weak = await runCli(['users', 'add', 'wu', '--role', 'commentator', '--password-stdin'], 'short\n');
      expect(weak.code).toBe(1);
      expect(weak.stderr).toMatch(/at least 12 characters/);
      const badRole = await runCli(['users', 'add', 'wu', '--role', 'boss']);
      expect(badRole.stderr).toMatch(/unknown role/);
      const list = await runCli(['users', 'list']);
      expect(list.stdout).toMatch(/^zhou\treviewer\tactive\t周审$/m);
    } finally {
      serve.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    await es.client.indices.refresh({ index: `${es.prefix}audit` });
    const audit = await es.client.search({ index: `${es.prefix}audit`, size: 50, query: { term: { targetId: 'zhou' } }, sort: [{ at: 'asc' }] });
    expect(audit.hits.hits.map((hit) => (hit._source as { action: string }).action)).toEqual(['user.create', 'user.disable', 'user.enable', 'user.reset-password']);
    expect((audit.hits.hits[0]!._source as { actor: string }).actor).toMatch(/^cli:/);
  });
});
