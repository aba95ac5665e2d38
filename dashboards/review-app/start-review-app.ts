import type { Client } from '@elastic/elasticsearch';
import type { Logger } from 'pino';
import type { Config } from '../../config/config-schema.ts';
import type { RouteAccessEntry } from './auth/route-access.ts';
import { buildReviewServer } from './build-review-server.ts';
import { ensureReviewIndices } from './review-indices.ts';
import { createReviewServices } from './review-services.ts';
import { chainStaffingProblems } from './request-context.ts';
import { messagesFor } from './i18n/ui-language.ts';
import type { SourceHealthProvider } from './screens/sources/source-health-provider.ts';

/** A running review app. */
export interface ReviewApp {
  /** Where users reach it (`review.publicUrl` when set, else the address it listens on). */
  url: string;
  /** Where it listens (differs from `url` behind a reverse proxy). */
  listenUrl: string;
  /** Every route and the roles that may call it. */
  routes: RouteAccessEntry[];
  /** Stops accepting requests, finishes those in flight, stops housekeeping. */
  close(): Promise<void>;
}

const sessionPurgeMillis = 15 * 60_000;

/**
 * Starts the review web app on `review.host:review.port` against the given Elasticsearch client: creates its
 * indices (users, sessions, audit template) if needed, then serves. bin/ passes in the client and logger, and
 * the source-health provider of the crawling side (the dashboards never import crawlers/).
 */
export async function startReviewApp({ client, config, logger, sources }: { client: Client; config: Config; logger: Logger; sources?: SourceHealthProvider | undefined }): Promise<ReviewApp> {
  const names = await ensureReviewIndices(client, config);
  const services = createReviewServices(client, config, names, logger, sources);
  await services.directory.start();
  const { app, routes } = await buildReviewServer(services);
  await app.listen({ host: config.review.host, port: config.review.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.review.port;
  const host = config.review.host === '0.0.0.0' || config.review.host === '::' ? '127.0.0.1' : config.review.host;
  const listenUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const url = config.review.publicUrl ?? listenUrl;
  services.appUrl = url;
  // Said at start as well as on every page: a chain nobody can finish is found before the first response waits on it.
  for (const problem of chainStaffingProblems(services, messagesFor('zh-CN'), false)) logger.warn({ problem }, 'the approval chain cannot be completed by the current users');
  const purge = () => Promise.all([services.sessions.purgeExpired(), services.signIn.purgeIdle()])
    .catch((error: unknown) => logger.warn({ err: error }, 'could not purge expired sessions and idle sign-in state'));
  void purge();
  const timer = setInterval(purge, sessionPurgeMillis);
  timer.unref();
  logger.info({ url }, 'review app is serving');
  return {
    url,
    listenUrl,
    routes,
    close: async () => {
      clearInterval(timer);
      services.directory.stop();
      await app.close();
    },
  };
}
