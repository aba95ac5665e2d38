import type { Logger } from 'pino';
import type { Config } from '../../config/config-schema.ts';
import type { ChannelId } from '../../config/delivery-schema.ts';
import { ChannelDeliveryError, type ChannelMessage } from '../alerts/channels/channel-message.ts';
import { configuredChannels } from '../alerts/channels/configured-channels.ts';
import { createMailSender } from '../alerts/channels/mail-sender.ts';

/** A rendered report ready to deliver: its subject, HTML and Markdown, the PDF, and the chat summary. */
export interface DeliverableReport {
  subject: string;
  fileStem: string;
  html?: string | undefined;
  markdown?: string | undefined;
  pdf?: Buffer | undefined;
  chatMessage: ChannelMessage;
}

/** Where a delivery went and what failed. */
export interface DeliveryOutcome {
  deliveries: { channel: ChannelId; parts: number }[];
  errors: { channel: ChannelId; message: string }[];
}

/** Sends a report by e-mail (`digest.emailTo`, HTML body, PDF and Markdown attached) and to `digest.chatChannels`; failures are reported, not thrown. */
export async function deliverReport(report: DeliverableReport, config: Config, logger: Logger): Promise<DeliveryOutcome> {
  const settings = config.digest;
  const outcome: DeliveryOutcome = { deliveries: [], errors: [] };
  const fail = (channel: ChannelId, error: unknown) => {
    const message = error instanceof ChannelDeliveryError ? error.message : `${channel}: ${(error as Error).message}`;
    outcome.errors.push({ channel, message });
    logger.warn({ channel, err: message }, 'report delivery failed');
  };
  const smtp = config.delivery.smtp;
  if (settings.emailTo.length > 0) {
    if (!smtp.host) {
      fail('email', new Error('digest.emailTo is set but delivery.smtp.host is not'));
    } else {
      const sender = createMailSender({ ...smtp, host: smtp.host });
      try {
        await sender.send({
          to: settings.emailTo, subject: report.subject, html: report.html ?? `<p>${report.subject}</p>`, text: report.markdown ?? report.subject,
          attachments: [
            ...(report.pdf ? [{ filename: `${report.fileStem}.pdf`, content: report.pdf, contentType: 'application/pdf' }] : []),
            ...(report.markdown ? [{ filename: `${report.fileStem}.md`, content: report.markdown, contentType: 'text/markdown; charset=utf-8' }] : []),
          ],
        });
        outcome.deliveries.push({ channel: 'email', parts: 1 });
      } catch (error) {
        fail('email', error);
      } finally {
        sender.close();
      }
    }
  }
  if (settings.chatChannels.length > 0) {
    const channels = configuredChannels(config.delivery, { to: [] });
    for (const id of settings.chatChannels) {
      const channel = channels.get(id);
      if (!channel) {
        fail(id, new Error(`digest.chatChannels names ${id}, which is not configured under delivery`));
        continue;
      }
      try {
        outcome.deliveries.push(await channel.send(report.chatMessage));
      } catch (error) {
        fail(id, error);
      }
    }
  }
  return outcome;
}

/** Where the HTML file of a report can be opened: `digest.reportBaseUrl` + its path, else the file path. */
export function reportLocation(settings: Config['digest'], relativePath: string, file: string | undefined, fallback: string): string {
  return settings.reportBaseUrl && file
    ? new URL(relativePath, settings.reportBaseUrl.endsWith('/') ? settings.reportBaseUrl : `${settings.reportBaseUrl}/`).href
    : file ?? fallback;
}
