import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ReviewRole } from '../../../../config/review-schema.ts';
import { anyRole } from '../../auth/route-access.ts';
import { actorOf, auditOrigin, pageContextOf, requestLanguage } from '../../request-context.ts';
import type { ReviewServices } from '../../review-services.ts';
import type { SourceHealthView } from './source-health-provider.ts';
import { sourcesMessages } from './sources-messages.ts';
import { renderSourcesPage } from './sources-view.ts';

/** Everyone sees how the sources are doing; only administrators act on them. */
export const sourcesReadAccess: readonly ReviewRole[] = anyRole;
export const sourcesActAccess: readonly ReviewRole[] = ['admin'];

const params = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(100) });

/** The source-health screen: GET /sources, GET /api/sources, and the admin actions run / pause / resume (audited). */
export function registerSourcesRoutes(app: FastifyInstance, services: ReviewServices): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const provider = services.sources;
  const list = async (): Promise<SourceHealthView[]> => (provider ? provider.list() : []);
  const canAct = { run: provider?.runNow !== undefined, pause: provider?.setPaused !== undefined };

  routes.get('/api/sources', {
    config: { access: sourcesReadAccess },
    schema: { summary: 'Every configured source with its health state, last run\'s counts, last error and what to do', tags: ['sources'] },
  }, async () => ({ sources: await list(), actions: canAct }));

  routes.get('/sources', { config: { access: sourcesReadAccess }, schema: { hide: true } }, async (request, reply) => (
    reply.type('text/html; charset=utf-8').send(renderSourcesPage(pageContextOf(request, services), await list(), canAct).value)));

  // Without a scheduler in this process an action cannot happen: an unknown source is still 404, a known one a conflict.
  const withoutScheduler = async (id: string) => ((await list()).some((source) => source.id === id) ? 'unavailable' : 'unknown');
  const refusals = {
    404: 'No configured source with this id.',
    409: 'Not done: a run of this source is going on (`conflict`), or this process has no crawl scheduler (`unavailable`).',
  };

  const audited = async (request: FastifyRequest, reply: FastifyReply, action: string, id: string, run: () => Promise<string>) => {
    const m = sourcesMessages(requestLanguage(request, services));
    const actor = actorOf(request);
    const outcome = await run();
    const ok = outcome === 'started' || outcome === 'done';
    await services.audit.write({ actor: actor.username, actorRole: actor.role, action, targetType: 'source', targetId: id, outcome: ok ? 'ok' : 'conflict', ...auditOrigin(request), details: { result: outcome } });
    if (outcome === 'unknown') return reply.code(404).send({ error: 'not_found', message: m.unknownSource });
    if (outcome === 'running') return reply.code(409).send({ error: 'conflict', message: m.alreadyRunning });
    if (outcome === 'unavailable') return reply.code(409).send({ error: 'unavailable', message: m.noScheduler });
    return { ok: true, message: action === 'source.run' ? m.started : action === 'source.pause' ? m.paused : m.resumed };
  };

  routes.post('/api/sources/:id/run', {
    config: { access: sourcesActAccess, refusals },
    schema: { summary: 'Run a source now (outside its schedule, paused or backing off)', tags: ['sources'], params },
  }, async (request, reply) => audited(request, reply, 'source.run', request.params.id, async () => (provider?.runNow ? provider.runNow(request.params.id) : withoutScheduler(request.params.id))));

  for (const [path, paused] of [['pause', true], ['resume', false]] as const) {
    routes.post(`/api/sources/:id/${path}`, {
      config: { access: sourcesActAccess, refusals },
      schema: { summary: paused ? 'Pause a source\'s scheduled runs' : 'Resume a paused source', tags: ['sources'], params },
    }, async (request, reply) => audited(request, reply, `source.${path}`, request.params.id,
      async () => (provider?.setPaused ? provider.setPaused(request.params.id, paused, actorOf(request).username) : withoutScheduler(request.params.id))));
  }
}
