import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ReviewRole } from '../../../../config/review-schema.ts';
import type { Messages } from '../../i18n/messages-zh-cn.ts';
import type { RouteRefusals } from '../../route-contract.ts';
import { formatTime } from '../../i18n/ui-language.ts';
import { notifyChannels } from '../../notifications/notify-channels.ts';
import { notificationsForChange } from '../../notifications/review-change-notifications.ts';
import { postIdPattern, type LoadedPost } from '../../posts/post-store.ts';
import { applyReviewAction, ReviewActionError, reviewSnapshot, undoableActions, type ReviewAction } from '../../posts/review-actions.ts';
import { actorOf, auditOrigin, requestMessages } from '../../request-context.ts';
import type { ReviewServices } from '../../review-services.ts';
import { safeLinkUrl } from '../../view/html.ts';
import { textField } from '../../text-field.ts';

/** Roles that work items (claim, respond, dismiss…); analysts and leaders only read (leaders sign off at their stages). */
export const workerRoles: readonly ReviewRole[] = ['commentator', 'reviewer', 'admin'];
/** Roles that assign work, hand posts to units and reopen closed items. */
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
  const withComment = z.object({ expectedRevision: revision, comment });
  return [
    {
      path: 'claim', method: 'POST', summary: 'Claim the post (status → in progress, assignee → me); taking it from someone else needs a reason (comment)', access: workerRoles,
      body: withComment, audit: 'post.claim', toAction: (body) => ({ type: 'claim', comment: body.comment as string | undefined }),
    },
    { path: 'release', method: 'POST', summary: 'Give the post back to the queue', access: workerRoles, body: z.object({ expectedRevision: revision }), audit: 'post.release', toAction: () => ({ type: 'release' }) },
    {
      path: 'assign', method: 'POST', summary: 'Assign the post to a user', access: supervisorRoles,
      body: z.object({ expectedRevision: revision, assignee: z.string().min(1).max(64) }), audit: 'post.assign',
      toAction: (body) => ({ type: 'assign', assignee: String(body.assignee) }),
    },
    {
      path: 'dismiss', method: 'POST', summary: 'Dismiss with a reason (one reason means "false positive")', access: workerRoles,
      body: z.object({ expectedRevision: revision, reason: z.string().max(64).default(''), comment }), audit: 'post.dismiss',
      toAction: (body) => ({ type: 'dismiss', reason: String(body.reason), comment: body.comment as string | undefined }),
    },
    { path: 'escalate', method: 'POST', summary: 'Escalate to the reviewers, with a reason (comment, required)', access: workerRoles, body: withComment, audit: 'post.escalate', toAction: (body) => ({ type: 'escalate', comment: body.comment as string | undefined }) },
    { path: 'reopen', method: 'POST', summary: 'Reopen a closed or escalated post', access: supervisorRoles, body: withComment, audit: 'post.reopen', toAction: (body) => ({ type: 'reopen', comment: body.comment as string | undefined }) },
    {
      path: 'unit', method: 'POST', summary: 'Hand the post to a responsible unit (交办)', access: supervisorRoles,
      body: z.object({ expectedRevision: revision, unit: z.string().min(1).max(64), comment }), audit: 'post.unit',
      toAction: (body) => ({ type: 'unit', unit: String(body.unit), comment: body.comment as string | undefined }),
    },
    { path: 'undo', method: 'POST', summary: 'Undo your last claim, release, assignment, dismissal, escalation, reopening or hand-over, within review.undoSeconds', access: workerRoles, body: z.object({ expectedRevision: revision }), audit: 'post.undo', toAction: () => ({ type: 'undo' }) },
    {
      path: 'notes', method: 'POST', summary: 'Add a note', access: workerRoles,
      body: z.object({ expectedRevision: revision, text: textField(5000) }), audit: 'post.note', toAction: (body) => ({ type: 'note', text: String(body.text) }),
    },
    {
      path: 'response', method: 'PUT', summary: 'Save the response draft (text and channel)', access: workerRoles,
      body: z.object({ expectedRevision: revision, text: textField(5000), channel: z.string().min(1).max(64) }), audit: 'response.draft',
      toAction: (body) => ({ type: 'draft', text: String(body.text), channel: String(body.channel) }),
    },
    { path: 'response/submit', method: 'POST', summary: 'Submit the draft to the first stage of the chain for the post\'s risk level', access: workerRoles, body: z.object({ expectedRevision: revision }), audit: 'response.submit', toAction: () => ({ type: 'submit' }) },
    {
      path: 'response/approve', method: 'POST', summary: 'Approve at the current stage (not your own draft; one stage per person per round)', access: approverRoles,
      body: withComment, audit: 'response.approve', toAction: (body) => ({ type: 'approve', comment: body.comment as string | undefined }),
    },
    {
      path: 'response/return', method: 'POST', summary: 'Return the draft with a comment', access: approverRoles,
      body: z.object({ expectedRevision: revision, comment: textField(2000) }), audit: 'response.return', toAction: (body) => ({ type: 'return', comment: String(body.comment) }),
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
  422: 'The action does not fit the post\'s state or your part in it (the `error` code says why, e.g. `claimed_by_other`, `own_draft`, `takeover_reason`, `undo_expired`).',
};

/** The current review state as label/value pairs for the conflict message. */
function describeCurrent(post: LoadedPost, t: Messages, timeZone: string, nameOf: (username: string | undefined) => string): [string, string][] {
  const { review } = post;
  return [
    [t.queue.columns.status, t.statuses[review.status] ?? review.status],
    [t.queue.assignee, review.assignee ? nameOf(review.assignee) : '—'],
    [t.actions.responseTitle, t.responseStatuses[review.responseStatus ?? 'none'] ?? String(review.responseStatus)],
    [t.history.updated, `${review.updatedBy ? nameOf(review.updatedBy) : '—'} · ${formatTime(review.updatedAt, timeZone)}`],
  ];
}

/** Every post action: POST/PUT /api/posts/:id/<action>, role-checked, audited, notifying who must act next. */
export function registerPostActionRoutes(app: FastifyInstance, services: ReviewServices): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { review, pipeline } = services.config;
  const approverRoles = [...new Set(review.approvalStages.flatMap((stage) => stage.roles))];
  const nameOf = (username: string | undefined) => services.directory.nameOf(username);

  const notify = async (before: LoadedPost, after: LoadedPost, action: ReviewAction, actor: ReturnType<typeof actorOf>) => {
    if (action.type === 'undo') {
      // An undone action takes its notifications back with it.
      await services.notifications.retract(after.id, before.review.revision);
      return;
    }
    const document = after.document;
    const stored = await services.notifications.add(notificationsForChange({
      before: before.review, after: after.review, action, actor, post: { id: after.id, title: document.title?.trim() || [...document.content].slice(0, 40).join('') },
      people: services.directory.active(), rules: review,
    }));
    if (stored.length > 0) void notifyChannels(stored, { config: services.config, directory: services.directory, appUrl: services.appUrl, logger: services.logger });
  };

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
        if (!assignee || assignee.disabled || !workerRoles.includes(assignee.role)) return reply.code(422).send({ error: 'unknown_assignee', message: t.errors.invalid });
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
          error: 'conflict', message: t.conflict.body(nameOf(current.updatedBy), formatTime(current.updatedAt, pipeline.timeZone)),
          current: describeCurrent(result.current, t, pipeline.timeZone, nameOf), review: reviewSnapshot(current), reloadLabel: t.conflict.reload,
        });
      }
      await services.audit.write({
        actor: actor.username, actorRole: actor.role, action: route.audit, targetType: 'post', targetId: id, postIndex: result.after.index, outcome: 'ok', ...origin,
        ...(comment ? { comment } : {}), before: reviewSnapshot(result.before.review), after: reviewSnapshot(result.after.review),
        details: action.type === 'note' ? { text: action.text } : action.type === 'draft' ? { text: action.text, channel: action.channel }
          : action.type === 'assign' ? { assignee: action.assignee } : action.type === 'unit' ? { unit: action.unit }
            : action.type === 'undo' ? { undone: String((result.before.review.undo as { action?: string } | undefined)?.action ?? '') } : undefined,
      });
      if (action.type === 'draft' || action.type === 'submit') await services.drafts.discard(actor.username, id);
      await notify(result.before, result.after, action, actor).catch((error: unknown) => services.logger.warn({ err: error, postId: id }, 'could not store notifications'));
      const canUndo = review.undoSeconds > 0 && (undoableActions as readonly string[]).includes(action.type);
      return {
        ok: true, message: action.type === 'undo' ? t.undo.undone : canUndo ? t.undo.offer(review.undoSeconds) : t.actions.done, review: reviewSnapshot(result.after.review),
        ...(canUndo ? { undo: { action: `/api/posts/${encodeURIComponent(id)}/undo`, expectedRevision: result.after.review.revision, seconds: review.undoSeconds, label: t.undo.undo } } : {}),
      };
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
