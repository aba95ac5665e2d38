import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Thrown when the distribution cannot be fetched or unpacked; the message says what was run and what it printed. */
export class ProvisionError extends Error {
  override name = 'ProvisionError';
}

/**
 * Cache folder outside git. As root the node runs as an unprivileged user that cannot enter /root,
 * so the cache then lives under /var/cache.
 */
export function defaultCacheDir(): string {
  if (process.getuid?.() === 0) return '/var/cache/yuqing';
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'yuqing');
}

const artifact = (version: string) => `org.elasticsearch.distribution.integ-test-zip:elasticsearch:${version}:zip`;

function run(command: string, args: string[], what: string): void {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new ProvisionError(`${what}: cannot run ${command} (${result.error.message}). Is it installed and on PATH?`);
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n');
    throw new ProvisionError(`${what} failed: ${command} ${args.join(' ')}\nexit ${result.status}\n${output}`);
  }
}

/** Unpacks with `unzip` when present, else Python's zipfile (which drops the executable bits we then restore). */
function unpack(zipPath: string, into: string): void {
  const hasUnzip = spawnSync('unzip', ['-v'], { stdio: 'ignore' }).status === 0;
  if (hasUnzip) run('unzip', ['-q', '-o', zipPath, '-d', into], 'unpacking Elasticsearch');
  else run('python3', ['-m', 'zipfile', '-e', zipPath, into], 'unpacking Elasticsearch');
}

/**
 * Makes sure the Elasticsearch test distribution of `version` is unpacked in the cache and returns its home.
 * Fetched from Maven Central with the Maven dependency plugin (the distribution is not on npm or Debian).
 */
export function ensureDistribution(version: string, cacheDir: string, log: (line: string) => void = () => {}): string {
  const home = join(cacheDir, `elasticsearch-${version}`);
  if (existsSync(join(home, 'bin', 'elasticsearch')) && existsSync(join(home, 'lib'))) return home;
  const downloads = join(cacheDir, 'downloads');
  mkdirSync(downloads, { recursive: true });
  const zip = join(downloads, `elasticsearch-${version}.zip`);
  if (!existsSync(zip) || statSync(zip).size === 0) {
    log(`fetching ${artifact(version)} from Maven Central (about 100 MB, once)`);
    run('mvn', ['-B', '-ntp', '-q', 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy',
      `-Dartifact=${artifact(version)}`, `-DoutputDirectory=${downloads}`], 'fetching Elasticsearch with Maven');
  }
  log(`unpacking ${zip}`);
  const staging = join(cacheDir, `.unpack-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  unpack(zip, staging);
  const unpacked = readdirSync(staging).find((name) => name.startsWith('elasticsearch-'));
  if (!unpacked) throw new ProvisionError(`unpacking ${zip} produced no elasticsearch-* folder`);
  for (const name of readdirSync(join(staging, unpacked, 'bin'))) chmodSync(join(staging, unpacked, 'bin', name), 0o755);
  rmSync(home, { recursive: true, force: true });
  renameSync(join(staging, unpacked), home);
  rmSync(staging, { recursive: true, force: true });
  return home;
}

/** JDK for the node: configured, else JAVA_HOME, else the JDK behind `java` on PATH. */
export function resolveJavaHome(configured?: string): string {
  const candidate = configured ?? process.env.JAVA_HOME;
  if (candidate && existsSync(join(candidate, 'bin', 'java'))) return candidate;
  try {
    const javaPath = execFileSync('readlink', ['-f', execFileSync('which', ['java'], { encoding: 'utf8' }).trim()], { encoding: 'utf8' }).trim();
    return javaPath.replace(/\/bin\/java$/, '');
  } catch {
    throw new ProvisionError('no Java found: install a JDK 17+ (Debian: openjdk-17-jdk-headless) or set elasticsearch.local.javaHome / ES_JAVA_HOME');
  }
}
