import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Client } from '@elastic/elasticsearch';
import type { Logger } from 'pino';
import type { Config } from '../../../config/config-schema.ts';
import type { DigestFormat } from '../../../config/digest-schema.ts';
import { indexNames } from '../../../pipeline/post-document.ts';
import { riskLevelNames } from '../../display-names.ts';
import { storyAppUrl } from '../../review-links.ts';
import { deliverReport, reportLocation, type DeliveryOutcome } from '../deliver-report.ts';
import { printPdf } from '../print-pdf.ts';
import { collectStory, type StoryData } from './collect-brief.ts';
import { briefTitle, renderBriefHtml, renderBriefMarkdown } from './render-brief.ts';

/** Folder of the incident briefs under the reports folder. */
export const briefId = 'incident-brief';

/** Raised when the named event does not exist. */
export class UnknownEventError extends Error {
  override name = 'UnknownEventError';
}

/** What one 快报 run produced. */
export interface BriefRunReport extends DeliveryOutcome {
  data: StoryData;
  files: Partial<Record<DigestFormat, string>>;
}

/** Collects one story, renders the 快报 (HTML, Markdown, PDF), saves it under `<reportsDir>/incident-brief/` and delivers it like the digest. */
export async function runIncidentBrief(options: { client: Client; config: Config; logger: Logger; eventId: string; deliver?: boolean; formats?: readonly DigestFormat[]; reportsDir?: string; now?: Date }): Promise<BriefRunReport> {
  const { client, config, logger } = options;
  const settings = config.digest;
  const data = await collectStory(client, indexNames(config.elasticsearch.indexPrefix), options.eventId, { timeZone: settings.timeZone, review: config.review, now: options.now });
  if (!data) throw new UnknownEventError(`no event "${options.eventId}" (event ids are on the story page and in the digest)`);
  const formats = options.formats ?? settings.formats;
  const html = renderBriefHtml(data, config.review);
  const markdown = renderBriefMarkdown(data, config.review);
  const pdf = formats.includes('pdf') ? await printPdf(html, { chromiumPath: settings.chromiumPath, timeoutSeconds: settings.pdfTimeoutSeconds, footerText: briefTitle(data) }) : undefined;
  const stem = `${data.generatedAt.slice(0, 10)}-${data.event.eventId}`;
  const dir = resolve(options.reportsDir ?? settings.reportsDir, briefId);
  mkdirSync(dir, { recursive: true });
  const files: BriefRunReport['files'] = {};
  const write = (format: DigestFormat, extension: string, content: string | Buffer) => {
    const path = join(dir, `${stem}.${extension}`);
    writeFileSync(path, content);
    files[format] = path;
  };
  if (formats.includes('html')) write('html', 'html', html);
  if (formats.includes('markdown')) write('markdown', 'md', markdown);
  if (pdf) write('pdf', 'pdf', pdf);
  const report: BriefRunReport = { data, files, deliveries: [], errors: [] };
  if (options.deliver === false) return report;
  const location = reportLocation(settings, `${briefId}/${stem}.html`, files.html, files.pdf ?? dir);
  const outcome = await deliverReport({
    subject: briefTitle(data), fileStem: `${briefId}-${stem}`, html, markdown, pdf,
    chatMessage: {
      kind: 'digest', title: briefTitle(data),
      items: [{
        heading: data.event.title, isUrgent: data.event.maxRiskLevel === 'critical',
        facts: [{ label: '研判', value: data.assessment }, { label: '状态', value: data.status }, { label: '责任单位', value: data.unit?.name ?? '未指定' }, { label: '最高风险', value: riskLevelNames[data.event.maxRiskLevel] }],
        actions: [{ label: '查看事件全貌', url: storyAppUrl(config.review, data.event.eventId), isPrimary: true }],
      }],
      footer: `完整快报：${location}`,
    },
  }, config, logger);
  logger.info({ eventId: data.event.eventId, files: Object.values(files), deliveries: outcome.deliveries, errors: outcome.errors.length }, 'incident brief produced');
  return { ...report, ...outcome };
}
