import { Command } from 'commander';
import { analyzerOptionsFromConfig } from '../pipeline/analyze-post.ts';
import { registerAnalyzeCommand } from './commands/analyze.ts';
import { registerConfigCommand } from './commands/config.ts';
import { registerCrawlCommand } from './commands/crawl.ts';
import { registerDigestCommand } from './commands/digest.ts';
import { registerEsCommand } from './commands/es.ts';
import { registerKibanaCommand } from './commands/kibana.ts';
import { registerPipelineCommands } from './commands/pipeline.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerSourcesCommand } from './commands/sources.ts';
import { registerStartCommand } from './commands/start.ts';
import { registerUsersCommand } from './commands/users.ts';
import { cliContext } from './cli-context.ts';

const program = new Command('yuqing')
  .description('yuqing — public-opinion monitoring: crawl public posts, analyse sentiment and risk, review and respond')
  .option('-c, --config <file>', 'configuration file (YAML or JSON); default: YUQING_CONFIG or the bundled demo config')
  .showHelpAfterError()
  .enablePositionalOptions();

registerStartCommand(program);
registerCrawlCommand(program);
registerPipelineCommands(program);
registerSourcesCommand(program);
registerAnalyzeCommand(program, (command) => analyzerOptionsFromConfig(cliContext(command).config));
registerDigestCommand(program);
registerKibanaCommand(program);
registerServeCommand(program);
registerUsersCommand(program);
registerEsCommand(program);
registerConfigCommand(program);

await program.parseAsync(process.argv);
