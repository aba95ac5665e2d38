import { execFileSync, spawnSync } from 'node:child_process';
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

/** The one line a user without a usable Java needs: what to install, and how to do without. */
export const javaMissingAdvice = 'install it (Debian/Ubuntu: sudo apt-get install openjdk-17-jre-headless), or set ES_URL to an existing Elasticsearch cluster and no local node (and no Java) is needed';

/** The major version `java -version` reports (8 for "1.8.0_…"), or undefined when it cannot be run. */
function javaMajorVersion(javaHome: string): number | undefined {
  // `java -version` writes to stderr, also on success.
  const result = spawnSync(join(javaHome, 'bin', 'java'), ['-version'], { encoding: 'utf8', timeout: 30_000 });
  return result.status === 0 ? parseJavaMajor(`${result.stderr}${result.stdout}`) : undefined;
}

function parseJavaMajor(text: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(text);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2]) : first;
}

/**
 * JDK for the node: configured, else JAVA_HOME, else the JDK behind `java` on PATH; Java 17 or newer. Checked
 * before anything is downloaded, so a machine without Java learns it in one line, not after 100 MB.
 */
export function resolveJavaHome(configured?: string): string {
  const candidate = configured ?? process.env.JAVA_HOME;
  let javaHome: string | undefined;
  if (candidate && existsSync(join(candidate, 'bin', 'java'))) javaHome = candidate;
  else {
    try {
      const javaPath = execFileSync('readlink', ['-f', execFileSync('which', ['java'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()], { encoding: 'utf8' }).trim();
      javaHome = javaPath.replace(/\/bin\/java$/, '');
    } catch {
      throw new ProvisionError(`no Java found for the local Elasticsearch (it needs Java 17+): ${javaMissingAdvice}`);
    }
  }
  const major = javaMajorVersion(javaHome);
  if (major === undefined) throw new ProvisionError(`${join(javaHome, 'bin', 'java')} does not run for the local Elasticsearch (it needs Java 17+): ${javaMissingAdvice}`);
  if (major < 17) throw new ProvisionError(`Java ${major} at ${javaHome} is too old for the local Elasticsearch (it needs 17+): ${javaMissingAdvice}`);
  return javaHome;
}
