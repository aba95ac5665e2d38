import type { Client } from '@elastic/elasticsearch';
import { elasticsearchSchema } from '../config/elasticsearch-schema.ts';
import { createEsClient } from '../pipeline/es-client.ts';
import { LocalNode } from '../pipeline/local-es/local-node.ts';

/** A real node for a benchmark: ES_URL when set, else a fresh local node of the pinned version, stopped at the end. */
export async function benchElasticsearch(): Promise<{ url: string; client: Client; close(): Promise<void> }> {
  const base = elasticsearchSchema.parse({});
  if (process.env.ES_URL) {
    const client = createEsClient({ ...base, url: process.env.ES_URL }, process.env.ES_URL);
    return { url: process.env.ES_URL, client, close: () => client.close() };
  }
  const node = new LocalNode({ name: `bench-${process.pid}`, version: base.local.version, httpPort: 0, fresh: true, heapMax: '1g', log: (line) => console.error(line) });
  const { url } = await node.start();
  const client = createEsClient(base, url);
  return {
    url,
    client,
    close: async () => {
      await client.close();
      await node.destroy();
    },
  };
}
