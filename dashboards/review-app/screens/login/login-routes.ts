import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { anyRole, sessionCookieName } from '../../auth/route-access.ts';
import { isUiLanguage } from '../../i18n/ui-language.ts';
import { auditOrigin, languageCookieName, requestLanguage, requestMessages, viewerOf } from '../../request-context.ts';
import type { ReviewServices } from '../../review-services.ts';
import { renderLoginPage } from './login-view.ts';

/** Where to go after signing in: only a local path (never `//host` or `https://…`), else the queue. */
export function localRedirectTarget(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) && !next.startsWith('/login') ? next : '/queue';
}

function cookieIsSecure(request: FastifyRequest, services: ReviewServices): boolean {
  const mode = services.config.review.secureCookies;
  return mode === 'always' || (mode === 'auto' && request.protocol === 'https');
}

/**
 * Sign-in screen: GET /login, POST /api/session (rate limited per client address), DELETE /api/session.
 * The session cookie is HttpOnly and SameSite=Lax (Lax so a link to a post from an alert e-mail still
 * arrives signed in; state changes are protected by the CSRF token and the origin check, not by SameSite).
 */
export function registerLoginRoutes(app: FastifyInstance, services: ReviewServices): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { review } = services.config;

  routes.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => reply.redirect('/queue', 303));

  routes.get('/login', {
    config: { access: 'public' },
    schema: {
      hide: true,
      querystring: z.object({ next: z.string().max(2000).optional(), lang: z.string().optional(), expired: z.string().optional(), signedOut: z.string().optional() }),
    },
  }, async (request, reply) => {
    if (isUiLanguage(request.query.lang)) {
      reply.setCookie(languageCookieName, request.query.lang, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 365 * 86_400 });
      request.cookies[languageCookieName] = request.query.lang;
    }
    const language = requestLanguage(request, services);
    const notice = request.query.expired ? 'expired' : request.query.signedOut ? 'signedOut' : undefined;
    return reply.type('text/html; charset=utf-8').send(renderLoginPage(requestMessages(request, services), language, { next: localRedirectTarget(request.query.next), notice }).value);
  });

  routes.post('/api/session', {
    config: {
      access: 'public',
      // Per client address and user name (after the body is parsed): guessing one account's password is slowed
      // down, while a whole office behind one NAT address can still sign in at nine o'clock.
      rateLimit: {
        max: review.loginRateLimit.maxAttempts, timeWindow: Math.round(review.loginRateLimit.windowMinutes * 60_000), hook: 'preHandler',
        keyGenerator: (request: FastifyRequest) => `${request.ip}|${String((request.body as { username?: unknown } | undefined)?.username ?? '').trim().toLowerCase().slice(0, 64)}`,
      },
    },
    schema: {
      summary: 'Sign in', tags: ['session'],
      body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1000), next: z.string().max(2000).optional() }),
    },
  }, async (request, reply) => {
    const username = request.body.username.trim().toLowerCase();
    const user = await services.users.authenticate(username, request.body.password);
    const origin = auditOrigin(request);
    if (!user) {
      await services.audit.write({ actor: username.slice(0, 64), action: 'session.login', targetType: 'session', outcome: 'denied', ...origin });
      return reply.code(401).send({ error: 'invalid_credentials', message: requestMessages(request, services).login.failed });
    }
    const { token, session } = await services.sessions.create(user.username, { address: request.ip, userAgent: request.headers['user-agent'] });
    await services.users.touchLogin(user.username);
    await services.audit.write({ actor: user.username, actorRole: user.role, action: 'session.login', targetType: 'session', targetId: session.id.slice(0, 12), outcome: 'ok', ...origin });
    reply.setCookie(sessionCookieName, token, {
      path: '/', httpOnly: true, sameSite: 'lax', secure: cookieIsSecure(request, services), maxAge: Math.round(review.sessionMaxHours * 3600),
    });
    return { ok: true, redirect: localRedirectTarget(request.body.next), user: { username: user.username, role: user.role }, csrfToken: session.csrfToken };
  });

  routes.get('/api/session', {
    config: { access: anyRole },
    schema: { summary: 'The signed-in user and the CSRF token to send as x-csrf-token on state changes', tags: ['session'] },
  }, async (request) => {
    const { user, session } = viewerOf(request);
    return { user, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
  });

  routes.delete('/api/session', { config: { access: anyRole }, schema: { summary: 'Sign out', tags: ['session'] } }, async (request, reply) => {
    const { user, session } = viewerOf(request);
    await services.sessions.end(session.id);
    await services.audit.write({ actor: user.username, actorRole: user.role, action: 'session.logout', targetType: 'session', targetId: session.id.slice(0, 12), outcome: 'ok', ...auditOrigin(request) });
    reply.clearCookie(sessionCookieName, { path: '/' });
    return { ok: true, redirect: '/login?signedOut=1' };
  });
}
