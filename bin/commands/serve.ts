import type { Client } from '@elastic/elasticsearch';
import type { Command } from 'commander';
import type { Logger } from 'pino';
import type { Config } from '../../config/config-schema.ts';
import { ensureInitialAdmin, type InitialAdmin } from '../../dashboards/review-app/initial-admin.ts';
import type { SourceHealthProvider } from '../../dashboards/review-app/screens/sources/source-health-provider.ts';
import { startReviewApp, type ReviewApp } from '../../dashboards/review-app/start-review-app.ts';
import { cliContext, runAction } from '../cli-context.ts';
import { connectElasticsearch } from '../connect-elasticsearch.ts';
import { sourceHealthProvider } from '../source-health-provider.ts';

/** The lines printed when the review app starts: its URL and, once only, a newly created administrator. */
export function reviewAppBanner(url: string, admin: InitialAdmin): string {
  const lines = [`Review app (研判工作台): ${url}`];
  if (admin.created) {
    lines.push(
      'Created the first administrator — this password is shown only now; change it under 我的账号 after signing in:',
      `  user name: ${admin.username}`,
      admin.passwordSource === 'generated' ? `  password:  ${admin.password}` : '  password:  (from YUQING_REVIEW_ADMIN_PASSWORD / review.initialAdmin.password)',
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Creates the first administrator when no user exists, starts the review app and prints the banner.
 * `yuqing serve` and `yuqing start` both call this.
 */
export async function serveReviewApp(client: Client, config: Config, logger: Logger, write: (text: string) => void = (text) => process.stdout.write(text), sources: SourceHealthProvider = sourceHealthProvider(config, logger)): Promise<ReviewApp> {
  const admin = await ensureInitialAdmin({ client, config, logger });
  const app = await startReviewApp({ client, config, logger, sources });
  write(reviewAppBanner(app.url, admin));
  return app;
}

/** `yuqing serve`: only the review web app, against the configured Elasticsearch; Ctrl-C stops it. */
export function registerServeCommand(program: Command): void {
  program.command('serve').description('serve the review web app (queue, actions, 三审 approval, audit) without crawling')
    .option('-p, --port <port>', 'port to listen on (overrides review.port)', (value) => Number.parseInt(value, 10))
    .option('--host <host>', 'interface to listen on (overrides review.host)')
    .action(runAction(async (options: { port?: number; host?: string }, command: Command) => {
      const { config, logger } = cliContext(command);
      const effective: Config = { ...config, review: { ...config.review, ...(options.port !== undefined ? { port: options.port } : {}), ...(options.host ? { host: options.host } : {}) } };
      const es = await connectElasticsearch(effective, logger);
      const app = await serveReviewApp(es.client, effective, logger);
      const signal = await new Promise<string>((resolve) => {
        process.once('SIGINT', () => resolve('SIGINT'));
        process.once('SIGTERM', () => resolve('SIGTERM'));
      });
      logger.info({ signal }, 'stopping the review app');
      await app.close();
      await es.release();
    }));
}
