import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchMavenArtifact, type MavenArtifact } from './maven-central.ts';
import { ProvisionError } from './provision-error.ts';
import { unzipArchive } from './unzip-archive.ts';

/** A zip with an executable script, a plain file and an entry that tries to escape the target folder. */
function buildZip(entries: { name: string; text: string; mode: number }[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const entry of entries) zip.addBuffer(Buffer.from(entry.text), entry.name, { mode: entry.mode });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
}

describe('fetching from a Maven repository and unpacking', () => {
  let server: Server;
  let base: string;
  let work: string;
  const files = new Map<string, Buffer>();
  const sha1 = (body: Buffer) => createHash('sha1').update(body).digest('hex');
  const sha256 = (body: Buffer) => createHash('sha256').update(body).digest('hex');

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'yuqing-maven-'));
    server = createServer((request, response) => {
      const body = files.get(request.url ?? '');
      if (!body) return void response.writeHead(404).end();
      response.writeHead(200, { 'content-length': body.length }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address() as { port: number };
    base = `http://127.0.0.1:${address.port}/maven2`;
    process.env.YUQING_MAVEN_REPOSITORY = base;
  });

  afterAll(async () => {
    delete process.env.YUQING_MAVEN_REPOSITORY;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(work, { recursive: true, force: true });
  });

  const artifact = (version: string, extra: Partial<MavenArtifact> = {}): MavenArtifact => ({ groupId: 'org.example.dist', artifactId: 'thing', version, extension: 'zip', ...extra });
  const publish = (version: string, body: Buffer, sha1Text = sha1(body)) => {
    const path = `/maven2/org/example/dist/thing/${version}/thing-${version}.zip`;
    files.set(path, body);
    files.set(`${path}.sha1`, Buffer.from(`${sha1Text}  thing-${version}.zip\n`));
  };

  it('downloads an artifact verified by its published SHA-1 and unpacks it with the modes the archive records', async () => {
    const body = await buildZip([
      { name: 'thing-1.0/bin/run', text: '#!/bin/sh\necho hi\n', mode: 0o100755 },
      { name: 'thing-1.0/lib/data.txt', text: '数据', mode: 0o100644 },
    ]);
    publish('1.0', body);
    const path = await fetchMavenArtifact(artifact('1.0'), join(work, 'downloads'));
    expect(readFileSync(path).equals(body)).toBe(true);
    const into = join(work, 'unpacked');
    await unzipArchive(path, into);
    expect(statSync(join(into, 'thing-1.0/bin/run')).mode & 0o777).toBe(0o755);
    expect(statSync(join(into, 'thing-1.0/lib/data.txt')).mode & 0o777).toBe(0o644);
    expect(readFileSync(join(into, 'thing-1.0/lib/data.txt'), 'utf8')).toBe('数据');
  });

  it('refuses a download whose checksum does not match and leaves no file behind', async () => {
    const body = await buildZip([{ name: 'a.txt', text: 'a', mode: 0o100644 }]);
    publish('2.0', body, '0'.repeat(40));
    const folder = join(work, 'bad-sha1');
    await expect(fetchMavenArtifact(artifact('2.0'), folder)).rejects.toThrow(/sha1 is [0-9a-f]{40}, expected 0{40}/);
    expect(readdirSync(folder)).toEqual([]);
    await expect(fetchMavenArtifact(artifact('2.0', { sha256: 'f'.repeat(64) }), folder)).rejects.toBeInstanceOf(ProvisionError);
    await expect(fetchMavenArtifact(artifact('2.0', { sha256: sha256(body) }), folder)).resolves.toMatch(/thing-2\.0\.zip$/);
  });

  it('names the URL and the status when the artifact is missing', async () => {
    await expect(fetchMavenArtifact(artifact('9.9'), join(work, 'missing'))).rejects.toThrow(`${base}/org/example/dist/thing/9.9/thing-9.9.zip: HTTP 404`);
  });

  it('refuses archive entries that would land outside the target folder', async () => {
    // yazl will not write such a name, so the bytes of a harmless one of the same length are rewritten.
    const harmless = await buildZip([{ name: 'zz/escaped.txt', text: 'x', mode: 0o100644 }]);
    const body = Buffer.from(harmless.toString('latin1').replaceAll('zz/escaped.txt', '../escaped.txt'), 'latin1');
    const zipPath = join(work, 'evil.zip');
    await import('node:fs/promises').then((fs) => fs.writeFile(zipPath, body));
    await expect(unzipArchive(zipPath, join(work, 'evil'))).rejects.toThrow(/outside the target folder|invalid relative path/);
    expect(existsSync(join(work, 'escaped.txt'))).toBe(false);
  });
});
