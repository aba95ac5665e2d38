import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client } from '@elastic/elasticsearch';
import { inject } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';
import type { Config, ConfigInput } from '../../config/config-schema.ts';
import { createEsClient } from '../../pipeline/es-client.ts';

export interface TestElasticsearch {
  url: string;
  client: Client;
  /** Index prefix of this test file: files run in parallel without seeing each other's data. */
  prefix: string;
  /** A full config pointing at the test node with this file's prefix. */
  config(overrides?: ConfigInput): Config;
  /** Deletes this file's indices and templates. */
  clean(): Promise<void>;
}

/** The shared test node, seen through an index prefix unique to the calling test file. */
export function testElasticsearch(importMetaUrl: string): TestElasticsearch {
  const url = inject('esUrl');
  const file = basename(fileURLToPath(importMetaUrl)).replace(/\.test\.ts$/, '');
  const slug = file.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 30);
  const prefix = `t-${slug}-${createHash('sha1').update(importMetaUrl).digest('hex').slice(0, 6)}-`;
  const base = parseConfig({ elasticsearch: { url, indexPrefix: prefix } }, 'test', {});
  const client = createEsClient(base.elasticsearch, url);
  return {
    url,
    client,
    prefix,
    config: (overrides = {}) => parseConfig({
      ...overrides,
      elasticsearch: { ...(overrides.elasticsearch ?? {}), url, indexPrefix: prefix },
    }, 'test', {}),
    clean: async () => {
      // Concrete names, so this also works on clusters that require them for deletes.
      const indices = Object.keys(await client.indices.get({ index: `${prefix}*`, expand_wildcards: 'all', allow_no_indices: true }));
      if (indices.length > 0) await client.indices.delete({ index: indices });
      const templates = await client.indices.getIndexTemplate({ name: `${prefix}*` }).catch(() => ({ index_templates: [] }));
      for (const { name } of templates.index_templates) await client.indices.deleteIndexTemplate({ name });
    },
  };
}
