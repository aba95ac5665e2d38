import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { collectStory } from '../../../digests/incident-brief/collect-brief.ts';
import { renderBriefHtml } from '../../../digests/incident-brief/render-brief.ts';
import { anyRole } from '../../auth/route-access.ts';
import { PostNotFoundError } from '../../posts/post-store.ts';
import { actorOf, auditOrigin, pageContextOf } from '../../request-context.ts';
import type { ReviewServices } from '../../review-services.ts';
import { renderStoryPage } from './story-view.ts';

const params = z.object({ eventId: z.string().regex(/^[A-Za-z0-9_-]{4,80}$/).describe('Event id (ev-…)') });

/** The story screen: GET /stories/:eventId, GET /api/stories/:eventId, and the one-incident brief GET /stories/:eventId/brief. Everyone signed in reads them. */
export function registerStoryRoutes(app: FastifyInstance, services: ReviewServices): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const load = async (eventId: string) => {
    const story = await collectStory(services.client, services.names.shared, eventId, { timeZone: services.config.pipeline.timeZone, review: services.config.review });
    if (!story) throw new PostNotFoundError(`no event ${eventId}`);
    return story;
  };

  routes.get('/api/stories/:eventId', {
    config: { access: anyRole, refusals: { 404: 'No event with this id.' } },
    schema: { summary: 'One story (event): its posts in order with their role (rumour, official reply, report), spread, sources, handling and assessment', tags: ['stories'], params },
  }, async (request) => load(request.params.eventId));

  routes.get('/stories/:eventId', { config: { access: anyRole }, schema: { hide: true, params } }, async (request, reply) => {
    const story = await load(request.params.eventId);
    return reply.type('text/html; charset=utf-8').send(renderStoryPage(pageContextOf(request, services), story).value);
  });

  routes.get('/stories/:eventId/brief', { config: { access: anyRole }, schema: { hide: true, params } }, async (request, reply) => {
    const story = await load(request.params.eventId);
    const actor = actorOf(request);
    await services.audit.write({ actor: actor.username, actorRole: actor.role, action: 'story.brief', targetType: 'event', targetId: request.params.eventId, outcome: 'ok', ...auditOrigin(request) });
    // The brief is a self-contained printable page with its own inline styles and nothing to load: its own CSP.
    return reply.type('text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
      .send(renderBriefHtml(story, { ...services.config.review, publicUrl: services.appUrl || services.config.review.publicUrl }));
  });
}
