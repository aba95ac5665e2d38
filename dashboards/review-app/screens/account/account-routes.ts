import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isSecureCookie } from '../../auth/cookie-security.ts';
import { anyRole, sessionCookieName } from '../../auth/route-access.ts';
import { newPasswordSchema } from '../../auth/review-user.ts';
import { uiLanguages } from '../../i18n/ui-language.ts';
import { auditOrigin, languageCookieName, pageContextOf, requestMessages, viewerOf } from '../../request-context.ts';
import type { ReviewServices } from '../../review-services.ts';
import { renderAccountPage } from './account-view.ts';

/** The account screen: GET /account, change own password, choose the UI language. */
export function registerAccountRoutes(app: FastifyInstance, services: ReviewServices): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get('/account', { config: { access: anyRole }, schema: { hide: true } }, async (request, reply) =>
    reply.type('text/html; charset=utf-8').send(renderAccountPage(pageContextOf(request, services)).value));

  routes.post('/api/account/password', {
    config: { access: anyRole, refusals: { 422: 'The current password is wrong.' } },
    schema: { summary: 'Change your own password (ends all your sessions)', tags: ['account'], body: z.object({ currentPassword: z.string().min(1).max(1000), newPassword: newPasswordSchema(services.config.review.passwordMinLength) }) },
  }, async (request, reply) => {
    const { user } = viewerOf(request);
    const t = requestMessages(request, services);
    if (!(await services.users.authenticate(user.username, request.body.currentPassword))) {
      return reply.code(422).send({ error: 'wrong_password', message: t.account.wrongPassword });
    }
    await services.users.setPassword(user.username, request.body.newPassword);
    await services.sessions.endAllOf(user.username);
    await services.audit.write({ actor: user.username, actorRole: user.role, action: 'user.password', targetType: 'user', targetId: user.username, outcome: 'ok', ...auditOrigin(request) });
    reply.clearCookie(sessionCookieName, { path: '/' });
    return { ok: true, message: t.account.changed, redirect: '/login' };
  });

  routes.post('/api/account/language', {
    config: { access: anyRole },
    schema: { summary: 'Choose the UI language', tags: ['account'], body: z.object({ language: z.enum(uiLanguages) }) },
  }, async (request, reply) => {
    const { user } = viewerOf(request);
    await services.users.setLanguage(user.username, request.body.language);
    reply.setCookie(languageCookieName, request.body.language, { path: '/', httpOnly: true, sameSite: 'lax', secure: isSecureCookie(request, services.config.review), maxAge: 365 * 86_400 });
    return { ok: true };
  });
}
