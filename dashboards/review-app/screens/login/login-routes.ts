import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isSecureCookie } from '../../auth/cookie-security.ts';
import { anyRole, sessionCookieName } from '../../auth/route-access.ts';
import { isUiLanguage } from '../../i18n/ui-language.ts';
import { auditOrigin, languageCookieName, requestLanguage, requestMessages, viewerOf } from '../../request-context.ts';
import type { ReviewServices } from '../../review-services.ts';
import { renderLoginPage } from './login-view.ts';

/** Where to go after signing in: only a local path (never `//host` or `https://…`), else the queue. */
export function localRedirectTarget(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) && !next.startsWith('/login') ? next : '/queue';
}

/** Cookie that marks a browser an account signed in on (its SHA-256 is kept with the account's sign-in state). */
export const deviceCookieName = 'yuqing_device';

/**
 * Sign-in screen: GET /login, POST /api/session (limited per account and client address, see auth/sign-in-guard.ts),
 * DELETE /api/session. The session cookie is HttpOnly and SameSite=Lax (Lax so a link to a post from an alert
 * e-mail still arrives signed in; state changes are protected by the CSRF token and the origin check, not by SameSite).
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
      reply.setCookie(languageCookieName, request.query.lang, { path: '/', httpOnly: true, sameSite: 'lax', secure: isSecureCookie(request, review), maxAge: 365 * 86_400 });
      request.cookies[languageCookieName] = request.query.lang;
    }
    const language = requestLanguage(request, services);
    const notice = request.query.expired ? 'expired' : request.query.signedOut ? 'signedOut' : undefined;
    return reply.type('text/html; charset=utf-8').send(renderLoginPage(requestMessages(request, services), language, { next: localRedirectTarget(request.query.next), notice }).value);
  });

  routes.post('/api/session', {
    config: {
      access: 'public',
      refusals: { 401: 'Wrong user name or password, or the account is disabled.', 429: 'Too many failed sign-ins for this account or from this address; see Retry-After (seconds).' },
    },
    schema: {
      summary: 'Sign in', tags: ['session'],
      description: 'Per account, failures from browsers that never signed in to it make further attempts from such browsers wait (30 s, doubling up to an hour by default); a browser that signed in before (the `yuqing_device` cookie) always gets through with the right password. Per client address, failed sign-ins under any user names are limited too. Refusals are 429 with Retry-After.',
      body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1000), next: z.string().max(2000).optional() }),
    },
  }, async (request, reply) => {
    const username = request.body.username.trim().toLowerCase();
    const origin = auditOrigin(request);
    const t = requestMessages(request, services);
    const outcome = await services.signIn.attempt(username, { address: request.ip, deviceToken: request.cookies[deviceCookieName] },
      () => services.users.authenticate(username, request.body.password));
    if (outcome.kind === 'throttled') {
      const seconds = Math.max(1, Math.ceil(outcome.retryAfterMillis / 1000));
      return reply.code(429).header('retry-after', String(seconds)).send({ error: 'rate_limited', message: t.login.rateLimitedFor(seconds), retryAfterSeconds: seconds });
    }
    if (outcome.kind === 'failed') {
      await services.audit.write({ actor: username.slice(0, 64), action: 'session.login', targetType: 'session', outcome: 'denied', ...origin });
      if (outcome.lockStartedMillis) {
        // One entry when an account starts waiting, not one per refused attempt: a flood cannot flood the audit log.
        await services.audit.write({ actor: username.slice(0, 64), action: 'session.throttle', targetType: 'session', outcome: 'denied', ...origin,
          details: { waitSeconds: Math.round(outcome.lockStartedMillis / 1000) } });
      }
      return reply.code(401).send({ error: 'invalid_credentials', message: t.login.failed });
    }
    const { user } = outcome;
    const { token, session } = await services.sessions.create(user.username, { address: request.ip, userAgent: request.headers['user-agent'] });
    await services.users.touchLogin(user.username);
    await services.audit.write({ actor: user.username, actorRole: user.role, action: 'session.login', targetType: 'session', targetId: session.id.slice(0, 12), outcome: 'ok', ...origin });
    const secure = isSecureCookie(request, review);
    reply.setCookie(sessionCookieName, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: Math.round(review.sessionMaxHours * 3600) });
    // Sent only to the sign-in route: it says nothing to any other page, and a stolen copy signs nobody in.
    reply.setCookie(deviceCookieName, outcome.deviceToken, { path: '/api/session', httpOnly: true, sameSite: 'strict', secure, maxAge: Math.round(review.loginRateLimit.knownDeviceDays * 86_400) });
    return { ok: true, redirect: localRedirectTarget(request.body.next), user: { username: user.username, role: user.role }, csrfToken: session.csrfToken };
  });

  routes.get('/api/session', {
    config: { access: anyRole },
    schema: { summary: 'The signed-in user and the CSRF token to send as x-csrf-token on state changes', tags: ['session'] },
  }, async (request) => {
    const { user, session } = viewerOf(request);
    return { user, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
  });

  routes.delete('/api/session', { config: { access: anyRole }, schema: { summary: 'Sign out', tags: ['session'], operationId: 'signOut' } }, async (request, reply) => {
    const { user, session } = viewerOf(request);
    await services.sessions.end(session.id);
    await services.audit.write({ actor: user.username, actorRole: user.role, action: 'session.logout', targetType: 'session', targetId: session.id.slice(0, 12), outcome: 'ok', ...auditOrigin(request) });
    reply.clearCookie(sessionCookieName, { path: '/' });
    return { ok: true, redirect: '/login?signedOut=1' };
  });
}
