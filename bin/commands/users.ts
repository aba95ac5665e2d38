import { userInfo } from 'node:os';
import type { Command } from 'commander';
import type { Logger } from 'pino';
import type { Config } from '../../config/config-schema.ts';
import { reviewRoles, type ReviewRole } from '../../config/review-schema.ts';
import { AuditLog } from '../../dashboards/review-app/audit/audit-log.ts';
import { generatePassword } from '../../dashboards/review-app/auth/password-hash.ts';
import { usernameSchema } from '../../dashboards/review-app/auth/review-user.ts';
import { SessionStore } from '../../dashboards/review-app/auth/session-store.ts';
import { UserStore } from '../../dashboards/review-app/auth/user-store.ts';
import { ensureReviewIndices } from '../../dashboards/review-app/review-indices.ts';
import { cliContext, runAction } from '../cli-context.ts';
import { connectElasticsearch } from '../connect-elasticsearch.ts';

interface PasswordOptions { passwordStdin?: boolean }

async function readPassword(options: PasswordOptions): Promise<{ password: string; generated: boolean }> {
  if (!options.passwordStdin) return { password: generatePassword(20), generated: true };
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return { password: text.replace(/\r?\n$/, ''), generated: false };
}

function parseUsername(value: string): string {
  const parsed = usernameSchema.safeParse(value);
  if (!parsed.success) throw new Error(`invalid user name "${value}": ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** Runs one user-management step with the stores, the audit log (actor `cli:<os user>`) and a clean shutdown. */
async function withUserStores(config: Config, logger: Logger, body: (tools: { users: UserStore; sessions: SessionStore; audit: (action: string, username: string, after: unknown) => Promise<void> }) => Promise<void>): Promise<void> {
  const es = await connectElasticsearch(config, logger);
  try {
    const names = await ensureReviewIndices(es.client, config);
    const { review } = config;
    const users = new UserStore(es.client, names.users, { passwordMinLength: review.passwordMinLength, passwordHashCost: review.passwordHashCost });
    const sessions = new SessionStore(es.client, names.sessions, { idleMillis: review.sessionIdleMinutes * 60_000, maxMillis: review.sessionMaxHours * 3_600_000 });
    const auditLog = new AuditLog(es.client, names.shared, logger);
    const actor = `cli:${userInfo().username}`;
    await body({ users, sessions, audit: (action, username, after) => auditLog.write({ actor, action, targetType: 'user', targetId: username, outcome: 'ok', after }) });
  } finally {
    await es.release();
  }
}

/** `yuqing users add|disable|enable|reset-password|list`: manage review-app users from the command line (audited). */
export function registerUsersCommand(program: Command): void {
  const users = program.command('users').description('manage users of the review app (roles: commentator, reviewer, analyst, leader, admin)');
  const write = (text: string) => process.stdout.write(text);

  users.command('add <username>').description('create a user; prints a random password once unless --password-stdin')
    .requiredOption('-r, --role <role>', `one of ${reviewRoles.join(', ')}`)
    .option('-n, --name <displayName>', 'display name, e.g. 张晓')
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .action(runAction(async (username: string, options: PasswordOptions & { role: string; name?: string }, command: Command) => {
      if (!(reviewRoles as readonly string[]).includes(options.role)) throw new Error(`unknown role "${options.role}"; expected one of ${reviewRoles.join(', ')}`);
      const { config, logger } = cliContext(command);
      const name = parseUsername(username);
      const { password, generated } = await readPassword(options);
      await withUserStores(config, logger, async ({ users: store, audit }) => {
        const user = await store.create({ username: name, displayName: options.name, role: options.role as ReviewRole, password, createdBy: `cli:${userInfo().username}` });
        await audit('user.create', name, { role: user.role, disabled: false });
        write(`created ${name} (${user.role})\n${generated ? `password: ${password}\n` : ''}`);
      });
    }));

  for (const [verb, disabled] of [['disable', true], ['enable', false]] as const) {
    users.command(`${verb} <username>`).description(disabled ? 'disable a user and end their sessions' : 'enable a disabled user')
      .action(runAction(async (username: string, _options: unknown, command: Command) => {
        const { config, logger } = cliContext(command);
        const name = parseUsername(username);
        await withUserStores(config, logger, async ({ users: store, sessions, audit }) => {
          const { after } = await store.setDisabled(name, disabled);
          const ended = disabled ? await sessions.endAllOf(name) : 0;
          await audit(`user.${verb}`, name, { role: after.role, disabled });
          write(`${verb}d ${name}${disabled ? ` (${ended} session${ended === 1 ? '' : 's'} ended)` : ''}\n`);
        });
      }));
  }

  users.command('reset-password <username>').description('set a new password (random and printed once, or from --password-stdin) and end the user\'s sessions')
    .option('--password-stdin', 'read the new password from standard input')
    .action(runAction(async (username: string, options: PasswordOptions, command: Command) => {
      const { config, logger } = cliContext(command);
      const name = parseUsername(username);
      const { password, generated } = await readPassword(options);
      await withUserStores(config, logger, async ({ users: store, sessions, audit }) => {
        await store.setPassword(name, password);
        await sessions.endAllOf(name);
        await audit('user.reset-password', name, { passwordChangedAt: new Date().toISOString() });
        write(`password of ${name} reset\n${generated ? `password: ${password}\n` : ''}`);
      });
    }));

  users.command('list').description('list users, their roles and status')
    .action(runAction(async (_options: unknown, command: Command) => {
      const { config, logger } = cliContext(command);
      await withUserStores(config, logger, async ({ users: store }) => {
        for (const user of await store.list()) write(`${user.username}\t${user.role}\t${user.disabled ? 'disabled' : 'active'}\t${user.displayName}\n`);
      });
    }));
}
