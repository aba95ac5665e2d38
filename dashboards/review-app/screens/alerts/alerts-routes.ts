import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ReviewRole } from '../../../../config/review-schema.ts';
import { channelIds } from '../../../../config/delivery-schema.ts';
import { alertRecordSchema, alertStateIndex, type AlertRecord } from '../../../alerts/alert-state.ts';
import { ChannelDeliveryError } from '../../../alerts/channels/channel-message.ts';
import { configuredChannels } from '../../../alerts/channels/configured-channels.ts';
import { createMailSender } from '../../../alerts/channels/mail-sender.ts';
import { alertChannelStatus } from '../../../alerts/channel-status.ts';
import { channelNames } from '../../../display-names.ts';
import { actorOf, auditOrigin, pageContextOf, requestMessages, viewerOf } from '../../request-context.ts';
import type { ReviewServices } from '../../review-services.ts';
import { encodeCursor, type SortValues } from '../../search-cursor.ts';
import { alertHistoryQuerySchema, buildAlertHistorySearch, type AlertHistoryQuery } from './alert-history-query.ts';
import { renderAlertsPage } from './alerts-view.ts';

/** Those on duty read the alert log; only administrators send test messages. */
export const alertsAccess: readonly ReviewRole[] = ['reviewer', 'leader', 'admin'];
const pageSize = 100;

/** An alert decision as listed: the record and its id. */
export interface AlertHistoryItem { id: string; record: AlertRecord }

async function historyPage(services: ReviewServices, query: AlertHistoryQuery): Promise<{ items: AlertHistoryItem[]; nextCursor?: string | undefined; droppedForNoChannel: number }> {
  const response = await services.client.search(buildAlertHistorySearch(alertStateIndex(services.names.shared.prefix), query, pageSize));
  const hits = response.hits.hits;
  const items = hits.flatMap((hit) => {
    const parsed = alertRecordSchema.safeParse(hit._source);
    return parsed.success ? [{ id: hit._id!, record: parsed.data }] : [];
  });
  const last = hits.at(-1);
  return {
    items, nextCursor: hits.length === pageSize && last?.sort ? encodeCursor(last.sort as SortValues) : undefined,
    droppedForNoChannel: (response.aggregations?.noChannel as { doc_count?: number } | undefined)?.doc_count ?? 0,
  };
}

/** The alert setup and history screen: GET /alerts, GET /api/alerts, POST /api/alerts/channels/:channel/test. */
export function registerAlertsRoutes(app: FastifyInstance, services: ReviewServices): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get('/api/alerts', {
    config: { access: alertsAccess },
    schema: { summary: 'The alert channels and the alert history, newest first (why an alert was not sent included)', tags: ['alerts'], querystring: alertHistoryQuerySchema },
  }, async (request) => {
    const page = await historyPage(services, request.query);
    return { channels: alertChannelStatus(services.config), items: page.items, droppedForNoChannel: page.droppedForNoChannel, nextCursor: page.nextCursor ?? null };
  });

  routes.post('/api/alerts/channels/:channel/test', {
    config: { access: ['admin'], refusals: { 422: 'Not sent: the channel is not configured under `delivery` (`not_configured`), or the platform refused or could not be reached (`delivery_failed`; the message says what it answered).' } },
    schema: { summary: 'Send a test message through one configured channel and report what the platform answered', tags: ['alerts'], params: z.object({ channel: z.enum(channelIds) }), body: z.object({}) },
  }, async (request, reply) => {
    const t = requestMessages(request, services);
    const { config } = services;
    const { channel: id } = request.params;
    const smtp = config.delivery.smtp;
    const sender = id === 'email' && smtp.host ? createMailSender({ ...smtp, host: smtp.host }) : undefined;
    const actor = actorOf(request);
    const name = channelNames[id] ?? id;
    try {
      const channel = configuredChannels(config.delivery, { sender, to: config.alerts.emailTo }).get(id);
      if (!channel) return reply.code(422).send({ error: 'not_configured', message: t.alertsScreen.testFailed(name, t.alertsScreen.notConfigured) });
      const receipt = await channel.send({
        kind: 'alert', title: '【测试】yuqing 舆情预警渠道测试',
        items: [{
          heading: '这是一条测试消息：收到即表示此渠道可以接收预警。', facts: [{ label: '发送人', value: viewerOf(request).user.displayName }, { label: '时间', value: new Date().toISOString() }],
          actions: [{ label: '打开工作台', url: `${services.appUrl}/queue`, isPrimary: true }],
        }],
      });
      await services.audit.write({ actor: actor.username, actorRole: actor.role, action: 'alert.test', targetType: 'channel', targetId: id, outcome: 'ok', ...auditOrigin(request), details: { result: `${receipt.parts}` } });
      return { ok: true, message: t.alertsScreen.testOk(name) };
    } catch (error) {
      const message = error instanceof ChannelDeliveryError ? error.message : (error as Error).message;
      await services.audit.write({ actor: actor.username, actorRole: actor.role, action: 'alert.test', targetType: 'channel', targetId: id, outcome: 'failed', ...auditOrigin(request), details: { error: message.slice(0, 500) } });
      return reply.code(422).send({ error: 'delivery_failed', message: t.alertsScreen.testFailed(name, message) });
    } finally {
      sender?.close();
    }
  });

  routes.get('/alerts', { config: { access: alertsAccess }, schema: { hide: true, querystring: alertHistoryQuerySchema } }, async (request, reply) => {
    const page = await historyPage(services, request.query);
    return reply.type('text/html; charset=utf-8').send(renderAlertsPage(pageContextOf(request, services), { ...page, channels: alertChannelStatus(services.config), query: request.query }).value);
  });
}
