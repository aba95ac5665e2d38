import { execFileSync, spawn } from 'node:child_process';
import { chownSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { defaultCacheDir, ensureDistribution, resolveJavaHome } from './distribution.ts';
import { ProvisionError } from './provision-error.ts';

/** Unprivileged account the node runs as when we are root (Elasticsearch refuses to run as root). */
export const esUserName = 'yuqing-es';

export interface LocalNodeOptions {
  /** Instance name: each gets its own config, data and logs under `<cacheDir>/nodes/<name>`. */
  name: string;
  version: string;
  /** HTTP port on 127.0.0.1; 0 picks a free one. */
  httpPort: number;
  heapMin?: string;
  heapMax?: string;
  javaHome?: string | undefined;
  cacheDir?: string | undefined;
  /** Wipe the data folder before the first start of this instance (restarts keep the data). */
  fresh?: boolean;
  log?: (line: string) => void;
}

interface NodeState { pid: number; httpPort: number }

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ensureEsUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = () => execFileSync('id', ['-u', esUserName], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  let uid: string;
  try {
    uid = lookup();
  } catch {
    try {
      execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', esUserName], { stdio: 'pipe' });
    } catch (error) {
      throw new ProvisionError(`running as root, and could not create the unprivileged user ${esUserName} with useradd: ${(error as Error).message}`);
    }
    uid = lookup();
  }
  const gid = execFileSync('id', ['-g', esUserName], { encoding: 'utf8' }).trim();
  return { uid: Number(uid), gid: Number(gid) };
}

function chownTree(path: string, owner: { uid: number; gid: number }): void {
  chownSync(path, owner.uid, owner.gid);
  if (!statSync(path).isDirectory()) return;
  for (const entry of readdirSync(path)) chownTree(join(path, entry), owner);
}

/**
 * One Elasticsearch node on 127.0.0.1 from the Maven Central test distribution: provisioned on first use,
 * started in its own process group (so it survives only as long as we decide), stopped with SIGTERM.
 */
export class LocalNode {
  readonly dir: string;
  private readonly cacheDir: string;
  private readonly log: (line: string) => void;
  httpPort: number;
  private wipeOnStart: boolean;

  constructor(private readonly options: LocalNodeOptions) {
    this.cacheDir = options.cacheDir ?? defaultCacheDir();
    this.dir = join(this.cacheDir, 'nodes', options.name);
    this.httpPort = options.httpPort;
    this.log = options.log ?? (() => {});
    this.wipeOnStart = options.fresh ?? false;
  }

  get url(): string {
    return `http://127.0.0.1:${this.httpPort}`;
  }

  private get stateFile(): string {
    return join(this.dir, 'node.json');
  }

  private readState(): NodeState | undefined {
    try {
      return JSON.parse(readFileSync(this.stateFile, 'utf8')) as NodeState;
    } catch {
      return undefined;
    }
  }

  /** The running node's pid, or undefined when none of ours is running. */
  runningPid(): number | undefined {
    const state = this.readState();
    if (!state || !isAlive(state.pid)) return undefined;
    this.httpPort = state.httpPort;
    return state.pid;
  }

  async isHealthy(): Promise<boolean> {
    try {
      const response = await fetch(`${this.url}/_cluster/health`, { signal: AbortSignal.timeout(2000) });
      if (!response.ok) return false;
      const health = (await response.json()) as { status?: string };
      return health.status === 'yellow' || health.status === 'green';
    } catch {
      return false;
    }
  }

  /** Starts the node unless ours is already running; resolves when cluster health is yellow or better. */
  async start(): Promise<{ url: string; alreadyRunning: boolean }> {
    if (this.runningPid() !== undefined && (await this.isHealthy())) return { url: this.url, alreadyRunning: true };
    await this.stop();
    const javaHome = resolveJavaHome(this.options.javaHome);
    const home = await ensureDistribution(this.options.version, this.cacheDir, this.log);
    if (this.options.httpPort === 0) this.httpPort = await freePort();
    else if (await this.portAnswers()) {
      throw new ProvisionError(`port ${this.httpPort} on 127.0.0.1 is already in use by another process; set elasticsearch.local.httpPort or ES_URL`);
    }
    const transportPort = await freePort();
    const confDir = join(this.dir, 'config');
    const dataDir = join(this.dir, 'data');
    const logsDir = join(this.dir, 'logs');
    const tmpDir = join(this.dir, 'tmp');
    if (this.wipeOnStart) rmSync(dataDir, { recursive: true, force: true });
    this.wipeOnStart = false;
    rmSync(confDir, { recursive: true, force: true });
    for (const dir of [dataDir, logsDir, tmpDir]) mkdirSync(dir, { recursive: true });
    cpSync(join(home, 'config'), confDir, { recursive: true });
    writeFileSync(join(confDir, 'elasticsearch.yml'), [
      `cluster.name: yuqing-${this.options.name}`,
      `node.name: ${this.options.name}`,
      'network.host: 127.0.0.1',
      `http.port: ${this.httpPort}`,
      `transport.port: ${transportPort}`,
      'discovery.type: single-node',
      'xpack.security.enabled: false',
      'xpack.ml.enabled: false',
      'cluster.routing.allocation.disk.threshold_enabled: false',
      'action.destructive_requires_name: false',
      `path.data: ${dataDir}`,
      `path.logs: ${logsDir}`,
      '',
    ].join('\n'));
    writeFileSync(join(confDir, 'jvm.options.d', 'heap.options'),
      `-Xms${this.options.heapMin ?? '512m'}\n-Xmx${this.options.heapMax ?? '1g'}\n`);
    const owner = ensureEsUser();
    if (owner) chownTree(this.dir, owner);
    const pidFile = join(this.dir, 'es.pid');
    rmSync(pidFile, { force: true });
    const out = openSync(join(this.dir, 'console.log'), 'w');
    if (owner) chownSync(join(this.dir, 'console.log'), owner.uid, owner.gid);
    this.log(`starting Elasticsearch ${this.options.version} (${this.options.name}) on ${this.url}`);
    const child = spawn(join(home, 'bin', 'elasticsearch'), ['-p', pidFile], {
      detached: true,
      stdio: ['ignore', out, out],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ES_JAVA_HOME: javaHome, ES_PATH_CONF: confDir, ES_TMPDIR: tmpDir, LANG: 'C.UTF-8' },
      ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
    });
    child.unref();
    // The launcher pid is enough to stop the node: it forwards SIGTERM to the server JVM.
    if (child.pid === undefined) throw new ProvisionError(`could not start ${join(home, 'bin', 'elasticsearch')}`);
    writeFileSync(this.stateFile, JSON.stringify({ pid: child.pid, httpPort: this.httpPort } satisfies NodeState));
    let exited: number | null | undefined;
    child.once('exit', (code) => { exited = code; });
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      if (await this.isHealthy()) return { url: this.url, alreadyRunning: false };
      if (exited !== undefined) break;
      await sleep(500);
    }
    const tail = existsSync(join(this.dir, 'console.log'))
      ? readFileSync(join(this.dir, 'console.log'), 'utf8').trim().split('\n').slice(-30).join('\n') : '';
    await this.stop();
    throw new ProvisionError(`Elasticsearch did not become healthy on ${this.url} (${exited !== undefined ? `exited with ${exited}` : 'timed out after 180 s'}).\n${tail}`);
  }

  private async portAnswers(): Promise<boolean> {
    try {
      await fetch(this.url, { signal: AbortSignal.timeout(1000) });
      return true;
    } catch {
      return false;
    }
  }

  /** Stops the node gracefully (SIGTERM, then SIGKILL after `graceMillis`); no-op when it is not running. */
  async stop(graceMillis = 60_000): Promise<boolean> {
    const state = this.readState();
    if (!state || !isAlive(state.pid)) {
      rmSync(this.stateFile, { force: true });
      return false;
    }
    const serverPid = this.serverPid();
    for (const pid of [state.pid, serverPid]) if (pid && isAlive(pid)) process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + graceMillis;
    while (Date.now() < deadline && [state.pid, serverPid].some((pid) => pid && isAlive(pid))) await sleep(200);
    for (const pid of [state.pid, serverPid]) if (pid && isAlive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(this.stateFile, { force: true });
    return true;
  }

  /** Stops the node and deletes its folder (config, data, logs): for throwaway nodes of tests and benchmarks. */
  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private serverPid(): number | undefined {
    try {
      return Number(readFileSync(join(this.dir, 'es.pid'), 'utf8').trim()) || undefined;
    } catch {
      return undefined;
    }
  }
}
