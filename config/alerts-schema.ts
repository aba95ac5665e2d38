import { z } from 'zod';
import { channelIdSchema, channelIds } from './delivery-schema.ts';
import { timeZoneName } from './field-types/time-zone.ts';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time of day as HH:MM, e.g. "22:30"');
const alertLevelSchema = z.enum(['high', 'critical']);

/** One routing rule: alerts whose post (or spike) matches go to these channels. */
export const alertRouteSchema = z.strictObject({
  packIds: z.array(z.string()).default([]).describe('Rule packs that select this route (any hit of the post, or a rule spike of the pack); empty: any pack.'),
  categories: z.array(z.string()).default([]).describe('Risk categories that select this route (any category of the post, or a category spike); empty: any category.'),
  minLevel: alertLevelSchema.default('high').describe('Lowest risk level this route carries (a spike counts as high).'),
  channels: z.array(channelIdSchema).min(1).describe('Channels the matching alerts go to.'),
}).describe('A routing rule: every condition that is set must hold.');

export const quietHoursSchema = z.strictObject({
  start: clockTime.optional().describe('Start of the quiet period (local time, HH:MM). Quiet hours are off while start or end is unset.'),
  end: clockTime.optional().describe('End of the quiet period (HH:MM); may be earlier than start (overnight).'),
  timeZone: timeZoneName().default('Asia/Shanghai').describe('Time zone of start and end.'),
  holdUntilEnd: z.boolean().default(true)
    .describe('Send the non-critical alerts of the quiet period together at its end; false drops them (they stay recorded in the alert state index).'),
}).describe('Quiet hours: only critical posts are sent immediately.');

/** Immediate alerts on high-risk posts and spikes. */
export const alertsSchema = z.strictObject({
  enabled: z.boolean().default(true).meta({ env: 'YUQING_ALERTS_ENABLED' }).describe('Check for new high-risk posts and spikes after every pipeline run.'),
  minRiskLevel: alertLevelSchema.default('high').describe('Posts at this risk level or above alert.'),
  spikes: z.boolean().default(true).describe('Alert when a spike (a sudden rise of a rule, category or keyword) starts.'),
  lookbackMinutes: z.number().int().min(1).default(180)
    .describe('Only posts last crawled (lastSeenAt) and spikes detected within this many minutes can alert, so a rescore of history or a first start pages nobody about old posts.'),
  cooldownMinutes: z.number().min(0).default(60)
    .describe('After an alert about an event (story), its further posts are only counted for this many minutes, unless one has a higher level.'),
  maxItemsPerCheck: z.number().int().min(1).default(200).describe('Most posts and spikes one check handles; the rest wait for the next check (newest first).'),
  emailTo: z.array(z.string()).default([]).describe('Recipients of alert e-mails (the e-mail channel is off while empty).'),
  defaultChannels: z.array(channelIdSchema).default([...channelIds])
    .describe('Channels of alerts that no route matches. Channels that are not configured under `delivery` are skipped.'),
  routes: z.array(alertRouteSchema).default([]).describe('Routing by rule pack and category; an alert goes to the union of the channels of every route it matches.'),
  quietHours: quietHoursSchema.prefault({}),
}).describe('Immediate alerts.');

export type AlertsConfig = z.infer<typeof alertsSchema>;
export type AlertRoute = z.infer<typeof alertRouteSchema>;
export type QuietHoursConfig = z.infer<typeof quietHoursSchema>;
