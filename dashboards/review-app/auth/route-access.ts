import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { reviewRoles, type ReviewRole } from '../../../config/review-schema.ts';
import type { Session, SessionStore } from './session-store.ts';
import type { UserStore } from './user-store.ts';
import { publicUser, type PublicUser } from './review-user.ts';

/** Who may call a route: nobody signed in needed (`public`), or the listed roles. */
export type RouteAccess = 'public' | readonly ReviewRole[];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every route: checked on the server before anything else runs. */
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** The signed-in user and session, set for every non-public route. */
    viewer?: { user: PublicUser; session: Session };
  }
}

/** Every role: any signed-in user. */
export const anyRole: readonly ReviewRole[] = reviewRoles;

/** A registered route and who may call it (for the route × role test and the docs). */
export interface RouteAccessEntry { method: string; url: string; access: RouteAccess }

/** Name of the session cookie. */
export const sessionCookieName = 'yuqing_session';

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function tokensEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** True for requests made by the app's own pages or API clients, never by a page on another origin. */
function isSameOrigin(request: FastifyRequest, allowedOrigin: string | undefined): boolean {
  const origin = request.headers.origin;
  const site = request.headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') return false;
  if (!origin) return true; // non-browser clients; browsers always send Origin on cross-origin POSTs
  const expected = allowedOrigin ?? `${request.protocol}://${request.host}`;
  return origin === expected;
}

function deny(request: FastifyRequest, reply: FastifyReply, status: 401 | 403, code: string, renderForbidden?: (request: FastifyRequest) => string): FastifyReply {
  const isPage = !request.url.startsWith('/api/') && (request.method === 'GET' || request.method === 'HEAD');
  if (isPage && status === 401) {
    const next = encodeURIComponent(request.url);
    return reply.redirect(`/login?next=${next}`, 303);
  }
  if (isPage && renderForbidden) return reply.code(status).type('text/html; charset=utf-8').send(renderForbidden(request));
  return reply.code(status).type('application/json').send({ error: code });
}

export interface AccessControlOptions {
  sessions: SessionStore;
  users: UserStore;
  /** Origin accepted on state changes when behind a proxy (from `review.publicUrl`). */
  allowedOrigin?: string | undefined;
  /** HTML of the page shown when a signed-in user opens a page their role may not see. */
  renderForbidden?: (request: FastifyRequest) => string;
}

/**
 * Installs access control on the server: every route must declare `config.access` (registration fails
 * otherwise, so nothing is open by accident); each request is authenticated from the session cookie, its
 * role checked against the route, and every state change must carry the session's CSRF token in the
 * `x-csrf-token` header and come from our own origin. Returns the list of routes with their access.
 */
export function installAccessControl(app: FastifyInstance, options: AccessControlOptions): RouteAccessEntry[] {
  const routes: RouteAccessEntry[] = [];
  app.addHook('onRoute', (route: RouteOptions) => {
    const config = (route.config ?? {}) as { access?: RouteAccess };
    if (!config.access) {
      // Plugin routes: static assets are public, the API docs are for administrators (integrators), not the daily work.
      if (route.url.startsWith('/assets/')) config.access = 'public';
      else if (route.url.startsWith('/api/docs')) config.access = ['admin'];
      else throw new Error(`route ${String(route.method)} ${route.url} declares no access`);
      route.config = config as RouteOptions['config'];
    }
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url, access: config.access });
  });

  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config.access;
    if (access === 'public') {
      if (unsafeMethods.has(request.method) && !isSameOrigin(request, options.allowedOrigin)) return deny(request, reply, 403, 'csrf');
      return;
    }
    const token = request.cookies[sessionCookieName];
    const session = token ? await options.sessions.resolve(token) : undefined;
    const user = session ? await options.users.findCached(session.username) : undefined;
    if (!session || !user || user.disabled) return deny(request, reply, 401, 'unauthenticated');
    request.viewer = { user: publicUser(user), session };
    // Not-found routes carry no access of their own: any signed-in user gets the 404.
    if (access && !access.includes(user.role)) return deny(request, reply, 403, 'forbidden', options.renderForbidden);
    if (unsafeMethods.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !tokensEqual(sent, session.csrfToken) || !isSameOrigin(request, options.allowedOrigin)) {
        return deny(request, reply, 403, 'csrf');
      }
    }
  });
  return routes;
}
