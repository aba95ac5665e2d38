import type { Client } from '@elastic/elasticsearch';
import type { Logger } from 'pino';
import type { Config } from '../config/config-schema.ts';
import { checkConnection, createEsClient, redactUrl } from '../pipeline/es-client.ts';
import { LocalNode } from '../pipeline/local-es/local-node.ts';

export interface ElasticsearchConnection {
  client: Client;
  url: string;
  /** Stops the local node if this process started it; a no-op for ES_URL clusters. */
  release(): Promise<void>;
}

/** The local node described by the config (the one `yuqing es up` manages). */
export function localNodeFor(config: Config, log?: (line: string) => void): LocalNode {
  const local = config.elasticsearch.local;
  return new LocalNode({
    name: 'default', version: local.version, httpPort: local.httpPort, heapMin: local.heap.min, heapMax: local.heap.max,
    javaHome: local.javaHome, cacheDir: local.cacheDir, ...(log ? { log } : {}),
  });
}

/**
 * Connects to `elasticsearch.url` when set (failing with the URL and the reason), otherwise provisions and starts
 * the local node, or reuses it when `yuqing es up` already runs it.
 */
export async function connectElasticsearch(config: Config, logger: Logger): Promise<ElasticsearchConnection> {
  if (config.elasticsearch.url) {
    const client = createEsClient(config.elasticsearch, config.elasticsearch.url);
    const { version, status } = await checkConnection(client, config.elasticsearch.url);
    logger.info({ url: redactUrl(config.elasticsearch.url), version, status }, 'connected to Elasticsearch');
    return { client, url: config.elasticsearch.url, release: async () => client.close() };
  }
  const node = localNodeFor(config, (line) => logger.info(line));
  const { url, alreadyRunning } = await node.start();
  const client = createEsClient(config.elasticsearch, url);
  const { version } = await checkConnection(client, url);
  logger.info({ url, version, startedHere: !alreadyRunning }, 'local Elasticsearch ready');
  return {
    client,
    url,
    release: async () => {
      await client.close();
      if (!alreadyRunning) {
        logger.info('stopping the local Elasticsearch node');
        await node.stop();
      }
    },
  };
}
