import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { reviewRoles, type ReviewRole } from '../../../../config/review-schema.ts';
import type { PublicUser } from '../../auth/review-user.ts';
import { newPasswordSchema, usernameSchema } from '../../auth/review-user.ts';
import { actorOf, auditOrigin, pageContextOf, requestMessages } from '../../request-context.ts';
import type { ReviewServices } from '../../review-services.ts';
import { renderUsersPage } from './users-view.ts';

/** Only administrators manage users. */
export const usersAccess: readonly ReviewRole[] = ['admin'];
const params = z.object({ username: usernameSchema });

/** The users screen: GET /users and the user management API (every change audited, sessions ended on disable, role change or reset). */
export function registerUsersRoutes(app: FastifyInstance, services: ReviewServices): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const audit = async (request: FastifyRequest, action: string, username: string, before: PublicUser | undefined, after: PublicUser) => {
    const actor = actorOf(request);
    const view = (user: PublicUser | undefined) => user && { role: user.role, disabled: user.disabled, displayName: user.displayName, passwordChangedAt: user.passwordChangedAt };
    await services.audit.write({ actor: actor.username, actorRole: actor.role, action, targetType: 'user', targetId: username, outcome: 'ok', ...auditOrigin(request), before: view(before), after: view(after) });
  };

  routes.get('/api/users', { config: { access: usersAccess }, schema: { summary: 'All users (never password hashes)', tags: ['users'] } }, async () => ({ users: await services.users.list() }));

  routes.post('/api/users', {
    config: { access: usersAccess, refusals: { 409: 'The user name is taken.' } },
    schema: {
      summary: 'Create a user', tags: ['users'],
      body: z.object({ username: usernameSchema, displayName: z.string().trim().max(64).optional(), role: z.enum(reviewRoles), password: newPasswordSchema(services.config.review.passwordMinLength) }),
    },
  }, async (request) => {
    const created = await services.users.create({ ...request.body, createdBy: actorOf(request).username });
    await audit(request, 'user.create', created.username, undefined, created);
    return { ok: true, user: created, message: requestMessages(request, services).actions.done };
  });

  const change = (path: string, action: string, body: z.ZodObject, apply: (username: string, body: Record<string, unknown>) => Promise<{ before: PublicUser; after: PublicUser }>, endSessions: boolean) => {
    routes.post(`/api/users/:username/${path}`, {
      config: { access: usersAccess, refusals: { 404: 'No such user.' } },
      schema: { summary: `${action} (audited${endSessions ? '; ends the user\'s sessions' : ''})`, tags: ['users'], params, body },
    }, async (request) => {
      const { username } = request.params;
      const { before, after } = await apply(username, request.body as Record<string, unknown>);
      if (endSessions) await services.sessions.endAllOf(username);
      await audit(request, action, username, before, after);
      return { ok: true, user: after, message: requestMessages(request, services).actions.done };
    });
  };
  change('disable', 'user.disable', z.object({}), (username) => services.users.setDisabled(username, true), true);
  change('enable', 'user.enable', z.object({}), (username) => services.users.setDisabled(username, false), false);
  change('role', 'user.role', z.object({ role: z.enum(reviewRoles) }), (username, body) => services.users.setRole(username, body.role as ReviewRole), true);
  change('password', 'user.reset-password', z.object({ password: newPasswordSchema(services.config.review.passwordMinLength) }), async (username, body) => {
    const changed = await services.users.setPassword(username, String(body.password));
    await services.signIn.clearAccount(username); // the user is told the new password: let them in at once
    return changed;
  }, true);

  routes.get('/users', { config: { access: usersAccess }, schema: { hide: true } }, async (request, reply) => {
    const users = await services.users.list();
    return reply.type('text/html; charset=utf-8').send(renderUsersPage(pageContextOf(request, services), users).value);
  });
}
