import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { anyRole } from '../../auth/route-access.ts';
import { pageContextOf, viewerOf } from '../../request-context.ts';
import type { ReviewServices } from '../../review-services.ts';
import { countInboxes } from './inbox-counts.ts';
import { renderNotificationsPage } from './notifications-view.ts';

/** The inbox badges and notifications: GET /api/inbox, /notifications, GET/POST /api/notifications… (every signed-in user, own data only). */
export function registerInboxRoutes(app: FastifyInstance, services: ReviewServices): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get('/api/inbox', {
    config: { access: anyRole },
    schema: { summary: 'Badge counts of your inboxes (待我处理, 待我审批, 我提交的 in flight, 已超时) and unread notifications; pages poll it', tags: ['inbox'] },
  }, async (request) => {
    const { user } = viewerOf(request);
    return countInboxes(services.client, { posts: services.names.shared.posts, notifications: services.names.notifications }, user.username,
      { role: user.role, review: services.config.review, now: new Date() });
  });

  routes.get('/api/notifications', {
    config: { access: anyRole },
    schema: { summary: 'Your newest notifications', tags: ['inbox'] },
  }, async (request) => ({ notifications: await services.notifications.list(viewerOf(request).user.username) }));

  routes.post('/api/notifications/read', {
    config: { access: anyRole },
    schema: { summary: 'Mark your notifications read (the given ids, or all)', tags: ['inbox'], body: z.object({ ids: z.array(z.string().min(1).max(64)).max(1000).optional() }) },
  }, async (request) => {
    const marked = await services.notifications.markRead(viewerOf(request).user.username, request.body.ids ?? 'all');
    return { ok: true, marked };
  });

  routes.get('/notifications', { config: { access: anyRole }, schema: { hide: true } }, async (request, reply) => {
    const items = await services.notifications.list(viewerOf(request).user.username, 100);
    return reply.type('text/html; charset=utf-8').send(renderNotificationsPage(pageContextOf(request, services), items).value);
  });
}
