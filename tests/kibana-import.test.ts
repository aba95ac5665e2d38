import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { registerKibanaCommand } from '../bin/commands/kibana.ts';
import { importSavedObjects, KibanaImportError } from '../dashboards/kibana/import-saved-objects.ts';
import type { SavedObject } from '../dashboards/kibana/lens-state.ts';
import { readSavedObjects } from '../dashboards/kibana/saved-object-files.ts';
import { startRecordingHttpServer, type RecordedRequest, type RecordingHttpServer } from './support/recording-http-server.ts';

/** Parses a recorded multipart request the way a server would. */
async function uploadedObjects(request: RecordedRequest): Promise<{ fileName: string; objects: SavedObject[] }> {
  const form = await new Request('http://kibana.test/', { method: 'POST', headers: { 'content-type': String(request.headers['content-type']) }, body: new Uint8Array(request.body) }).formData();
  const file = form.get('file') as File;
  const text = await file.text();
  return { fileName: file.name, objects: text.trim().split('\n').map((line) => JSON.parse(line) as SavedObject) };
}

/** A stand-in for Kibana's import API: refuses requests without kbn-xsrf or with wrong credentials, remembers what it has. */
async function startFakeKibana(expectedAuthorization?: string): Promise<RecordingHttpServer> {
  const stored = new Set<string>();
  return startRecordingHttpServer(async (request) => {
    if (!request.headers['kbn-xsrf']) return { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'Request must contain a kbn-xsrf header.' } };
    if (expectedAuthorization && request.headers.authorization !== expectedAuthorization) return { status: 401, body: { statusCode: 401, error: 'Unauthorized' } };
    const { objects } = await uploadedObjects(request);
    const successResults = objects.map((object) => {
      const key = `${object.type}:${object.id}`;
      const overwrite = stored.has(key);
      stored.add(key);
      return { type: object.type, id: object.id, meta: { title: object.attributes.title }, ...(overwrite ? { overwrite: true } : {}) };
    });
    return { body: { success: true, successCount: successResults.length, successResults, errors: [] } };
  });
}

let server: RecordingHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('yuqing kibana import', () => {
  it('posts every object as multipart NDJSON to the space import API with kbn-xsrf, overwrite and credentials, and lists what was created', async () => {
    server = await startFakeKibana(`Basic ${Buffer.from('elastic:s3cret').toString('base64')}`);
    const dir = mkdtempSync(join(tmpdir(), 'yuqing-kibana-'));
    const configFile = join(dir, 'config.yaml');
    writeFileSync(configFile, 'elasticsearch:\n  indexPrefix: city-\n');
    const output: string[] = [];
    const program = new Command('yuqing').option('-c, --config <file>').exitOverride().enablePositionalOptions();
    registerKibanaCommand(program, (text) => output.push(text));
    process.env.KIBANA_PASSWORD = 's3cret';
    try {
      await program.parseAsync(['node', 'yuqing', '--config', configFile, 'kibana', 'import', '--url', `${server.url}/`, '--space', 'ops', '--username', 'elastic']);
    } finally {
      delete process.env.KIBANA_PASSWORD;
    }

    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('/s/ops/api/saved_objects/_import?overwrite=true');
    expect(request!.headers['kbn-xsrf']).toBeTruthy();
    expect(request!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const { fileName, objects } = await uploadedObjects(request!);
    expect(fileName).toMatch(/\.ndjson$/);
    const shipped = readSavedObjects();
    expect(objects.map((object) => `${object.type}:${object.id}`)).toEqual(shipped.map((object) => `${object.type}:${object.id}`));
    expect(objects.filter((object) => object.type === 'index-pattern').map((object) => object.attributes.title)).toEqual(['city-posts', 'city-events']);
    // Codes the installation defines are shown in Chinese: rule ids by the names in its packs, dismiss reasons, units.
    const formats = JSON.parse(String(objects.find((object) => object.id === 'yuqing-posts')!.attributes.fieldFormatMap)) as Record<string, { id: string; params: { lookupEntries: { key: string; value: string }[] } }>;
    const entries = (field: string) => new Map(formats[field]!.params.lookupEntries.map((entry) => [entry.key, entry.value]));
    expect(formats['risk.ruleIds']!.id).toBe('static_lookup');
    expect(entries('risk.ruleIds').get('rumours-misinformation/official-debunk')).toBe('官方辟谣');
    expect(entries('risk.ruleIds').size).toBeGreaterThan(50);
    expect(entries('review.dismissReason').get('false-positive')).toBe('误报（规则误判）');
    expect(entries('review.unit').get('environment')).toBe('生态环境部门');
    expect(entries('risk.categories').get('official-voice')).toBe('官方声音');

    const text = output.join('');
    expect(text).toContain(`Imported: ${shipped.length} created, 0 overwritten, 0 failed`);
    expect(text).toMatch(/created +dashboard +舆情总览 \(yuqing-overview\)/);
    expect(text).toMatch(/created +dashboard +风险研判 \(yuqing-risk\)/);
    expect(text).toMatch(/created +data view +city-posts \(yuqing-posts\)/);
  });

  it('reports objects Kibana already had as overwritten on a second import, into the default space without /s/', async () => {
    server = await startFakeKibana();
    const objects = readSavedObjects();
    await importSavedObjects(objects, { url: server.url });
    const second = await importSavedObjects(objects, { url: server.url, space: 'default', apiKey: 'aWQ6a2V5' });
    expect(server.requests.map((request) => request.url)).toEqual(Array(2).fill('/api/saved_objects/_import?overwrite=true'));
    expect(server.requests[1]!.headers.authorization).toBe('ApiKey aWQ6a2V5');
    expect(second.created).toEqual([]);
    expect(second.overwritten.map((object) => object.id)).toEqual(objects.map((object) => object.id));
  });

  it('fails with Kibana\'s status and message when the import is refused, and names the address when Kibana is unreachable', async () => {
    server = await startFakeKibana('Basic nobody');
    const refused = importSavedObjects(readSavedObjects(), { url: server.url, username: 'elastic', password: 'wrong' });
    await expect(refused).rejects.toBeInstanceOf(KibanaImportError);
    await expect(refused).rejects.toMatchObject({ status: 401, message: expect.stringMatching(/HTTP 401.*Unauthorized/) });
    const closedUrl = server.url;
    await server.close();
    server = undefined;
    await expect(importSavedObjects(readSavedObjects(), { url: closedUrl, timeoutMillis: 5000 })).rejects.toThrow(/cannot reach Kibana at http:\/\/127\.0\.0\.1/);
  });
});
