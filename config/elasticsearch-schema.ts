import { z } from 'zod';
import { httpUrl } from './field-types/http-url.ts';

/** Settings for the local single node that `yuqing es up` and `npm start` run when no ES_URL is given. */
export const localNodeSchema = z.strictObject({
  version: z.string().regex(/^\d+\.\d+\.\d+$/).default('8.19.21')
    .describe('Elasticsearch version fetched from Maven Central (org.elasticsearch.distribution.integ-test-zip). Pinned: the client and mapping are tested against it.'),
  httpPort: z.number().int().min(1).max(65535).default(9200).describe('HTTP port of the local node on 127.0.0.1.'),
  heap: z.strictObject({
    min: z.string().regex(/^\d+[mg]$/).default('512m').describe('JVM -Xms.'),
    max: z.string().regex(/^\d+[mg]$/).default('1g').describe('JVM -Xmx.'),
  }).prefault({}).describe('JVM heap of the local node.'),
  javaHome: z.string().optional().meta({ env: 'ES_JAVA_HOME' })
    .describe('JDK used to run the node (17+ for 8.19). Default: JAVA_HOME, else the JDK of `java` on PATH.'),
  cacheDir: z.string().optional().meta({ env: 'YUQING_CACHE_DIR' })
    .describe('Where the distribution is unpacked and node data lives (outside git). Default: ~/.cache/yuqing, or /var/cache/yuqing when running as root.'),
}).describe('The local node (used only when `url` is not set).');

export const elasticsearchSchema = z.strictObject({
  url: httpUrl('expected an http(s) URL such as http://127.0.0.1:9200').optional().meta({ env: 'ES_URL' })
    .describe('Existing cluster to use. When unset, yuqing provisions and starts a local node.'),
  username: z.string().optional().meta({ env: 'ES_USERNAME' }).describe('Basic-auth user for `url`.'),
  password: z.string().optional().meta({ env: 'ES_PASSWORD' }).describe('Basic-auth password for `url`.'),
  apiKey: z.string().optional().meta({ env: 'ES_API_KEY' }).describe('API key (base64 id:key) for `url`; used instead of username/password.'),
  caFile: z.string().optional().meta({ env: 'ES_CA_FILE' }).describe('PEM file of the CA that signed the cluster certificate.'),
  indexPrefix: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'expected lowercase letters, digits, "-", "_" or "."').default('yuqing-')
    .meta({ env: 'YUQING_INDEX_PREFIX' }).describe('Prefix of every index, alias and template yuqing creates.'),
  shards: z.number().int().min(1).default(1).describe('Primary shards per monthly posts index.'),
  replicas: z.number().int().min(0).default(0).describe('Replicas per index (0 on one node; 1+ on a cluster).'),
  refreshIntervalSeconds: z.number().min(0.2).default(1).describe('Index refresh interval: how soon new posts become searchable.'),
  textAnalyzer: z.string().default('standard')
    .describe('Analyzer for title/content. `standard` indexes Chinese per character (match_phrase finds any substring). Set e.g. `ik_max_word` where the cluster has the IK plugin.'),
  searchAnalyzer: z.string().optional().describe('Search-time analyzer for title/content (e.g. `ik_smart` with IK). Default: same as textAnalyzer.'),
  requestTimeoutSeconds: z.number().min(1).default(30).describe('Timeout of one request to Elasticsearch.'),
  maxRetries: z.number().int().min(0).default(3).describe('Client retries on connection errors and 502/503/504, with exponential backoff.'),
  bulk: z.strictObject({
    flushBytes: z.number().int().min(10_000).default(2_000_000).describe('Bulk request size in bytes.'),
    concurrency: z.number().int().min(1).default(2).describe('Bulk requests in flight.'),
    documentRetries: z.number().int().min(0).default(4).describe('Retries of documents rejected with 429/5xx, with exponential backoff starting at 500 ms.'),
  }).prefault({}).describe('Bulk indexing.'),
  local: localNodeSchema.prefault({}),
}).describe('Where posts are stored.');

export type ElasticsearchConfig = z.infer<typeof elasticsearchSchema>;
export type LocalNodeConfig = z.infer<typeof localNodeSchema>;
