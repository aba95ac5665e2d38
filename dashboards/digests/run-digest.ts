import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Client } from '@elastic/elasticsearch';
import type { Logger } from 'pino';
import type { Config } from '../../config/config-schema.ts';
import type { ChannelId } from '../../config/delivery-schema.ts';
import type { DigestFormat } from '../../config/digest-schema.ts';
import { indexNames } from '../../pipeline/post-document.ts';
import { deliverReport, reportLocation } from './deliver-report.ts';
import type { DigestPeriod } from './digest-period.ts';
import { collectDigest } from './weekly-risk/collect-digest.ts';
import type { DigestData } from './weekly-risk/digest-data.ts';
import { renderDigest } from './weekly-risk/render-digest.ts';
import { digestSummaryMessage } from './weekly-risk/summary-message.ts';

/** Folder of this digest under the reports folder. */
export const digestId = 'weekly-risk';

const extensions: Record<DigestFormat, string> = { html: 'html', markdown: 'md', pdf: 'pdf' };

/** What one digest run produced and where it went. */
export interface DigestRunReport {
  period: DigestPeriod;
  data: DigestData;
  /** Absolute paths of the written files by format. */
  files: Partial<Record<DigestFormat, string>>;
  deliveries: { channel: ChannelId; parts: number }[];
  errors: { channel: ChannelId; message: string }[];
}

export interface DigestRunOptions {
  client: Client;
  config: Config;
  logger: Logger;
  period: DigestPeriod;
  /** Send by e-mail and chat as configured (false: only write the files). */
  deliver?: boolean;
  formats?: readonly DigestFormat[];
  /** Overrides `digest.reportsDir`. */
  reportsDir?: string;
  now?: Date;
}

/** Collects, renders, saves under `<reportsDir>/weekly-risk/<period>.{html,md,pdf}` and delivers one digest. */
export async function runDigest(options: DigestRunOptions): Promise<DigestRunReport> {
  const { client, config, logger, period } = options;
  const settings = config.digest;
  const data = await collectDigest(client, indexNames(config.elasticsearch.indexPrefix), settings, period, config.review, options.now);
  const rendered = await renderDigest(data, settings, options.formats ?? settings.formats);
  const dir = resolve(options.reportsDir ?? settings.reportsDir, digestId);
  mkdirSync(dir, { recursive: true });
  const files: DigestRunReport['files'] = {};
  for (const [format, content] of Object.entries(rendered) as [DigestFormat, string | Buffer][]) {
    const path = join(dir, `${period.label}.${extensions[format]}`);
    writeFileSync(path, content);
    files[format] = path;
  }
  const report: DigestRunReport = { period, data, files, deliveries: [], errors: [] };
  if (options.deliver === false) return report;

  const location = reportLocation(settings, `${digestId}/${period.label}.html`, files.html, files.html ?? files.pdf ?? dir);
  const outcome = await deliverReport({
    subject: `${data.title} ${data.period.name}`, fileStem: `${digestId}-${period.label}`,
    html: typeof rendered.html === 'string' ? rendered.html : undefined, markdown: typeof rendered.markdown === 'string' ? rendered.markdown : undefined,
    pdf: rendered.pdf as Buffer | undefined, chatMessage: digestSummaryMessage(data, location, config.review),
  }, config, logger);
  report.deliveries.push(...outcome.deliveries);
  report.errors.push(...outcome.errors);
  logger.info({ period: period.label, files: Object.values(files), deliveries: report.deliveries, errors: report.errors.length }, 'digest produced');
  return report;
}
