import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { anyRole } from '../../auth/route-access.ts';
import { pageContextOf, requestMessages, viewerOf } from '../../request-context.ts';
import type { ReviewServices } from '../../review-services.ts';
import { queueQuerySchema, type QueueQuery } from './queue-filters.ts';
import { z } from 'zod';
import { buildQueueUpdatesSearch, searchQueuePage, type QueuePage, type QueueQueryOptions } from './queue-query.ts';
import { renderQueuePage } from './queue-view.ts';

/** Every role reads the queue. */
export const queueAccess = anyRole;

/** The queue options of the signed-in user (inboxes included). */
export function queueOptionsFor(services: ReviewServices, request: FastifyRequest, query: QueueQuery, now = new Date()): QueueQueryOptions {
  const { review, pipeline } = services.config;
  const { user } = viewerOf(request);
  return {
    postsAlias: services.names.shared.posts, pageSize: query.size ?? review.queue.pageSize, flaggedMinimumLevel: review.queue.flaggedMinimumLevel,
    timeZone: pipeline.timeZone, username: user.username, inbox: { role: user.role, review, now },
  };
}

/** Runs one queue page for the signed-in user. */
export async function searchQueue(services: ReviewServices, request: FastifyRequest, query: QueueQuery): Promise<QueuePage> {
  return searchQueuePage(services.client, query, queueOptionsFor(services, request, query));
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

  routes.get('/api/queue/updates', {
    config: { access: queueAccess },
    schema: {
      summary: 'What changed under the same filters since a time: new posts, and posts whose review someone else changed', tags: ['queue'],
      querystring: queueQuerySchema.extend({ since: z.iso.datetime().describe('When the page was loaded (ISO time).') }),
    },
  }, async (request) => {
    const { since, ...query } = request.query;
    const response = await services.client.search(buildQueueUpdatesSearch(query, queueOptionsFor(services, request, query), new Date(since)));
    const count = (name: string) => (response.aggregations?.[name] as { doc_count?: number } | undefined)?.doc_count ?? 0;
    const t = requestMessages(request, services);
    return { newPosts: count('newPosts'), changed: count('changed'), message: `${t.live.newItems(count('newPosts'), count('changed'))} · ${t.live.refresh}` };
  });

  routes.get('/queue', { config: { access: queueAccess }, schema: { hide: true, querystring: queueQuerySchema } }, async (request, reply) => {
    const [page, facets, rules] = await Promise.all([searchQueue(services, request, request.query), services.facets.get(), services.rules.all()]);
    const users = [...services.directory.all()];
    const html = renderQueuePage(pageContextOf(request, services), { query: request.query, page, facets, rules, users });
    return reply.type('text/html; charset=utf-8').send(html.value);
  });
}
