import { createReadStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { z } from 'zod';
import { createAnalyzer, type Analyzer, type AnalyzerOptionsInput } from '../../rules/analyzer.ts';
import { engagementSchema } from '../../rules/risk/risk-score.ts';

/** One input line of `yuqing analyze`: `text` (or `content`) is required; `id` is echoed back. */
export const analyzeLineSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).optional(),
  text: z.string().optional(),
  content: z.string().optional(),
  title: z.string().optional(),
  author: z.string().optional(),
  engagement: engagementSchema.optional(),
  sourceWeight: z.number().min(0).optional(),
  storyGrowth: z.number().min(0).optional(),
}).refine((line) => typeof (line.text ?? line.content) === 'string', 'needs a "text" (or "content") string');

/** Counts of a run, for the summary on stderr. */
export interface AnalyzeLinesSummary {
  analysed: number;
  skipped: number;
}

async function write(stream: Writable, chunk: string): Promise<void> {
  // Respect backpressure so a slow consumer keeps memory flat instead of buffering every result.
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/**
 * Streams JSON lines through the analyzer one line at a time (constant memory): each good line
 * becomes one output line; a bad line is reported on `errors` with its line number and skipped.
 */
export async function analyzeJsonLines(input: Readable, output: Writable, errors: Writable, analyzer: Analyzer): Promise<AnalyzeLinesSummary> {
  const summary: AnalyzeLinesSummary = { analysed: 0, skipped: 0 };
  let lineNumber = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    let parsed: z.infer<typeof analyzeLineSchema>;
    try {
      const result = analyzeLineSchema.safeParse(JSON.parse(line));
      if (!result.success) throw new Error(result.error.issues.map((issue) => `${issue.path.join('.') || 'line'}: ${issue.message}`).join('; '));
      parsed = result.data;
    } catch (error) {
      summary.skipped += 1;
      await write(errors, `line ${lineNumber}: skipped: ${(error as Error).message}\n`);
      continue;
    }
    const analysis = analyzer.analyze({
      content: parsed.text ?? parsed.content ?? '',
      title: parsed.title,
      author: parsed.author,
      engagement: parsed.engagement,
      sourceWeight: parsed.sourceWeight,
      storyGrowth: parsed.storyGrowth,
    });
    summary.analysed += 1;
    await write(output, `${JSON.stringify(parsed.id === undefined ? analysis : { id: parsed.id, ...analysis })}\n`);
  }
  return summary;
}

/** Reads analyzer options from a JSON file (the same plain data `createAnalyzer` takes). */
function readAnalyzerOptions(path: string | undefined): AnalyzerOptionsInput {
  return path ? (JSON.parse(readFileSync(path, 'utf8')) as AnalyzerOptionsInput) : {};
}

/**
 * `yuqing analyze [file]`: JSON lines in (stdin by default), JSON lines out with tokens, keywords,
 * sentiment and risk. `resolveOptions` lets the CLI supply analyzer options from its config; the
 * command's own flags are applied on top.
 */
export function registerAnalyzeCommand(program: Command, resolveOptions: (command: Command) => AnalyzerOptionsInput = () => ({})): void {
  program.command('analyze')
    .description('analyse JSON lines ({"text": "...", "title": "..."}) from a file or stdin; writes JSON lines with tokens, keywords, sentiment and risk')
    .argument('[file]', 'input file of JSON lines; stdin when omitted or "-"')
    .option('--analyzer-options <file>', 'JSON file of analyzer options (see rules/README.md "Options")')
    .option('--organisation <names...>', 'organisation names for the organisation-mentions template pack')
    .option('--service <names...>', 'service/product names for the organisation-mentions template pack')
    .action(async (file: string | undefined, flags: { analyzerOptions?: string; organisation?: string[]; service?: string[] }, command: Command) => {
      const options: AnalyzerOptionsInput = { ...resolveOptions(command), ...readAnalyzerOptions(flags.analyzerOptions) };
      if (flags.organisation) options.organisationNames = flags.organisation;
      if (flags.service) options.serviceNames = flags.service;
      const analyzer = createAnalyzer(options);
      const input = file && file !== '-' ? createReadStream(file, 'utf8') : process.stdin;
      const summary = await analyzeJsonLines(input, process.stdout, process.stderr, analyzer);
      process.stderr.write(`analysed ${summary.analysed} line(s), skipped ${summary.skipped}\n`);
    });
}
