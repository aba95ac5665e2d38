import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Client } from '@elastic/elasticsearch';
import type { Logger } from 'pino';
import type { Config } from '../../config/config-schema.ts';
import type { ChannelId } from '../../config/delivery-schema.ts';
import type { DigestFormat } from '../../config/digest-schema.ts';
import { indexNames } from '../../pipeline/post-document.ts';
import { ChannelDeliveryError } from '../alerts/channels/channel-message.ts';
import { configuredChannels } from '../alerts/channels/configured-channels.ts';
import { createMailSender } from '../alerts/channels/mail-sender.ts';
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
  const data = await collectDigest(client, indexNames(config.elasticsearch.indexPrefix), settings, period, options.now);
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

  const fail = (channel: ChannelId, error: unknown) => {
    const message = error instanceof ChannelDeliveryError ? error.message : `${channel}: ${(error as Error).message}`;
    report.errors.push({ channel, message });
    logger.warn({ channel, err: message }, 'digest delivery failed');
  };
  const smtp = config.delivery.smtp;
  if (settings.emailTo.length > 0) {
    if (!smtp.host) {
      fail('email', new Error('digest.emailTo is set but delivery.smtp.host is not'));
    } else {
      const sender = createMailSender({ ...smtp, host: smtp.host });
      try {
        const html = typeof rendered.html === 'string' ? rendered.html : undefined;
        const markdown = typeof rendered.markdown === 'string' ? rendered.markdown : undefined;
        await sender.send({
          to: settings.emailTo, subject: `${data.title} ${period.label}`,
          html: html ?? `<p>${data.title} ${period.label}</p>`, text: markdown ?? `${data.title} ${period.label}`,
          attachments: [
            ...(rendered.pdf ? [{ filename: `${digestId}-${period.label}.pdf`, content: rendered.pdf as Buffer, contentType: 'application/pdf' }] : []),
            ...(markdown ? [{ filename: `${digestId}-${period.label}.md`, content: markdown, contentType: 'text/markdown; charset=utf-8' }] : []),
          ],
        });
        report.deliveries.push({ channel: 'email', parts: 1 });
      } catch (error) {
        fail('email', error);
      } finally {
        sender.close();
      }
    }
  }
  if (settings.chatChannels.length > 0) {
    const channels = configuredChannels(config.delivery, { to: [] });
    const location = settings.reportBaseUrl && files.html
      ? new URL(`${digestId}/${period.label}.html`, settings.reportBaseUrl.endsWith('/') ? settings.reportBaseUrl : `${settings.reportBaseUrl}/`).href
      : files.html ?? files.pdf ?? dir;
    const message = digestSummaryMessage(data, location);
    for (const id of settings.chatChannels) {
      const channel = channels.get(id);
      if (!channel) {
        fail(id, new Error(`digest.chatChannels names ${id}, which is not configured under delivery`));
        continue;
      }
      try {
        report.deliveries.push(await channel.send(message));
      } catch (error) {
        fail(id, error);
      }
    }
  }
  logger.info({ period: period.label, files: Object.values(files), deliveries: report.deliveries, errors: report.errors.length }, 'digest produced');
  return report;
}
