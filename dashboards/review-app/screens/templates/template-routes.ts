import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { anyRole } from '../../auth/route-access.ts';
import { actorOf, auditOrigin, pageContextOf, requestMessages } from '../../request-context.ts';
import type { ReviewServices } from '../../review-services.ts';
import type { RouteRefusals } from '../../route-contract.ts';
import { supervisorRoles, workerRoles } from '../post/post-action-routes.ts';
import { templateStatuses, type ResponseTemplate } from './template-store.ts';
import { renderTemplatesPage } from './templates-view.ts';
import { textField } from '../../text-field.ts';

const params = z.object({ id: z.uuid().describe('Template id') });
const content = z.object({
  title: textField(100), topic: textField(64), text: textField(5000),
});
const revision = z.object({ expectedRevision: z.number().int().min(1) });
const templateRefusals: RouteRefusals = {
  404: 'No template with this id.', 409: 'The template changed since `expectedRevision`: reload it.',
  422: 'Not possible for this template: only a draft is approved, and not by its author (`own_template`, `not_draft`).',
};

/** The 口径库: GET /templates, GET/POST /api/templates, PUT …/:id, POST …/:id/approve and …/:id/retire (audited). */
export function registerTemplateRoutes(app: FastifyInstance, services: ReviewServices): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const audit = async (request: FastifyRequest, action: string, template: ResponseTemplate, before?: ResponseTemplate) => {
    const actor = actorOf(request);
    const view = (item: ResponseTemplate | undefined) => item && { title: item.title, topic: item.topic, status: item.status, text: item.text.slice(0, 2000) };
    await services.audit.write({ actor: actor.username, actorRole: actor.role, action, targetType: 'template', targetId: template.templateId, outcome: 'ok', ...auditOrigin(request), before: view(before), after: view(template) });
  };
  const done = (request: FastifyRequest, template: ResponseTemplate) => ({ ok: true, template, message: requestMessages(request, services).actions.done });

  routes.get('/api/templates', {
    config: { access: anyRole },
    schema: { summary: 'Response templates (口径), optionally by status', tags: ['templates'], querystring: z.object({ status: z.enum(templateStatuses).optional() }) },
  }, async (request) => ({ templates: await services.templates.list(request.query.status ? { status: request.query.status } : {}) }));

  routes.post('/api/templates', {
    config: { access: workerRoles },
    schema: { summary: 'Write a template (it needs approving by someone else before it can be used)', tags: ['templates'], body: content },
  }, async (request) => {
    const template = await services.templates.create(request.body, actorOf(request).username);
    await audit(request, 'template.create', template);
    return done(request, template);
  });

  routes.put('/api/templates/:id', {
    config: { access: workerRoles, refusals: templateRefusals },
    schema: { summary: 'Edit a template (an approved one needs approving again)', tags: ['templates'], params, body: content.extend(revision.shape) },
  }, async (request) => {
    const { expectedRevision, ...input } = request.body;
    const { before, after } = await services.templates.update(request.params.id, expectedRevision, input, actorOf(request).username);
    await audit(request, 'template.update', after, before);
    return done(request, after);
  });

  for (const [path, action] of [['approve', 'template.approve'], ['retire', 'template.retire']] as const) {
    routes.post(`/api/templates/:id/${path}`, {
      config: { access: supervisorRoles, refusals: templateRefusals },
      schema: { summary: path === 'approve' ? 'Approve a template someone else wrote' : 'Withdraw a template', tags: ['templates'], params, body: revision },
    }, async (request) => {
      const by = actorOf(request).username;
      const { before, after } = path === 'approve'
        ? await services.templates.approve(request.params.id, request.body.expectedRevision, by)
        : await services.templates.retire(request.params.id, request.body.expectedRevision, by);
      await audit(request, action, after, before);
      return done(request, after);
    });
  }

  routes.get('/templates', { config: { access: anyRole }, schema: { hide: true } }, async (request, reply) => {
    const templates = await services.templates.list();
    return reply.type('text/html; charset=utf-8').send(renderTemplatesPage(pageContextOf(request, services), templates).value);
  });
}
