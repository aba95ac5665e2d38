import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ProvisionError } from './provision-error.ts';

/** Maven Central's HTTPS root; `YUQING_MAVEN_REPOSITORY` points at a mirror (same layout) instead. */
export function mavenRepositoryUrl(): string {
  return (process.env.YUQING_MAVEN_REPOSITORY ?? 'https://repo1.maven.org/maven2').replace(/\/$/, '');
}

/** One file of a Maven artifact, by its coordinates. */
export interface MavenArtifact {
  groupId: string;
  artifactId: string;
  version: string;
  /** File extension: jar, zip, pom… */
  extension: string;
  classifier?: string;
  /**
   * Expected SHA-256 of the file, pinned in the code that asks for it. Without one, the `.sha1` Maven Central
   * publishes beside the file is checked instead (it guards against a torn download, not a hostile mirror).
   */
  sha256?: string;
}

/** The file name Maven gives an artifact: `<artifactId>-<version>[-<classifier>].<extension>`. */
export function mavenFileName(artifact: MavenArtifact): string {
  return `${artifact.artifactId}-${artifact.version}${artifact.classifier ? `-${artifact.classifier}` : ''}.${artifact.extension}`;
}

/** The artifact's URL in the repository layout. */
export function mavenArtifactUrl(artifact: MavenArtifact): string {
  return `${mavenRepositoryUrl()}/${artifact.groupId.replaceAll('.', '/')}/${artifact.artifactId}/${artifact.version}/${mavenFileName(artifact)}`;
}

/**
 * Downloads an artifact over HTTPS into `directory` (once: a verified file already there is kept) and returns its
 * path. The body streams into `<name>.part`, is hashed on the way, and is renamed into place only when the
 * checksum matches, so an interrupted or corrupted download never looks finished. No Maven installation is needed.
 */
export async function fetchMavenArtifact(artifact: MavenArtifact, directory: string, log: (line: string) => void = () => {}): Promise<string> {
  const target = join(directory, mavenFileName(artifact));
  if (existsSync(target) && (await matchesChecksum(target, artifact))) return target;
  mkdirSync(directory, { recursive: true });
  const url = mavenArtifactUrl(artifact);
  log(`fetching ${url}`);
  const response = await fetchOrExplain(url);
  if (!response.ok || !response.body) throw new ProvisionError(`fetching ${url}: HTTP ${response.status} ${response.statusText}`);
  const partial = `${target}.part`;
  const sha256 = createHash('sha256');
  const sha1 = createHash('sha1');
  const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
  body.on('data', (chunk: Buffer) => {
    sha256.update(chunk);
    sha1.update(chunk);
  });
  try {
    await pipeline(body, createWriteStream(partial));
  } catch (error) {
    rmSync(partial, { force: true });
    throw new ProvisionError(`fetching ${url}: the download broke off (${(error as Error).message})`);
  }
  const actual = { sha256: sha256.digest('hex'), sha1: sha1.digest('hex') };
  const expected = await expectedChecksum(artifact);
  if (actual[expected.algorithm] !== expected.value) {
    rmSync(partial, { force: true });
    throw new ProvisionError(`fetching ${url}: ${expected.algorithm} is ${actual[expected.algorithm]}, expected ${expected.value} (${expected.from}); the file was discarded`);
  }
  renameSync(partial, target);
  return target;
}

async function fetchOrExplain(url: string): Promise<Response> {
  try {
    return await fetch(url, { redirect: 'follow' });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new ProvisionError(`fetching ${url}: ${cause?.code ?? cause?.message ?? (error as Error).message}. Is Maven Central reachable (or YUQING_MAVEN_REPOSITORY set to a mirror)?`);
  }
}

async function expectedChecksum(artifact: MavenArtifact): Promise<{ algorithm: 'sha256' | 'sha1'; value: string; from: string }> {
  if (artifact.sha256) return { algorithm: 'sha256', value: artifact.sha256.toLowerCase(), from: 'pinned in yuqing' };
  const url = `${mavenArtifactUrl(artifact)}.sha1`;
  const response = await fetchOrExplain(url);
  if (!response.ok) throw new ProvisionError(`fetching ${url}: HTTP ${response.status}; cannot verify the download`);
  // Some .sha1 files carry the file name after the digest.
  return { algorithm: 'sha1', value: (await response.text()).trim().split(/\s+/)[0]!.toLowerCase(), from: url };
}

/** A file in place was verified before it was renamed there; a pinned checksum is checked again (it may have changed). */
async function matchesChecksum(path: string, artifact: MavenArtifact): Promise<boolean> {
  if (!artifact.sha256) return true;
  return createHash('sha256').update(readFileSync(path)).digest('hex') === artifact.sha256.toLowerCase();
}
