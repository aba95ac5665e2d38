import type { Command } from 'commander';
import { renderConfigReference } from '../../config/config-reference.ts';
import { cliContext, runAction } from '../cli-context.ts';

/** `yuqing config check|reference`. */
export function registerConfigCommand(program: Command): void {
  const config = program.command('config').description('validate the configuration or print its reference');
  config.command('check').alias('validate')
    .description('run every check `start` runs, without starting anything (each problem with its field path; exit 2 when invalid)')
    .action(runAction(async (_options, command: Command) => {
      const { config: loaded, configPath, warnings } = cliContext(command, { startChecks: true });
      for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
      process.stdout.write(`${configPath}: valid (${loaded.sources.length} sources, ${loaded.sources.filter((s) => s.enabled).length} enabled)\n`);
    }));
  config.command('reference').description('print the configuration reference (Markdown) generated from the schemas')
    .action(() => {
      process.stdout.write(renderConfigReference());
    });
}
