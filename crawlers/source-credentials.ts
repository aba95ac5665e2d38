import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * Cookies and headers a source needs (a logged-in session, an API token). They are secrets: read from the
 * environment or a secrets file at run time, sent only to the hosts of the source's start URLs, and never
 * written to the config, the posts, the health record or the logs (only a short fingerprint is kept, to
 * notice that they were renewed).
 */
export interface SourceCredentials {
  cookie?: string | undefined;
  headers: Record<string, string>;
  /** Where they came from; `none` when the source has none. */
  origin: 'env' | 'file' | 'none';
  /** Hosts they may be sent to. */
  hosts: Set<string>;
  /** SHA-256 prefix of what is sent; changes when the operator renews them. */
  fingerprint?: string | undefined;
}

const secretsFileSchema = z.object({
  sources: z.record(z.string(), z.strictObject({
    cookies: z.string().optional(),
    headers: z.record(z.string(), z.string()).optional(),
  })).default({}),
});

/** `YUQING_COOKIES_<ID>`: the Cookie header of a source (id upper-cased, `-` as `_`). */
export function cookiesEnvName(sourceId: string): string {
  return `YUQING_COOKIES_${sourceId.toUpperCase().replace(/-/g, '_')}`;
}

/** `YUQING_HEADERS_<ID>`: extra request headers of a source, as a JSON object. */
export function headersEnvName(sourceId: string): string {
  return `YUQING_HEADERS_${sourceId.toUpperCase().replace(/-/g, '_')}`;
}

/**
 * The credentials of one source: the environment first (`YUQING_COOKIES_<ID>`, `YUQING_HEADERS_<ID>`),
 * else `crawl.secretsFile` (YAML: `sources: { <id>: { cookies, headers } }`). A secrets file that cannot be
 * read or parsed is an error naming the file, never a silent run without the login.
 */
export async function loadSourceCredentials(source: { id: string; startUrls: string[] }, options: { env?: NodeJS.ProcessEnv; secretsFile?: string | undefined }): Promise<SourceCredentials> {
  const env = options.env ?? process.env;
  const hosts = new Set(source.startUrls.map((url) => new URL(url).host));
  let cookie = env[cookiesEnvName(source.id)]?.trim() || undefined;
  let headers: Record<string, string> = {};
  let origin: SourceCredentials['origin'] = 'none';
  const headersJson = env[headersEnvName(source.id)];
  if (headersJson) {
    const parsed = z.record(z.string(), z.string()).safeParse(safeJson(headersJson));
    if (!parsed.success) throw new Error(`${headersEnvName(source.id)} must be a JSON object of header names to values`);
    headers = parsed.data;
  }
  if (cookie || headersJson) origin = 'env';
  else if (options.secretsFile) {
    let text: string;
    try {
      text = await readFile(options.secretsFile, 'utf8');
    } catch (error) {
      throw new Error(`crawl.secretsFile ${options.secretsFile} cannot be read: ${(error as Error).message}`);
    }
    const parsed = secretsFileSchema.safeParse(parse(text));
    if (!parsed.success) throw new Error(`crawl.secretsFile ${options.secretsFile}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    const entry = parsed.data.sources[source.id];
    if (entry) {
      cookie = entry.cookies?.trim() || undefined;
      headers = entry.headers ?? {};
      origin = 'file';
    }
  }
  const sent = JSON.stringify([cookie ?? '', Object.entries(headers).sort()]);
  return { cookie, headers, origin, hosts, fingerprint: origin === 'none' ? undefined : createHash('sha256').update(sent).digest('hex').slice(0, 12) };
}

/** The headers to add to a request for `url`: the source's credentials when the host is one of its own. */
export function credentialHeadersFor(credentials: SourceCredentials | undefined, url: string): Record<string, string> {
  if (!credentials || credentials.origin === 'none') return {};
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    return {};
  }
  if (!credentials.hosts.has(host)) return {};
  return { ...credentials.headers, ...(credentials.cookie ? { cookie: credentials.cookie } : {}) };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
