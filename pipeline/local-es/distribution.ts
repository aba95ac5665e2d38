import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fetchMavenArtifact, type MavenArtifact } from './maven-central.ts';
import { ProvisionError } from './provision-error.ts';
import { unzipArchive } from './unzip-archive.ts';

/**
 * Cache folder outside git. As root the node runs as an unprivileged user that cannot enter /root,
 * so the cache then lives under /var/cache.
 */
export function defaultCacheDir(): string {
  if (process.getuid?.() === 0) return '/var/cache/yuqing';
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'yuqing');
}

/**
 * The Elasticsearch test distribution on Maven Central (server, HTTP transport, x-pack core and security, no
 * bundled JDK), with the SHA-256 of each version yuqing pins, so a changed or tampered file is refused.
 */
const pinnedSha256: Record<string, string> = {
  '8.19.21': '215d5f3dbf0609a149f6218a9e47b6ae2df34ebbff3c5754e35f15a5e5393c8a',
};

function distributionArtifact(version: string): MavenArtifact {
  const sha256 = pinnedSha256[version];
  return {
    groupId: 'org.elasticsearch.distribution.integ-test-zip', artifactId: 'elasticsearch', version, extension: 'zip',
    ...(sha256 ? { sha256 } : {}),
  };
}

/**
 * Makes sure the Elasticsearch test distribution of `version` is unpacked in the cache and returns its home.
 * Fetched from Maven Central over HTTPS and verified (pinned SHA-256, else the published SHA-1), then unpacked
 * in-process: only Node and Java are needed, no Maven or `unzip`.
 */
export async function ensureDistribution(version: string, cacheDir: string, log: (line: string) => void = () => {}): Promise<string> {
  const home = join(cacheDir, `elasticsearch-${version}`);
  if (existsSync(join(home, 'bin', 'elasticsearch')) && existsSync(join(home, 'lib'))) return home;
  log(`fetching Elasticsearch ${version} from Maven Central (about 100 MB, once)`);
  const zip = await fetchMavenArtifact(distributionArtifact(version), join(cacheDir, 'downloads'), log);
  log(`unpacking ${zip}`);
  const staging = join(cacheDir, `.unpack-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  await unzipArchive(zip, staging);
  const unpacked = readdirSync(staging).find((name) => name.startsWith('elasticsearch-'));
  if (!unpacked) throw new ProvisionError(`unpacking ${zip} produced no elasticsearch-* folder`);
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
