import type { AlertRoute, AlertsConfig } from '../../config/alerts-schema.ts';
import { channelIds, type ChannelId } from '../../config/delivery-schema.ts';
import { subjectRank, type AlertSubject } from './alert-subject.ts';
import { rankOf } from '../display-names.ts';

/** The rule packs and categories a subject belongs to (a rule spike belongs to its pack, a category spike to its category). */
function subjectTags(subject: AlertSubject): { packIds: string[]; categories: string[] } {
  if (subject.kind === 'post') return { packIds: subject.packIds, categories: subject.categories };
  if (subject.dimension === 'rule') return { packIds: [subject.value.split('/')[0]!], categories: [] };
  if (subject.dimension === 'category') return { packIds: [], categories: [subject.value] };
  return { packIds: [], categories: [] };
}

const intersects = (wanted: string[], present: string[]) => wanted.length === 0 || wanted.some((value) => present.includes(value));

/** Whether every condition the route sets holds for the subject. */
export function routeMatches(route: AlertRoute, subject: AlertSubject): boolean {
  const tags = subjectTags(subject);
  return subjectRank(subject) >= rankOf(route.minLevel) && intersects(route.packIds, tags.packIds) && intersects(route.categories, tags.categories);
}

/** Channels of a subject: the union over matching routes, or the default channels when none matches; in a stable order. */
export function routeChannels(subject: AlertSubject, alerts: Pick<AlertsConfig, 'routes' | 'defaultChannels'>): ChannelId[] {
  const matching = alerts.routes.filter((route) => routeMatches(route, subject));
  const wanted = new Set(matching.length > 0 ? matching.flatMap((route) => route.channels) : alerts.defaultChannels);
  return channelIds.filter((id) => wanted.has(id));
}
