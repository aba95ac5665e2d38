import { Command } from 'commander';
import { registerConfigCommand } from './commands/config.ts';
import { registerEsCommand } from './commands/es.ts';
import { registerPipelineCommands } from './commands/pipeline.ts';
import { registerStartCommand } from './commands/start.ts';

const program = new Command('yuqing')
  .description('yuqing — public-opinion monitoring: crawl public posts, analyse sentiment and risk, review and respond')
  .option('-c, --config <file>', 'configuration file (YAML or JSON); default: YUQING_CONFIG or the bundled demo config')
  .showHelpAfterError()
  .enablePositionalOptions();

registerStartCommand(program);
registerPipelineCommands(program);
registerEsCommand(program);
registerConfigCommand(program);

await program.parseAsync(process.argv);
