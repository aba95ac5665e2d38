import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ReviewRole } from '../../../../config/review-schema.ts';
import { anyRole } from '../../auth/route-access.ts';
import type { RouteRefusals } from '../../route-contract.ts';
import type { Messages } from '../../i18n/messages-zh-cn.ts';
import { formatTime } from '../../i18n/ui-language.ts';
import { postIdPattern, PostNotFoundError, type LoadedPost } from '../../posts/post-store.ts';
import { applyReviewAction, ReviewActionError, reviewSnapshot, type ReviewAction } from '../../posts/review-actions.ts';
import { actorOf, auditOrigin, pageContextOf, requestMessages } from '../../request-context.ts';
import type { ReviewServices } from '../../review-services.ts';
import { safeLinkUrl } from '../../view/html.ts';
import { loadPostDetail } from './post-detail-queries.ts';
import { renderPostPage } from './post-view.ts';

/** Roles that work items (claim, respond, dismiss…); analysts only read. */
export const workerRoles: readonly ReviewRole[] = ['commentator', 'reviewer', 'admin'];
/** Roles that assign work and reopen closed items. */
export const supervisorRoles: readonly ReviewRole[] = ['reviewer', 'admin'];

const params = z.object({ id: z.string().regex(postIdPattern).describe('Post id') });
const revision = z.number().int().min(0).describe('`review.revision` the user saw; a different current revision is a conflict (409).');
const comment = z.string().trim().max(2000).optional();

interface ActionRoute {
  path: string;
  method: 'POST' | 'PUT';
  summary: string;
  access: readonly ReviewRole[];
  body: z.ZodObject;
  audit: string;
  toAction(body: Record<string, unknown>): ReviewAction;
}

function actionRoutes(approverRoles: readonly ReviewRole[]): ActionRoute[] {
  return [
    { path: 'claim', method: 'POST', summary: 'Claim the post (status → in progress, assignee → me)', access: workerRoles, body: z.object({ expectedRevision: revision }), audit: 'post.claim', toAction: () => ({ type: 'claim' }) },
    { path: 'release', method: 'POST', summary: 'Give the post back to the queue', access: workerRoles, body: z.object({ expectedRevision: revision }), audit: 'post.release', toAction: () => ({ type: 'release' }) },
    {
      path: 'assign', method: 'POST', summary: 'Assign the post to a user', access: supervisorRoles,
      body: z.object({ expectedRevision: revision, assignee: z.string().min(1).max(64) }), audit: 'post.assign',
      toAction: (body) => ({ type: 'assign', assignee: String(body.assignee) }),
    },
    {
      path: 'dismiss', method: 'POST', summary: 'Dismiss with a reason (one reason means "false positive")', access: workerRoles,
      body: z.object({ expectedRevision: revision, reason: z.string().min(1).max(64), comment }), audit: 'post.dismiss',
      toAction: (body) => ({ type: 'dismiss', reason: String(body.reason), comment: body.comment as string | undefined }),
    },
    { path: 'escalate', method: 'POST', summary: 'Escalate to a reviewer', access: workerRoles, body: z.object({ expectedRevision: revision, comment }), audit: 'post.escalate', toAction: (body) => ({ type: 'escalate', comment: body.comment as string | undefined }) },
    { path: 'reopen', method: 'POST', summary: 'Reopen a closed or escalated post', access: supervisorRoles, body: z.object({ expectedRevision: revision, comment }), audit: 'post.reopen', toAction: (body) => ({ type: 'reopen', comment: body.comment as string | undefined }) },
    {
      path: 'notes', method: 'POST', summary: 'Add a note', access: workerRoles,
      body: z.object({ expectedRevision: revision, text: z.string().trim().min(1).max(5000) }), audit: 'post.note', toAction: (body) => ({ type: 'note', text: String(body.text) }),
    },
    {
      path: 'response', method: 'PUT', summary: 'Save the response draft (text and channel)', access: workerRoles,
      body: z.object({ expectedRevision: revision, text: z.string().trim().min(1).max(5000), channel: z.string().min(1).max(64) }), audit: 'response.draft',
      toAction: (body) => ({ type: 'draft', text: String(body.text), channel: String(body.channel) }),
    },
    { path: 'response/submit', method: 'POST', summary: 'Submit the draft to the first approval stage', access: workerRoles, body: z.object({ expectedRevision: revision }), audit: 'response.submit', toAction: () => ({ type: 'submit' }) },
    {
      path: 'response/approve', method: 'POST', summary: 'Approve at the current stage (not your own draft; one stage per person per round)', access: approverRoles,
      body: z.object({ expectedRevision: revision, comment }), audit: 'response.approve', toAction: (body) => ({ type: 'approve', comment: body.comment as string | undefined }),
    },
    {
      path: 'response/return', method: 'POST', summary: 'Return the draft with a comment', access: approverRoles,
      body: z.object({ expectedRevision: revision, comment: z.string().trim().min(1).max(2000) }), audit: 'response.return', toAction: (body) => ({ type: 'return', comment: String(body.comment) }),
    },
    {
      path: 'response/publish', method: 'POST', summary: 'Mark the fully approved response as published', access: workerRoles,
      body: z.object({ expectedRevision: revision, publishedUrl: z.string().trim().max(2000).optional() }), audit: 'response.publish',
      toAction: (body) => ({ type: 'publish', publishedUrl: body.publishedUrl as string | undefined }),
    },
  ];
}

/** What every post action can answer besides the derived statuses. */
const actionRefusals: RouteRefusals = {
  404: 'No post with this id.',
  409: 'The post changed since `expectedRevision`: nothing was done; the body carries the current state.',
  422: 'The action does not fit the post\'s state or your part in it (the `error` code says why, e.g. `claimed_by_other`, `own_draft`).',
};

/** The current review state as label/value pairs for the conflict message. */
function describeCurrent(post: LoadedPost, t: Messages, timeZone: string): [string, string][] {
  const { review } = post;
  return [
    [t.queue.columns.status, t.statuses[review.status] ?? review.status],
    [t.queue.assignee, review.assignee ?? '—'],
    [t.actions.responseTitle, t.responseStatuses[review.responseStatus ?? 'none'] ?? String(review.responseStatus)],
    [t.history.updated, `${review.updatedBy ?? '—'} · ${formatTime(review.updatedAt, timeZone)}`],
    [t.conflict.revision, String(review.revision)],
  ];
}

/** The post screen: GET /posts/:id, GET /api/posts/:id and one POST/PUT route per action. */
export function registerPostRoutes(app: FastifyInstance, services: ReviewServices): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { review, pipeline } = services.config;
  const approverRoles = [...new Set(review.approvalStages.flatMap((stage) => stage.roles))];
  const assignees = async () => (await services.users.list()).filter((user) => !user.disabled && user.role !== 'analyst');

  routes.get('/posts/:id', { config: { access: anyRole }, schema: { hide: true, params } }, async (request, reply) => {
    const detail = await loadPostDetail(services.client, services.posts, services.names.shared, request.params.id, pipeline.timeZone);
    if (!detail) throw new PostNotFoundError(request.params.id);
    return reply.type('text/html; charset=utf-8').send(renderPostPage(pageContextOf(request, services), detail, await assignees()).value);
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

  const run = async (request: FastifyRequest<{ Params: { id: string }; Body: Record<string, unknown> }>, reply: FastifyReply, route: ActionRoute) => {
    const t = requestMessages(request, services);
    const actor = actorOf(request);
    const action = route.toAction(request.body);
    const origin = auditOrigin(request);
    const id = request.params.id;
    const comment = 'comment' in action ? action.comment : undefined;
    try {
      if (action.type === 'assign') {
        const assignee = await services.users.find(action.assignee);
        if (!assignee || assignee.disabled || assignee.role === 'analyst') return reply.code(422).send({ error: 'unknown_assignee', message: t.errors.invalid });
      }
      if (action.type === 'publish' && action.publishedUrl && !safeLinkUrl(action.publishedUrl)) throw new ReviewActionError('bad_link', 'not an http(s) link');
      const now = new Date().toISOString();
      const result = await services.posts.writeReview(id, Number(request.body.expectedRevision), (post) =>
        applyReviewAction(post.review, action, actor, review, post.document, now));
      if (result.outcome === 'conflict') {
        const current = result.current.review;
        await services.audit.write({ actor: actor.username, actorRole: actor.role, action: route.audit, targetType: 'post', targetId: id, postIndex: result.current.index, outcome: 'conflict', ...origin,
          details: { expectedRevision: request.body.expectedRevision, currentRevision: current.revision } });
        return reply.code(409).send({
          error: 'conflict', message: t.conflict.body(current.updatedBy ?? '—', formatTime(current.updatedAt, pipeline.timeZone)),
          current: describeCurrent(result.current, t, pipeline.timeZone), review: reviewSnapshot(current), reloadLabel: t.conflict.reload,
        });
      }
      await services.audit.write({
        actor: actor.username, actorRole: actor.role, action: route.audit, targetType: 'post', targetId: id, postIndex: result.after.index, outcome: 'ok', ...origin,
        ...(comment ? { comment } : {}), before: reviewSnapshot(result.before.review), after: reviewSnapshot(result.after.review),
        details: action.type === 'note' ? { text: action.text } : action.type === 'draft' ? { text: action.text, channel: action.channel } : action.type === 'assign' ? { assignee: action.assignee } : undefined,
      });
      return { ok: true, message: t.actions.done, review: reviewSnapshot(result.after.review) };
    } catch (error) {
      if (!(error instanceof ReviewActionError)) throw error;
      await services.audit.write({ actor: actor.username, actorRole: actor.role, action: route.audit, targetType: 'post', targetId: id, outcome: 'denied', ...origin, details: { refusal: error.code } });
      return reply.code(422).send({ error: error.code, message: t.refusals[error.code] ?? error.message });
    }
  };

  for (const route of actionRoutes(approverRoles)) {
    routes.route({
      method: route.method,
      url: `/api/posts/:id/${route.path}`,
      config: { access: route.access, refusals: actionRefusals },
      schema: { summary: route.summary, tags: ['post actions'], params, body: route.body },
      handler: (request, reply) => run(request as FastifyRequest<{ Params: { id: string }; Body: Record<string, unknown> }>, reply, route),
    });
  }
}
