import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { installAccessControl, type RouteAccessEntry } from './auth/route-access.ts';
import { weakPasswordMessage } from './auth/review-user.ts';
import { UserStoreError } from './auth/user-store.ts';
import { PostNotFoundError } from './posts/post-store.ts';
import { requestMessages } from './request-context.ts';
import { installRouteContract } from './route-contract.ts';
import type { ReviewServices } from './review-services.ts';
import { registerAccountRoutes } from './screens/account/account-routes.ts';
import { registerAlertsRoutes } from './screens/alerts/alerts-routes.ts';
import { registerInboxRoutes } from './screens/inbox/inbox-routes.ts';
import { registerStoryRoutes } from './screens/stories/story-routes.ts';
import { registerTemplateRoutes } from './screens/templates/template-routes.ts';
import { TemplateError } from './screens/templates/template-store.ts';
import { registerAuditRoutes } from './screens/audit/audit-routes.ts';
import { registerLoginRoutes } from './screens/login/login-routes.ts';
import { registerPostRoutes } from './screens/post/post-routes.ts';
import { registerQueueRoutes } from './screens/queue/queue-routes.ts';
import { registerRulesRoutes } from './screens/rules/rules-routes.ts';
import { registerSourcesRoutes } from './screens/sources/sources-routes.ts';
import { registerUsersRoutes } from './screens/users/users-routes.ts';
import { renderErrorPage } from './view/error-page.ts';

const publicDir = fileURLToPath(new URL('./public/', import.meta.url));

/** Content-Security-Policy: our own scripts and styles only, nothing inline, no framing, no plugins. */
const contentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'], fontSrc: ["'self'"],
    connectSrc: ["'self'"], objectSrc: ["'none'"], baseUri: ["'none'"], formAction: ["'self'"], frameAncestors: ["'none'"],
  },
};

/** The fastify server of the review app, with every route registered; `routes` lists them with their access. */
export async function buildReviewServer(services: ReviewServices): Promise<{ app: FastifyInstance; routes: RouteAccessEntry[] }> {
  const { review } = services.config;
  const app = Fastify({
    // Typed as fastify's logger interface so the instance keeps fastify's default generics.
    loggerInstance: services.logger.child({ component: 'review-app' }) as FastifyBaseLogger,
    // One log line per request is noise at a few requests per second per user; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: review.trustProxy,
    bodyLimit: 1_048_576,
    // `__proto__` / `constructor.prototype` keys are dropped from JSON bodies rather than refused: the body is then
    // what the schema describes (extra keys are ignored), so a schema-valid request is never a 400.
    onProtoPoisoning: 'remove',
    onConstructorPoisoning: 'remove',
    routerOptions: { maxParamLength: 200 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy,
    // Links to original posts must not tell the site which internal page they came from.
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
    hsts: review.publicUrl?.startsWith('https:') ? { maxAge: 15_552_000 } : false,
  });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (request) => ({ statusCode: 429, error: 'rate_limited', message: requestMessages(request, services).login.rateLimited }),
  });
  const routes = installAccessControl(app, { sessions: services.sessions, users: services.users, allowedOrigin: review.publicUrl ? new URL(review.publicUrl).origin : undefined,
    renderForbidden: (request) => {
      const t = requestMessages(request, services);
      return renderErrorPage(t, 403, t.errors.forbidden).value;
    },
  });

  installRouteContract(app);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'yuqing review app API', version: '1.0.0', description: 'Queue, post actions, 三审 approval, rule feedback, audit and users. Sign in with POST /api/session; send the session\'s CSRF token (the `csrf-token` meta tag of any page) as `x-csrf-token` on every state change.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'yuqing_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { docExpansion: 'list', deepLinking: false } });
  await app.register(fastifyStatic, { root: publicDir, prefix: '/assets/', index: false, maxAge: '1h' });

  app.setErrorHandler((error, request, reply) => {
    const t = requestMessages(request, services);
    const isApi = request.url.startsWith('/api/') || request.method !== 'GET';
    const send = (status: number, code: string, message: string) => (isApi
      ? reply.code(status).send({ error: code, message })
      : reply.code(status).type('text/html; charset=utf-8').send(renderErrorPage(t, status, message).value));
    if (hasZodFastifySchemaValidationErrors(error)) {
      if (error.validation.some((issue) => issue.message === weakPasswordMessage)) return send(400, 'weak_password', t.errors.weakPassword(review.passwordMinLength));
      return send(400, 'invalid', `${t.errors.invalid} ${error.validation.map((issue) => `${issue.instancePath || ''} ${issue.message}`.trim()).join('; ')}`);
    }
    if (error instanceof PostNotFoundError) return send(404, 'not_found', t.errors.notFound);
    if (error instanceof TemplateError) return send(error.code === 'not_found' ? 404 : error.code === 'conflict' ? 409 : 422, error.code, t.templateErrors[error.code] ?? error.message);
    if (error instanceof UserStoreError) {
      const message = error.code === 'weak_password' ? t.errors.weakPassword(review.passwordMinLength)
        : error.code === 'exists' ? t.errors.userExists : error.code === 'last_admin' ? t.errors.lastAdmin : t.errors.notFound;
      return send(error.code === 'not_found' ? 404 : error.code === 'exists' ? 409 : 400, error.code, message);
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 429) return reply.code(429).send(error);
    // Fastify's own refusals (bad JSON, wrong content type, body too large) say what was wrong with the request;
    // anything else with a 4xx status (an Elasticsearch conflict) is our failure, and its text is internal.
    const isRequestError = String((error as { code?: unknown }).code ?? '').startsWith('FST_');
    if (status && status >= 400 && status < 500 && isRequestError) return send(status, 'bad_request', (error as Error).message);
    request.log.error({ err: error }, 'review app request failed');
    return send(500, 'server_error', t.errors.server);
  });
  app.setNotFoundHandler((request, reply) => {
    const t = requestMessages(request, services);
    if (request.url.startsWith('/api/')) return reply.code(404).send({ error: 'not_found', message: t.errors.notFound });
    return reply.code(404).type('text/html; charset=utf-8').send(renderErrorPage(t, 404, t.errors.notFound).value);
  });

  registerLoginRoutes(app, services);
  registerQueueRoutes(app, services);
  registerPostRoutes(app, services);
  registerRulesRoutes(app, services);
  registerSourcesRoutes(app, services);
  registerAuditRoutes(app, services);
  registerUsersRoutes(app, services);
  registerAccountRoutes(app, services);
  registerInboxRoutes(app, services);
  registerTemplateRoutes(app, services);
  registerStoryRoutes(app, services);
  registerAlertsRoutes(app, services);
  await app.ready();
  for (const route of routes) if (route.method === 'GET' && !route.url.startsWith('/api/') && !route.url.includes(':')) services.screens.add(route.url);
  return { app, routes };
}
