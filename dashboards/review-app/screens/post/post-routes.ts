import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { anyRole } from '../../auth/route-access.ts';
import { postIdPattern, PostNotFoundError } from '../../posts/post-store.ts';
import { formatTime } from '../../i18n/ui-language.ts';
import { pageContextOf, requestMessages, viewerOf } from '../../request-context.ts';
import type { ReviewServices } from '../../review-services.ts';
import { registerPostActionRoutes, workerRoles } from './post-action-routes.ts';
import { loadPostDetail } from './post-detail-queries.ts';
import { renderPostPage } from './post-view.ts';

const params = z.object({ id: z.string().regex(postIdPattern).describe('Post id') });

/** The post screen: GET /posts/:id, GET /api/posts/:id, the autosave and one POST/PUT route per action. */
export function registerPostRoutes(app: FastifyInstance, services: ReviewServices): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { pipeline } = services.config;

  routes.get('/posts/:id', {
    config: { access: anyRole },
    schema: { hide: true, params, querystring: z.object({ intent: z.enum(['claim']).optional() }) },
  }, async (request, reply) => {
    const { user } = viewerOf(request);
    const [detail, autosaved, templates] = await Promise.all([
      loadPostDetail(services.client, services.posts, services.names.shared, request.params.id, pipeline.timeZone),
      services.drafts.find(user.username, request.params.id),
      services.templates.list({ status: 'approved' }),
    ]);
    if (!detail) throw new PostNotFoundError(request.params.id);
    // Opening the post is reading what one was told about it.
    await services.notifications.markRead(user.username, { postId: request.params.id });
    const page = renderPostPage(pageContextOf(request, services), detail, {
      people: services.directory.active(), autosaved, templates, intent: request.query.intent, organisation: services.config.analysis.organisationNames[0], riskWeights: services.config.analysis.riskWeights,
    });
    return reply.type('text/html; charset=utf-8').send(page.value);
  });

  routes.get('/api/posts/:id', {
    config: { access: anyRole, refusals: { 404: 'No post with this id.' } },
    schema: { summary: 'A post with its analysis, duplicates, event, timeline and history', tags: ['posts'], params },
  }, async (request) => {
    const detail = await loadPostDetail(services.client, services.posts, services.names.shared, request.params.id, pipeline.timeZone);
    if (!detail) throw new PostNotFoundError(request.params.id);
    const { tokens: _tokens, simhashBands: _bands, ...post } = detail.loaded.document;
    return { id: detail.loaded.id, post, duplicates: detail.duplicates, event: detail.event ?? null, timeline: detail.timeline, perHour: detail.perHour, history: detail.history };
  });

  routes.put('/api/posts/:id/autosave', {
    config: { access: workerRoles, refusals: { 404: 'No post with this id.' } },
    schema: {
      summary: 'Keep the response text you are typing on the server (only you read it back), so an expired session loses nothing', tags: ['post actions'], params,
      body: z.object({ text: z.string().max(5000), channel: z.string().max(64).optional() }),
    },
  }, async (request) => {
    const { user } = viewerOf(request);
    if (!(await services.posts.load(request.params.id))) throw new PostNotFoundError(request.params.id);
    const saved = await services.drafts.save({ username: user.username, postId: request.params.id, text: request.body.text, channel: request.body.channel });
    return { ok: true, savedAt: saved.savedAt, message: requestMessages(request, services).draft.autosaved(formatTime(saved.savedAt, pipeline.timeZone).slice(11)) };
  });

  registerPostActionRoutes(app, services);
}
