import type { Client } from '@elastic/elasticsearch';
import type { Logger } from 'pino';
import type { Config } from '../../config/config-schema.ts';
import { AuditLog } from './audit/audit-log.ts';
import { AccountThrottle } from './auth/account-throttle.ts';
import { SessionStore } from './auth/session-store.ts';
import { SignInGuard } from './auth/sign-in-guard.ts';
import { UserStore } from './auth/user-store.ts';
import { PostStore } from './posts/post-store.ts';
import type { ReviewIndexNames } from './review-indices.ts';
import { NotificationStore } from './notifications/notification-store.ts';
import { DraftStore } from './posts/draft-store.ts';
import { QueueFacetsCache } from './screens/queue/queue-facets.ts';
import { RuleCatalogue } from './screens/rules/rule-catalogue.ts';
import { TemplateStore } from './screens/templates/template-store.ts';
import { UserDirectory } from './user-directory.ts';
import type { SourceHealthProvider } from './screens/sources/source-health-provider.ts';

/** What the screens work with; built once per app from the client, config and logger that bin/ passes in. */
export interface ReviewServices {
  client: Client;
  config: Config;
  names: ReviewIndexNames;
  logger: Logger;
  users: UserStore;
  sessions: SessionStore;
  /** Sign-in limits per account and client address. */
  signIn: SignInGuard;
  audit: AuditLog;
  posts: PostStore;
  rules: RuleCatalogue;
  facets: QueueFacetsCache;
  /** Users by name (display names, who may act), kept in memory. */
  directory: UserDirectory;
  notifications: NotificationStore;
  drafts: DraftStore;
  templates: TemplateStore;
  /** Where users reach the app (set once it listens; links in notifications). */
  appUrl: string;
  /** Paths of the registered page routes (filled when the server is built), for the navigation. */
  screens: Set<string>;
  /** Source health from the crawling side, injected by bin/ (absent: the sources screen shows none). */
  sources?: SourceHealthProvider | undefined;
}

/** Wires the stores over one Elasticsearch client. */
export function createReviewServices(client: Client, config: Config, names: ReviewIndexNames, logger: Logger, sources?: SourceHealthProvider): ReviewServices {
  const review = config.review;
  const users = new UserStore(client, names.users, { passwordMinLength: review.passwordMinLength, passwordHashCost: review.passwordHashCost, cacheMillis: review.authCacheSeconds * 1000 });
  return {
    client, config, names, logger, appUrl: review.publicUrl ?? '', screens: new Set<string>(),
    directory: new UserDirectory(users),
    notifications: new NotificationStore(client, names.notifications),
    drafts: new DraftStore(client, names.drafts),
    templates: new TemplateStore(client, names.templates),
    users,
    sessions: new SessionStore(client, names.sessions, { idleMillis: review.sessionIdleMinutes * 60_000, maxMillis: review.sessionMaxHours * 3_600_000, cacheMillis: review.authCacheSeconds * 1000 }),
    signIn: new SignInGuard(new AccountThrottle(client, names.signIn, {
      freeFailures: review.loginRateLimit.maxAttempts, firstDelayMillis: review.loginRateLimit.firstDelaySeconds * 1000,
      maxDelayMillis: review.loginRateLimit.maxDelayMinutes * 60_000, knownDeviceMillis: review.loginRateLimit.knownDeviceDays * 86_400_000,
    }), review.loginRateLimit),
    audit: new AuditLog(client, names.shared, logger),
    posts: new PostStore(client, names.shared),
    rules: new RuleCatalogue(client, names.shared.posts),
    facets: new QueueFacetsCache(client, names.shared.posts),
    sources,
  };
}
