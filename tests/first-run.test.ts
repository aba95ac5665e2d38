// A first run as a new user makes it: without Java, one line says what to install and how to do without; and
// `yuqing start --port --demo-port` moves the review app and the demo site (with the demo sources) elsewhere.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testElasticsearch } from './support/test-elasticsearch.ts';

const cli = new URL('../bin/yuqing.mjs', import.meta.url).pathname;
const es = testElasticsearch(import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'yuqing-first-run-'));

/** The environment of a user who set nothing up: no ES_URL, no Java on PATH, a cache of their own. */
function bareEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { ES_URL: _url, JAVA_HOME: _java, ES_JAVA_HOME: _esJava, YUQING_CONFIG: _config, ...rest } = process.env;
  return { ...rest, PATH: '/nonexistent', YUQING_CACHE_DIR: join(dir, 'cache'), YUQING_DATA_DIR: join(dir, 'data'), YUQING_LOG_LEVEL: 'warn', ...extra };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    }).on('error', reject);
  });
}

describe('a first run', () => {
  afterAll(async () => {
    await es.clean();
  });

  it('says in one line, before downloading anything, which Debian package gives Java and that ES_URL needs none', () => {
    const config = join(dir, 'no-java.yaml');
    writeFileSync(config, 'demo: { enabled: false }\nreview: { enabled: false }\nsources: []\n');
    for (const args of [['--config', config, 'start'], ['--config', config, 'es', 'up']]) {
      const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000, env: bareEnvironment() });
      expect(result.status, args.join(' ')).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines.at(-1), args.join(' ')).toMatch(/^yuqing: no Java found for the local Elasticsearch \(it needs Java 17\+\): install it \(Debian\/Ubuntu: sudo apt-get install openjdk-17-jre-headless\), or set ES_URL to an existing Elasticsearch cluster/);
      expect(result.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    }
    const cache = join(dir, 'cache');
    expect(existsSync(cache) ? readdirSync(cache, { recursive: true }).filter((name) => String(name).endsWith('.zip')) : []).toEqual([]);
  });

  it('serves the review app on --port and the demo site on --demo-port, and the demo sources follow it', async () => {
    const [port, demoPort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, [cli, 'start', '--port', String(port), '--demo-port', String(demoPort)], {
      env: { ...bareEnvironment({ PATH: process.env.PATH ?? '/usr/bin:/bin', ES_URL: es.url, YUQING_INDEX_PREFIX: es.prefix, YUQING_LOG_LEVEL: 'info' }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    try {
      await expect.poll(async () => (await fetch(`http://127.0.0.1:${port}/login`).catch(() => undefined))?.status, { timeout: 90_000, interval: 500 }).toBe(200);
      expect((await fetch(`http://127.0.0.1:${demoPort}/feed.xml`)).status).toBe(200);
      // The hotline feed was crawled from the new demo port and its posts indexed.
      await expect.poll(async () => {
        const found = await es.client.count({ index: `${es.prefix}posts`, query: { term: { sourceId: 'demo-hotline' } } }).catch(() => ({ count: 0 }));
        return found.count;
      }, { timeout: 120_000, interval: 1000 }).toBeGreaterThan(0);
      expect(output).toContain(`http://127.0.0.1:${port}`);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    }
  });
});
