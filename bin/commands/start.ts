import { readFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import type { Config } from '../../config/config-schema.ts';
import { demoSchema } from '../../config/config-schema.ts';
import { cliContext, runAction } from '../cli-context.ts';
import { startYuqing } from '../yuqing-service.ts';

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) throw new InvalidArgumentError('expected a port number (0–65535)');
  return port;
}

/**
 * With `--demo-port`, the sources that crawl the bundled demo (start URLs on http://127.0.0.1 at the file's demo
 * port) follow it to the new port; every other source is left alone.
 */
function followDemoPort(config: Config, configPath: string, demoPort: number): Config {
  const inFile = (parseYaml(readFileSync(configPath, 'utf8')) as { demo?: { port?: unknown } } | null)?.demo?.port;
  const filePort = typeof inFile === 'number' ? inFile : demoSchema.parse({}).port;
  const from = `http://127.0.0.1:${filePort}`;
  const retarget = (url: string) => (new URL(url).origin === from ? `http://127.0.0.1:${demoPort}${url.slice(from.length)}` : url);
  return { ...config, sources: config.sources.map((source) => ({ ...source, startUrls: source.startUrls.map(retarget) })) };
}

/** `yuqing start`: the whole product, scheduled — demo site (if enabled), crawlers, pipeline, retention. */
export function registerStartCommand(program: Command): void {
  program.command('start').description('run everything on schedule: crawl sources, analyse, index; Ctrl-C stops cleanly')
    .option('--no-crawl-at-start', 'wait for each source\'s first scheduled tick instead of crawling at once')
    .option('--port <port>', 'port of the review app (review.port; 0: any free port)', parsePort)
    .option('--demo-port <port>', 'port of the bundled demo site (demo.port)', parsePort)
    .action(runAction(async (options: { crawlAtStart: boolean; port?: number; demoPort?: number }, command: Command) => {
      const overrides = { review: { port: options.port }, demo: { port: options.demoPort } };
      const context = cliContext(command, { startChecks: true, overrides });
      const { logger, warnings } = context;
      const config = options.demoPort === undefined ? context.config : followDemoPort(context.config, context.configPath, options.demoPort);
      for (const warning of warnings) logger.warn(warning);
      const service = await startYuqing(config, logger, { crawlAtStart: options.crawlAtStart });
      logger.info('yuqing is running; Ctrl-C stops it');
      const signal = await new Promise<string>((resolve) => {
        process.once('SIGINT', () => resolve('SIGINT'));
        process.once('SIGTERM', () => resolve('SIGTERM'));
      });
      logger.info({ signal }, 'stopping: finishing the current work');
      await service.stop();
      logger.info('stopped');
    }));
}
