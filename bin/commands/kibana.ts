import type { Command } from 'commander';
import { resolve } from 'node:path';
import { withInstallationLabels } from '../../dashboards/kibana/code-labels.ts';
import { importSavedObjects, type KibanaImportReport } from '../../dashboards/kibana/import-saved-objects.ts';
import type { Config } from '../../config/config-schema.ts';
import { builtInPacksDirectory, loadPacks } from '../../rules/risk/load-packs.ts';
import { readSavedObjects, withIndexPrefix } from '../../dashboards/kibana/saved-object-files.ts';
import { cliContext, runAction } from '../cli-context.ts';

const typeNames: Record<string, string> = { 'index-pattern': 'data view', lens: 'visualization', search: 'saved search', dashboard: 'dashboard' };

/** The import report as lines for a person: counts, then every object with its type and title. */
export function renderImportReport(report: KibanaImportReport): string {
  const line = (verb: string, object: { type: string; id: string; title: string }, extra = '') =>
    `  ${verb.padEnd(11)} ${(typeNames[object.type] ?? object.type).padEnd(13)} ${object.title} (${object.id})${extra}`;
  return [
    `${report.success ? 'Imported' : 'Import finished with errors'}: ${report.created.length} created, ${report.overwritten.length} overwritten, ${report.errors.length} failed`,
    ...report.created.map((object) => line('created', object)),
    ...report.overwritten.map((object) => line('overwritten', object)),
    ...report.errors.map((object) => line('FAILED', object, `: ${object.error}`)),
  ].join('\n') + '\n';
}

/** The Chinese names of this installation's rule ids, dismiss reasons and units, for the Kibana data view. */
export function installationLabels(config: Config) {
  const { analysis, review } = config;
  const packs = loadPacks([...(analysis.includeBuiltInPacks ? [builtInPacksDirectory] : []), ...analysis.extraPackDirectories.map((dir) => resolve(dir))]);
  return {
    rules: Object.fromEntries(packs.flatMap(({ pack }) => pack.rules.map((rule) => [`${pack.id}/${rule.id}`, rule.name]))),
    dismissReasons: Object.fromEntries(review.dismissReasons.map((reason) => [reason.id, reason.label])),
    units: Object.fromEntries(review.responsibleUnits.map((unit) => [unit.id, unit.name])),
  };
}

/** `yuqing kibana import`: the data views and the 舆情总览 / 风险研判 dashboards into a Kibana space. */
export function registerKibanaCommand(program: Command, write: (text: string) => void = (text) => process.stdout.write(text)): void {
  const kibana = program.command('kibana').description('Kibana saved objects: data views and the 舆情总览 / 风险研判 dashboards');
  kibana.command('import').description('import the saved objects into Kibana (overwriting earlier versions) and list what was created')
    .requiredOption('--url <url>', 'Kibana base URL, e.g. http://127.0.0.1:5601')
    .option('--space <id>', 'Kibana space id (default space when omitted)')
    .option('--username <user>', 'basic-auth user (password from KIBANA_PASSWORD)', process.env.KIBANA_USERNAME)
    .option('--api-key <key>', 'API key (base64 id:key) instead of a user; default KIBANA_API_KEY', process.env.KIBANA_API_KEY)
    .action(runAction(async (options: { url: string; space?: string; username?: string; apiKey?: string }, command: Command) => {
      const { config } = cliContext(command);
      const objects = withInstallationLabels(withIndexPrefix(readSavedObjects(), config.elasticsearch.indexPrefix), installationLabels(config));
      const report = await importSavedObjects(objects, {
        url: options.url, space: options.space, username: options.username, password: process.env.KIBANA_PASSWORD, apiKey: options.apiKey,
      });
      write(renderImportReport(report));
      if (!report.success) process.exitCode = 1;
    }));
}
