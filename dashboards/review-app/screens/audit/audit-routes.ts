import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ReviewRole } from '../../../../config/review-schema.ts';
import type { AuditEntry } from '../../audit/audit-entry.ts';
import { actorOf, auditOrigin, pageContextOf } from '../../request-context.ts';
import type { ReviewServices } from '../../review-services.ts';
import { encodeCursor, type SortValues } from '../../search-cursor.ts';
import { formatAuditExport, readAuditEntries } from './audit-export.ts';
import { auditApiQuerySchema, auditQuerySchema, buildAuditSearch, type AuditQuery } from './audit-query.ts';
import { renderAuditPage } from './audit-view.ts';

/** Only administrators read the audit log. */
export const auditAccess: readonly ReviewRole[] = ['admin'];
const pageSize = 100;

async function auditPage(services: ReviewServices, query: AuditQuery): Promise<{ entries: AuditEntry[]; nextCursor?: string | undefined }> {
  const response = await services.client.search<AuditEntry>(buildAuditSearch(services.names.shared.audit, query, { size: pageSize, timeZone: services.config.pipeline.timeZone }));
  const hits = response.hits.hits;
  const last = hits.at(-1);
  return { entries: hits.map((hit) => hit._source!), nextCursor: hits.length === pageSize && last?.sort ? encodeCursor(last.sort as SortValues) : undefined };
}

/** Reading the audit log is itself audited (who looked, with which filters). */
async function auditTheAudit(services: ReviewServices, request: FastifyRequest, action: 'audit.view' | 'audit.export', query: Record<string, unknown>): Promise<void> {
  const actor = actorOf(request);
  await services.audit.write({ actor: actor.username, actorRole: actor.role, action, targetType: 'audit', outcome: 'ok', ...auditOrigin(request), details: { query } });
}

/** The audit screen: GET /audit, GET /api/audit, GET /api/audit/export. */
export function registerAuditRoutes(app: FastifyInstance, services: ReviewServices): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get('/api/audit', {
    config: { access: auditAccess },
    schema: { summary: 'Audit entries, newest first (viewing is audited)', tags: ['audit'], querystring: auditApiQuerySchema },
  }, async (request) => {
    await auditTheAudit(services, request, 'audit.view', request.query);
    const page = await auditPage(services, request.query);
    return { entries: page.entries, nextCursor: page.nextCursor ?? null };
  });

  routes.get('/api/audit/export', {
    config: { access: auditAccess },
    schema: {
      summary: 'Export matching audit entries as CSV or NDJSON (exporting is audited)', tags: ['audit'],
      querystring: auditApiQuerySchema.extend({ format: z.enum(['csv', 'ndjson']).default('csv') }),
      response: {
        200: {
          description: 'The entries as a file (attachment), newest first, at most `review.auditExportMaxRows`.',
          content: { 'text/csv': { schema: z.string() }, 'application/x-ndjson': { schema: z.string() } },
        },
      },
    },
  }, async (request, reply) => {
    const { format, ...query } = request.query;
    await auditTheAudit(services, request, 'audit.export', request.query);
    const entries = readAuditEntries(services.client, services.names.shared.audit, query, { maxRows: services.config.review.auditExportMaxRows, timeZone: services.config.pipeline.timeZone });
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    return reply
      .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
      .header('content-disposition', `attachment; filename="yuqing-audit-${stamp}.${format === 'csv' ? 'csv' : 'ndjson'}"`)
      // Streamed (constant memory for 100,000 rows); the document says what the stream adds up to: text.
      .send(Readable.from(formatAuditExport(entries, format)) as unknown as string);
  });

  routes.get('/audit', { config: { access: auditAccess }, schema: { hide: true, querystring: auditQuerySchema } }, async (request, reply) => {
    await auditTheAudit(services, request, 'audit.view', request.query);
    const page = await auditPage(services, request.query);
    return reply.type('text/html; charset=utf-8').send(renderAuditPage(pageContextOf(request, services), request.query, page.entries, page.nextCursor).value);
  });
}
