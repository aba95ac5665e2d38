import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ReviewRole } from '../../../../config/review-schema.ts';
import { pageContextOf } from '../../request-context.ts';
import type { ReviewServices } from '../../review-services.ts';
import { buildRuleFeedbackSearch, readRuleFeedback, type RuleFeedback } from './rule-feedback-query.ts';
import { renderRulesPage } from './rules-view.ts';

/** Admins tune rules; analysts read the same figures. */
export const rulesAccess: readonly ReviewRole[] = ['analyst', 'admin'];

const query = z.object({ days: z.coerce.number().int().min(1).max(3650).optional().describe('Only posts published in the last N days.') });

async function ruleFeedback(services: ReviewServices, days?: number): Promise<RuleFeedback[]> {
  const response = await services.client.search(buildRuleFeedbackSearch(services.names.shared.posts, services.config.review.falsePositiveReason, days));
  return readRuleFeedback(response);
}

/** The rule feedback screen: GET /rules and GET /api/rules/feedback. */
export function registerRulesRoutes(app: FastifyInstance, services: ReviewServices): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.get('/api/rules/feedback', {
    config: { access: rulesAccess },
    schema: { summary: 'Rules by precision: hits, judged hits and false positives per rule', tags: ['rules'], querystring: query },
  }, async (request) => ({ falsePositiveReason: services.config.review.falsePositiveReason, rules: await ruleFeedback(services, request.query.days) }));

  routes.get('/rules', { config: { access: rulesAccess }, schema: { hide: true, querystring: query } }, async (request, reply) => {
    const rows = await ruleFeedback(services, request.query.days);
    return reply.type('text/html; charset=utf-8').send(renderRulesPage(pageContextOf(request, services), rows, request.query.days).value);
  });
}
