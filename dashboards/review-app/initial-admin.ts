import type { Client } from '@elastic/elasticsearch';
import type { Logger } from 'pino';
import type { Config } from '../../config/config-schema.ts';
import { generatePassword } from './auth/password-hash.ts';
import { UserStore, UserStoreError } from './auth/user-store.ts';
import { AuditLog } from './audit/audit-log.ts';
import { ensureReviewIndices } from './review-indices.ts';

/** The outcome of `ensureInitialAdmin`: the credentials to print once, or nothing when users already exist. */
export type InitialAdmin =
  | { created: true; username: string; password: string; passwordSource: 'generated' | 'config' }
  | { created: false };

/**
 * When no review-app user exists, creates an administrator with the configured password
 * (`review.initialAdmin.password`, env YUQING_REVIEW_ADMIN_PASSWORD) or a random one, and returns the
 * credentials so the caller prints them once with the app URL. There is never a default password.
 * Safe when two processes start at once: only one creation succeeds.
 */
export async function ensureInitialAdmin({ client, config, logger }: { client: Client; config: Config; logger: Logger }): Promise<InitialAdmin> {
  const names = await ensureReviewIndices(client, config);
  const { review } = config;
  const users = new UserStore(client, names.users, { passwordMinLength: review.passwordMinLength, passwordHashCost: review.passwordHashCost });
  if ((await users.count()) > 0) return { created: false };
  const password = review.initialAdmin.password ?? generatePassword(20);
  const username = review.initialAdmin.username;
  try {
    await users.create({ username, displayName: '系统管理员', role: 'admin', password, createdBy: 'yuqing' });
  } catch (error) {
    if (error instanceof UserStoreError && error.code === 'exists') return { created: false };
    throw error;
  }
  await new AuditLog(client, names.shared, logger).write({
    actor: 'yuqing', action: 'user.create', targetType: 'user', targetId: username, outcome: 'ok', after: { role: 'admin', disabled: false },
    comment: review.initialAdmin.password ? 'initial administrator (password from configuration)' : 'initial administrator (random password)',
  });
  logger.info({ username }, 'created the initial review-app administrator');
  return { created: true, username, password, passwordSource: review.initialAdmin.password ? 'config' : 'generated' };
}
