import type { FastifyInstance, RouteOptions } from 'fastify';
import { z } from 'zod';
import { anyRole, type RouteAccess } from './auth/route-access.ts';

/** Statuses a handler answers itself, beyond those the contract derives, with what each means (never a 5xx: that is a defect). */
export type RouteRefusals = Partial<Record<401 | 404 | 409 | 422 | 429, string>>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Statuses the handler answers itself (404, 409, 422 …); 400, 401, 403 and 415 are derived from the route. */
    refusals?: RouteRefusals;
  }
}

/** The body of every 4xx answer: a machine-readable code and a message for people (more fields may follow). */
export const errorBodySchema = z.looseObject({
  error: z.string().describe('Machine-readable reason, e.g. `invalid`, `unauthenticated`, `forbidden`, `csrf`, `conflict`.'),
  message: z.string().optional().describe('Explanation in the user\'s language.'),
});

const okBodySchema = z.looseObject({}).describe('OK');
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const errorBody = (description: string) => errorBodySchema.describe(description);

interface RouteSchema { hide?: boolean; body?: unknown; querystring?: unknown; params?: unknown; response?: Record<string, unknown> }

/**
 * The responses a route really gives, derived from how it is registered, so every route — also those added
 * later — documents them in the OpenAPI document without repeating them: a schema → 400, any access but
 * `public` → 401, a role list narrower than every role → 403, a state change → 403 (CSRF token or origin) and,
 * with a body, 415; any request, 431; plus the `refusals` the route declares (404, 409, 422 …). A JSON 200 is added unless the
 * route declares its own responses.
 */
export function documentedResponses(method: string, access: RouteAccess | undefined, schema: RouteSchema, refusals: RouteRefusals = {}): Record<number, unknown> {
  const hasInput = Boolean(schema.body || schema.querystring || schema.params);
  const restricted = access !== undefined && access !== 'public';
  const narrowRoles = restricted && anyRole.some((role) => !access.includes(role));
  const changesState = unsafeMethods.has(method);
  const responses: Record<number, unknown> = {};
  if (!Object.keys(schema.response ?? {}).some((status) => status.startsWith('2'))) responses[200] = okBodySchema;
  if (hasInput) responses[400] = errorBody('Invalid input: a field breaks the documented constraints (the message names it).');
  if (restricted) responses[401] = errorBody('Not signed in, or the session ended.');
  const forbidden = [narrowRoles && 'the signed-in role may not use this route', changesState && 'the x-csrf-token header is missing or wrong, or the request came from another origin'];
  if (narrowRoles || changesState) responses[403] = errorBody(`Refused: ${forbidden.filter(Boolean).join('; or ')}.`);
  if (schema.body) responses[415] = errorBody('The body must be JSON (`content-type: application/json`).');
  // Node's HTTP parser answers this itself before any route runs (its 16 KB limit), so every route can give it.
  responses[431] = errorBody('The request line and headers are over 16 KB (e.g. a very long query string).');
  for (const [status, description] of Object.entries(refusals)) responses[Number(status)] = errorBody(description);
  return { ...responses, ...schema.response };
}

/**
 * Adds the derived responses to every API route as it is registered (hidden pages and plugin routes are left
 * alone). Install it before the swagger plugin reads the routes.
 */
export function installRouteContract(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = (route.schema ?? {}) as RouteSchema;
    if (schema.hide || !route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const config = (route.config ?? {}) as { access?: RouteAccess; refusals?: RouteRefusals };
    const method = [route.method].flat()[0] ?? 'GET';
    route.schema = { ...schema, response: documentedResponses(method, config.access, schema, config.refusals) } as RouteOptions['schema'];
  });
}
