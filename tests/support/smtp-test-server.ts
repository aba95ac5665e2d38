import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message the server accepted, parsed by mailparser. */
export interface ReceivedMail { envelopeTo: string[]; user: string | undefined; parsed: ParsedMail; raw: Buffer; receivedAtMillis: number }

/** A real SMTP server on 127.0.0.1 (plain, no STARTTLS) that keeps every message. */
export interface SmtpTestServer {
  port: number;
  mails: ReceivedMail[];
  waitForMails(count: number, timeoutMillis?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/** Starts the server; with `credentials`, AUTH is required and checked. */
export async function startSmtpTestServer(credentials?: { username: string; password: string }): Promise<SmtpTestServer> {
  const mails: ReceivedMail[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = new SMTPServer({
    disabledCommands: credentials ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !credentials,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (credentials && auth.username === credentials.username && auth.password === credentials.password) return callback(null, { user: auth.username });
      return callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks);
        mails.push({
          envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address), user: session.user as string | undefined,
          parsed: await simpleParser(raw), raw, receivedAtMillis: Date.now(),
        });
        for (const waiter of waiters.filter((w) => mails.length >= w.count)) waiter.resolve();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    mails,
    waitForMails: (count, timeoutMillis = 30_000) => new Promise((resolve, reject) => {
      if (mails.length >= count) return resolve(mails);
      const timer = setTimeout(() => reject(new Error(`only ${mails.length} of ${count} mails arrived`)), timeoutMillis);
      waiters.push({ count, resolve: () => { clearTimeout(timer); resolve(mails); } });
    }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
