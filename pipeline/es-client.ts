import { readFileSync } from 'node:fs';
import { Client, errors } from '@elastic/elasticsearch';
import type { ElasticsearchConfig } from '../config/elasticsearch-schema.ts';

/** Raised when Elasticsearch cannot be reached or refuses us; says which URL and what failed. */
export class EsConnectionError extends Error {
  override name = 'EsConnectionError';
  constructor(readonly url: string, reason: string) {
    super(`Elasticsearch at ${url} is not usable: ${reason}`);
  }
}

/** Builds the one client everything shares; `url` is the configured cluster or the local node. */
export function createEsClient(config: ElasticsearchConfig, url: string): Client {
  const auth = config.apiKey
    ? { apiKey: config.apiKey }
    : config.username ? { username: config.username, password: config.password ?? '' } : undefined;
  return new Client({
    node: url,
    ...(auth ? { auth } : {}),
    ...(config.caFile ? { tls: { ca: readFileSync(config.caFile, 'utf8') } } : {}),
    requestTimeout: config.requestTimeoutSeconds * 1000,
    maxRetries: config.maxRetries,
    // The transport retries connection errors and 502/503/504 with exponential backoff; few retries so an outage is spooled soon.
    compression: false,
  });
}

/** Checks that the cluster answers and is at least yellow; throws EsConnectionError naming the URL otherwise. */
export async function checkConnection(client: Client, url: string): Promise<{ version: string; status: string }> {
  try {
    // Not `GET /`: the test distribution of Elasticsearch has no root handler.
    // One retry: a wrong URL should fail in seconds, not after the full backoff schedule.
    const health = await client.cluster.health({ timeout: '5s' }, { maxRetries: 1 });
    const nodes = await client.nodes.info({ node_id: '_local', metric: '_none' }, { maxRetries: 1 });
    const version = Object.values(nodes.nodes)[0]?.version ?? 'unknown';
    return { version, status: health.status };
  } catch (error) {
    throw new EsConnectionError(redactUrl(url), describeEsError(error));
  }
}

/** Cheap liveness probe (the test distribution answers no `GET /` or ping). */
export async function isReachable(client: Client): Promise<boolean> {
  try {
    await client.cluster.health({ timeout: '2s' }, { maxRetries: 0, requestTimeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

/** True when the error means "Elasticsearch is not there right now" (spool and retry later) rather than "this request is wrong". */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof errors.ConnectionError || error instanceof errors.TimeoutError || error instanceof errors.NoLivingConnectionsError) return true;
  if (error instanceof errors.ResponseError) return error.statusCode === 429 || (error.statusCode ?? 0) >= 500;
  return false;
}

/** One line on what went wrong with a request, without dumping the whole response. */
export function describeEsError(error: unknown): string {
  if (error instanceof errors.ResponseError) {
    const status = error.statusCode ?? 'no status';
    if (status === 401 || status === 403) return `HTTP ${status}: authentication or permission refused (check ES_USERNAME/ES_PASSWORD or ES_API_KEY)`;
    const body = error.body as { error?: { type?: string; reason?: string } } | undefined;
    return `HTTP ${status}: ${body?.error?.type ?? ''} ${body?.error?.reason ?? error.message}`.trim();
  }
  if (error instanceof errors.ConnectionError || error instanceof errors.NoLivingConnectionsError) {
    return `cannot connect (${error.message}) — is it running, and is the URL right?`;
  }
  if (error instanceof errors.TimeoutError) return `request timed out (${error.message})`;
  return (error as Error).message ?? String(error);
}

/** Removes credentials from a URL before it is printed. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = '***';
      parsed.password = '';
    }
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}
