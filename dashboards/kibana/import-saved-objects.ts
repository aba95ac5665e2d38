import { z } from 'zod';
import { toNdjson } from './saved-object-files.ts';
import type { SavedObject } from './lens-state.ts';

export interface KibanaImportOptions {
  /** Kibana base URL, e.g. http://127.0.0.1:5601 (a base path such as /kibana is kept). */
  url: string;
  /** Space id; the default space when unset. */
  space?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
  /** Base64 `id:key` API key, used instead of username/password. */
  apiKey?: string | undefined;
  timeoutMillis?: number;
}

const importResponseSchema = z.looseObject({
  success: z.boolean(),
  successCount: z.number(),
  successResults: z.array(z.looseObject({
    type: z.string(), id: z.string(), overwrite: z.boolean().optional(), destinationId: z.string().optional(),
    meta: z.looseObject({ title: z.string().optional() }).optional(),
  })).default([]),
  errors: z.array(z.looseObject({
    type: z.string(), id: z.string(), title: z.string().optional(), meta: z.looseObject({ title: z.string().optional() }).optional(),
    error: z.looseObject({ type: z.string() }),
  })).default([]),
});

/** One imported object, as Kibana reported it. */
export interface ImportedObject { type: string; id: string; title: string }

/** What the import did: objects created, objects that replaced an existing one, and refusals. */
export interface KibanaImportReport {
  success: boolean;
  created: ImportedObject[];
  overwritten: ImportedObject[];
  errors: (ImportedObject & { error: string })[];
}

/** Raised when Kibana cannot be reached or answers with something other than an import result. */
export class KibanaImportError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'KibanaImportError';
  }
}

/** The import endpoint of a space: `<url>[/s/<space>]/api/saved_objects/_import?overwrite=true`. */
export function importEndpoint(url: string, space?: string): URL {
  const base = url.replace(/\/+$/, '');
  const spacePath = space && space !== 'default' ? `/s/${encodeURIComponent(space)}` : '';
  return new URL(`${base}${spacePath}/api/saved_objects/_import?overwrite=true`);
}

function authorization(options: KibanaImportOptions): Record<string, string> {
  if (options.apiKey) return { authorization: `ApiKey ${options.apiKey}` };
  if (options.username !== undefined) return { authorization: `Basic ${Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64')}` };
  return {};
}

/** Posts the objects to Kibana's saved-objects import API (multipart NDJSON, overwrite) and reports what happened. */
export async function importSavedObjects(objects: SavedObject[], options: KibanaImportOptions): Promise<KibanaImportReport> {
  const endpoint = importEndpoint(options.url, options.space);
  const form = new FormData();
  form.append('file', new Blob([toNdjson(objects)], { type: 'application/ndjson' }), 'yuqing.ndjson');
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'kbn-xsrf': 'yuqing', ...authorization(options) },
      body: form,
      signal: AbortSignal.timeout(options.timeoutMillis ?? 60_000),
    });
  } catch (error) {
    throw new KibanaImportError(`cannot reach Kibana at ${endpoint.origin}: ${(error as Error).message}`);
  }
  const text = await response.text();
  if (!response.ok) throw new KibanaImportError(`Kibana refused the import with HTTP ${response.status}: ${text.slice(0, 500)}`, response.status);
  let parsed: z.infer<typeof importResponseSchema>;
  try {
    parsed = importResponseSchema.parse(JSON.parse(text));
  } catch {
    throw new KibanaImportError(`Kibana answered with something other than an import result: ${text.slice(0, 500)}`, response.status);
  }
  const titleOf = (type: string, id: string, reported?: string) =>
    reported ?? String(objects.find((object) => object.type === type && object.id === id)?.attributes.title ?? id);
  const results = parsed.successResults.map((result) => ({ type: result.type, id: result.destinationId ?? result.id, title: titleOf(result.type, result.id, result.meta?.title), overwrite: result.overwrite === true }));
  return {
    success: parsed.success,
    created: results.filter((result) => !result.overwrite).map(({ type, id, title }) => ({ type, id, title })),
    overwritten: results.filter((result) => result.overwrite).map(({ type, id, title }) => ({ type, id, title })),
    errors: parsed.errors.map((error) => ({ type: error.type, id: error.id, title: titleOf(error.type, error.id, error.title ?? error.meta?.title), error: error.error.type })),
  };
}
