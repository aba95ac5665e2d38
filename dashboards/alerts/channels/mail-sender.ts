import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../../../config/delivery-schema.ts';
import { ChannelDeliveryError } from './channel-message.ts';

export interface MailAttachment { filename: string; content: Buffer | string; contentType: string }

/** One e-mail: HTML with a plain-text alternative. */
export interface Mail {
  to: string[];
  subject: string;
  html: string;
  text: string;
  attachments?: MailAttachment[];
}

/** Sends e-mail over the configured SMTP server (nodemailer, one pooled connection). */
export interface MailSender {
  send(mail: Mail): Promise<{ messageId: string; accepted: string[] }>;
  close(): void;
}

// SMTP reply codes from which a later attempt may succeed (4xx are transient by definition).
const isTransientSmtpError = (error: { responseCode?: number; code?: string }) =>
  (error.responseCode !== undefined && error.responseCode >= 400 && error.responseCode < 500) || ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS'].includes(error.code ?? '');

/** A sender for `smtp` (host set). Authentication only when a user is configured. */
export function createMailSender(smtp: SmtpConfig & { host: string }): MailSender {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: smtp.requireTls,
    ...(smtp.username ? { auth: { user: smtp.username, pass: smtp.password ?? '' } } : {}),
    connectionTimeout: smtp.timeoutSeconds * 1000,
    greetingTimeout: smtp.timeoutSeconds * 1000,
    socketTimeout: smtp.timeoutSeconds * 2000,
  });
  return {
    async send(mail) {
      try {
        const info = await transport.sendMail({ from: smtp.from, to: mail.to, subject: mail.subject, html: mail.html, text: mail.text, attachments: mail.attachments });
        return { messageId: info.messageId, accepted: info.accepted.map(String) };
      } catch (error) {
        const smtpError = error as Error & { responseCode?: number; code?: string };
        throw new ChannelDeliveryError('email', smtpError.message, isTransientSmtpError(smtpError));
      }
    },
    close: () => transport.close(),
  };
}
