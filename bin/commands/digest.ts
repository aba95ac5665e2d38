import type { Command } from 'commander';
import { digestFormats, type DigestFormat } from '../../config/digest-schema.ts';
import type { Client } from '@elastic/elasticsearch';
import { currentPeriodSoFar, DigestPeriodError, isoWeekPeriod, lastCompletePeriod, periodName, rangePeriod, type DigestPeriod } from '../../dashboards/digests/digest-period.ts';
import { runIncidentBrief } from '../../dashboards/digests/incident-brief/run-brief.ts';
import { runDigest } from '../../dashboards/digests/run-digest.ts';
import { indexNames } from '../../pipeline/post-document.ts';
import { cliContext, runAction } from '../cli-context.ts';
import { connectElasticsearch } from '../connect-elasticsearch.ts';

interface DigestOptions { week?: string; from?: string; to?: string; period?: 'day' | 'week' | 'month'; current?: boolean; event?: string; deliver: boolean; out?: string; format?: string }

/** The period named by the options: an ISO week, a from/to range, or the last complete day/week/month. */
export function periodFromOptions(options: DigestOptions, timeZone: string, now = new Date()): DigestPeriod {
  if (options.week && (options.from || options.to)) throw new DigestPeriodError('use either --week or --from/--to, not both');
  if (options.week) return isoWeekPeriod(options.week, timeZone);
  if (options.from || options.to) {
    if (!options.from || !options.to) throw new DigestPeriodError('--from and --to go together');
    return rangePeriod(options.from, options.to, timeZone);
  }
  if (options.current) return currentPeriodSoFar(options.period ?? 'week', now, timeZone);
  return lastCompletePeriod(options.period ?? 'week', now, timeZone);
}

/**
 * Without an explicit period: the last complete one, unless nothing was published in it at all (a fresh install)
 * and something was in the current one — then the current period so far, so the first report is not empty.
 */
export async function defaultPeriod(client: Client, postsAlias: string, options: DigestOptions, timeZone: string, now = new Date()): Promise<DigestPeriod> {
  const last = periodFromOptions(options, timeZone, now);
  if (options.week || options.from || options.to || options.current) return last;
  await client.indices.refresh({ index: postsAlias, ignore_unavailable: true, allow_no_indices: true });
  const count = async (period: DigestPeriod) => (await client.count({
    index: postsAlias, ignore_unavailable: true, allow_no_indices: true, query: { range: { publishedAt: { gte: period.from.toISOString(), lt: period.to.toISOString() } } },
  })).count;
  if ((await count(last)) > 0) return last;
  const current = currentPeriodSoFar(options.period ?? 'week', now, timeZone);
  return (await count(current)) > 0 ? current : last;
}

function parseFormats(text: string | undefined): DigestFormat[] | undefined {
  if (!text) return undefined;
  const formats = text.split(',').map((format) => format.trim());
  const unknown = formats.filter((format) => !(digestFormats as readonly string[]).includes(format));
  if (unknown.length > 0) throw new Error(`--format: unknown ${unknown.join(', ')} (expected ${digestFormats.join(', ')})`);
  return formats as DigestFormat[];
}

/** `yuqing digest`: the risk digest for a week, any period, or the last complete one; saved and delivered. */
export function registerDigestCommand(program: Command, write: (text: string) => void = (text) => process.stdout.write(text)): void {
  program.command('digest').description('produce the risk digest (HTML, Markdown, PDF) for a period, save it under digest.reportsDir and deliver it')
    .option('--week <week>', 'ISO week, e.g. 2026-W47 (Monday to Sunday in digest.timeZone)')
    .option('--from <date>', 'first day (or date-time) of the period, e.g. 2026-11-01')
    .option('--to <date>', 'last day of the period (included), or an end date-time (excluded)')
    .option('--period <kind>', 'without --week/--from: the last complete day, week or month (default: digest.period); when that has no posts at all (a fresh install), the current one so far')
    .option('--current', 'the current day, week or month so far instead of the last complete one')
    .option('--event <eventId>', 'a one-incident brief (快报) of one event instead of the digest')
    .option('--no-deliver', 'write the files only; send no e-mail or chat message')
    .option('--out <dir>', 'reports folder (default: digest.reportsDir)')
    .option('--format <list>', `comma-separated formats (default: digest.formats; any of ${digestFormats.join(', ')})`)
    .action(runAction(async (options: DigestOptions, command: Command) => {
      const context = cliContext(command);
      const { config, logger } = context;
      const formats = parseFormats(options.format);
      const es = await connectElasticsearch(config, logger);
      try {
        if (options.event) {
          const brief = await runIncidentBrief({ client: es.client, config, logger, eventId: options.event, deliver: options.deliver, ...(formats ? { formats } : {}), ...(options.out ? { reportsDir: options.out } : {}) });
          write(`${[
            `舆情快报 ${brief.data.event.title}：${brief.data.assessment}；${brief.data.status}`,
            ...Object.entries(brief.files).map(([format, path]) => `  ${format.padEnd(8)} ${path}`),
            ...brief.deliveries.map((delivery) => `  sent     ${delivery.channel}${delivery.parts > 1 ? ` (${delivery.parts} parts)` : ''}`),
            ...brief.errors.map((error) => `  FAILED   ${error.message}`),
          ].join('\n')}\n`);
          if (brief.errors.length > 0) process.exitCode = 1;
          return;
        }
        const period = await defaultPeriod(es.client, indexNames(config.elasticsearch.indexPrefix).posts, { ...options, period: options.period ?? config.digest.period }, config.digest.timeZone);
        const report = await runDigest({ client: es.client, config, logger, period, deliver: options.deliver, ...(formats ? { formats } : {}), ...(options.out ? { reportsDir: options.out } : {}) });
        const lines = [
          `${report.data.title} ${periodName(period)}：帖子 ${report.data.volume.total} 条，高风险及以上 ${report.data.riskLevels.critical + report.data.riskLevels.high} 条${period.isPartial ? '（本期尚未结束，为截至目前的数据）' : ''}`,
          ...Object.entries(report.files).map(([format, path]) => `  ${format.padEnd(8)} ${path}`),
          ...report.deliveries.map((delivery) => `  sent     ${delivery.channel}${delivery.parts > 1 ? ` (${delivery.parts} parts)` : ''}`),
          ...report.errors.map((error) => `  FAILED   ${error.message}`),
        ];
        write(`${lines.join('\n')}\n`);
        if (report.errors.length > 0) process.exitCode = 1;
      } finally {
        await es.release();
      }
    }));
}
