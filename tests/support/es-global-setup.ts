import type { TestProject } from 'vitest/node';
import { elasticsearchSchema } from '../../config/elasticsearch-schema.ts';
import { LocalNode } from '../../pipeline/local-es/local-node.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    esUrl: string;
  }
}

/**
 * Starts one real Elasticsearch node for the whole test run (a fresh data folder, a free port) and stops it
 * afterwards. Set YUQING_TEST_ES_URL to run against a node you already have.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const existing = process.env.YUQING_TEST_ES_URL;
  if (existing) {
    project.provide('esUrl', existing);
    return async () => {};
  }
  const { version } = elasticsearchSchema.parse({}).local;
  // A name of its own: two test runs on one machine must never share (or stop) each other's node.
  const node = new LocalNode({ name: `test-${process.pid}`, version, httpPort: 0, fresh: true, log: (line) => console.log(`[es] ${line}`) });
  const { url } = await node.start();
  project.provide('esUrl', url);
  return async () => {
    await node.destroy();
  };
}
