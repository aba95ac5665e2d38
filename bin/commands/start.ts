import type { Command } from 'commander';
import { cliContext, runAction } from '../cli-context.ts';
import { startYuqing } from '../yuqing-service.ts';

/** `yuqing start`: the whole product, scheduled — demo site (if enabled), crawlers, pipeline, retention. */
export function registerStartCommand(program: Command): void {
  program.command('start').description('run everything on schedule: crawl sources, analyse, index; Ctrl-C stops cleanly')
    .option('--no-crawl-at-start', 'wait for each source\'s first scheduled tick instead of crawling at once')
    .action(runAction(async (options: { crawlAtStart: boolean }, command: Command) => {
      const { config, logger, warnings } = cliContext(command, { startChecks: true });
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
