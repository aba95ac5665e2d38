import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { anyRole } from '../../auth/route-access.ts';
import { pageContextOf, viewerOf } from '../../request-context.ts';
import type { ReviewServices } from '../../review-services.ts';
import { queueQuerySchema, type QueueQuery } from './queue-filters.ts';
import { searchQueuePage, type QueuePage } from './queue-query.ts';
import { renderQueuePage } from './queue-view.ts';

/** Every role reads the queue. */
export const queueAccess = anyRole;

/** Runs one queue page for the signed-in user. */
export async function searchQueue(services: ReviewServices, request: FastifyRequest, query: QueueQuery): Promise<QueuePage> {
  const { review, pipeline } = services.config;
  const pageSize = query.size ?? review.queue.pageSize;
  return searchQueuePage(services.client, query, {
    postsAlias: services.names.shared.posts, pageSize, flaggedMinimumLevel: review.queue.flaggedMinimumLevel,
    timeZone: pipeline.timeZone, username: viewerOf(request).user.username,
  });
}

/** The queue screen: GET /queue (page) and GET /api/queue (JSON, the same filters). */
export function registerQueueRoutes(app: FastifyInstance, services: ReviewServices): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get('/api/queue', {
    config: { access: queueAccess },
    schema: {
      summary: 'A page of the review queue', tags: ['queue'],
      description: 'Flagged posts ordered by risk then recency, with counts per review status. Page on with `cursor=nextCursor` (search_after).',
      querystring: queueQuerySchema,
    },
  }, async (request) => {
    const page = await searchQueue(services, request, request.query);
    return {
      items: page.items.map((item) => ({ ...item.post, id: item.id, content: undefined, snippet: [...(item.post.content ?? '')].slice(0, 200).join('') })),
      counts: page.counts,
      nextCursor: page.nextCursor ?? null,
    };
  });

  routes.get('/queue', { config: { access: queueAccess }, schema: { hide: true, querystring: queueQuerySchema } }, async (request, reply) => {
    const [page, facets, rules, users] = await Promise.all([
      searchQueue(services, request, request.query), services.facets.get(), services.rules.all(), services.users.list(),
    ]);
    const html = renderQueuePage(pageContextOf(request, services), { query: request.query, page, facets, rules, users });
    return reply.type('text/html; charset=utf-8').send(html.value);
  });
}
