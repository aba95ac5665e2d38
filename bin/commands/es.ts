import type { Command } from 'commander';
import { checkConnection, createEsClient } from '../../pipeline/es-client.ts';
import { defaultCacheDir, ensureDistribution } from '../../pipeline/local-es/distribution.ts';
import { indexNames } from '../../pipeline/post-document.ts';
import { cliContext, runAction } from '../cli-context.ts';
import { localNodeFor } from '../connect-elasticsearch.ts';

/** `yuqing es up|down|status`: the local Elasticsearch node. */
export function registerEsCommand(program: Command): void {
  const es = program.command('es').description('manage the local Elasticsearch node (fetched from Maven Central on first use)');

  es.command('install').description('fetch and unpack the pinned Elasticsearch distribution into the cache, without starting it')
    .action(runAction(async (_options, command: Command) => {
      const { config } = cliContext(command);
      const local = config.elasticsearch.local;
      const home = await ensureDistribution(local.version, local.cacheDir ?? defaultCacheDir(), (line) => process.stderr.write(`${line}\n`));
      process.stdout.write(`Elasticsearch ${local.version}: ${home}\n`);
    }));

  es.command('up').description('provision (first time) and start the local node; it keeps running after this command')
    .action(runAction(async (_options, command: Command) => {
      const { config } = cliContext(command);
      const node = localNodeFor(config, (line) => process.stderr.write(`${line}\n`));
      const { url, alreadyRunning } = await node.start();
      process.stdout.write(`${alreadyRunning ? 'already running' : 'started'}: ${url}\n`);
    }));

  es.command('down').description('stop the local node gracefully')
    .action(runAction(async (_options, command: Command) => {
      const { config } = cliContext(command);
      const stopped = await localNodeFor(config).stop();
      process.stdout.write(stopped ? 'stopped\n' : 'not running\n');
    }));

  es.command('status').description('show whether the node (or ES_URL cluster) answers, its version and the post counts')
    .action(runAction(async (_options, command: Command) => {
      const { config } = cliContext(command);
      let url = config.elasticsearch.url;
      if (!url) {
        const node = localNodeFor(config);
        if (node.runningPid() === undefined) {
          process.stdout.write(`local node: not running (start it with \`yuqing es up\`; data in ${node.dir})\n`);
          process.exitCode = 3;
          return;
        }
        url = node.url;
      }
      const client = createEsClient(config.elasticsearch, url);
      const { version, status } = await checkConnection(client, url);
      const names = indexNames(config.elasticsearch.indexPrefix);
      const indices = await client.cat.indices({ index: `${names.prefix}*`, format: 'json', h: 'index,docs.count,store.size', s: 'index' }).catch(() => []);
      process.stdout.write(`url: ${url}\nversion: ${version}\nhealth: ${status}\n`);
      for (const row of indices) process.stdout.write(`  ${row.index}\t${row['docs.count']} docs\t${row['store.size']}\n`);
      await client.close();
    }));
}
