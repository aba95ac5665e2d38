import type { AlertsConfig } from '../../config/alerts-schema.ts';
import type { ChannelId } from '../../config/delivery-schema.ts';
import { routeChannels } from './alert-routing.ts';
import type { AlertRecord, CooldownRecord } from './alert-state.ts';
import { subjectRank, type AlertSubject } from './alert-subject.ts';
import { isInQuietHours } from './quiet-hours.ts';
import { rankOf } from '../display-names.ts';

/** A subject to deliver now, with how many of its group were held back by the cool-down since the last alert. */
export interface AlertToSend { subject: AlertSubject; channels: ChannelId[]; suppressedBefore: number; wasHeld: boolean }

/** What one check decided. */
export interface AlertDecisions {
  toSend: AlertToSend[];
  /** Subjects not sent now: suppressed by the cool-down, held or dropped in quiet hours, or with no channel. */
  notSent: { subject: AlertSubject; status: AlertRecord['status']; reason: NonNullable<AlertRecord['reason']>; channels: ChannelId[] }[];
  /** Cool-down groups changed by this check. */
  cooldowns: Map<string, CooldownRecord>;
}

const score = (subject: AlertSubject) => (subject.kind === 'post' ? subject.score : 0);

/**
 * Decides, for new subjects and those held earlier, what to send now: routes each to its configured channels,
 * holds non-critical ones in quiet hours, and sends one alert per cool-down group (the most severe first; a
 * higher level breaks through the cool-down).
 */
export function decideAlerts(input: {
  newSubjects: AlertSubject[];
  heldSubjects: AlertSubject[];
  cooldowns: Map<string, CooldownRecord>;
  config: Pick<AlertsConfig, 'routes' | 'defaultChannels' | 'quietHours' | 'cooldownMinutes'>;
  configuredChannels: Set<ChannelId>;
  now: Date;
}): AlertDecisions {
  const { config, now } = input;
  const isQuiet = isInQuietHours(config.quietHours, now);
  const critical = rankOf('critical');
  const cooldownMillis = config.cooldownMinutes * 60_000;
  const cooldowns = new Map(input.cooldowns);
  const changed = new Map<string, CooldownRecord>();
  const decisions: AlertDecisions = { toSend: [], notSent: [], cooldowns: changed };
  const held = new Set(input.heldSubjects.map((subject) => subject.key));
  const subjects = [...input.heldSubjects, ...input.newSubjects]
    .sort((a, b) => subjectRank(b) - subjectRank(a) || score(b) - score(a));

  for (const subject of subjects) {
    const wasHeld = held.has(subject.key);
    const channels = routeChannels(subject, config).filter((id) => input.configuredChannels.has(id));
    if (channels.length === 0) {
      decisions.notSent.push({ subject, status: 'dropped', reason: 'no-channel', channels });
      continue;
    }
    if (isQuiet && subjectRank(subject) < critical) {
      // Held ones stay as they are; new ones are held (or dropped when holding is off).
      if (!wasHeld) decisions.notSent.push({ subject, status: config.quietHours.holdUntilEnd ? 'held' : 'dropped', reason: 'quiet-hours', channels });
      continue;
    }
    const group = cooldowns.get(subject.eventKey);
    const isCoolingDown = group !== undefined && now.getTime() - Date.parse(group.lastAlertAt) < cooldownMillis;
    if (group && isCoolingDown && subjectRank(subject) <= group.lastLevelRank) {
      const updated = { ...group, suppressedSinceAlert: group.suppressedSinceAlert + 1, updatedAt: now.toISOString() };
      cooldowns.set(subject.eventKey, updated);
      changed.set(subject.eventKey, updated);
      decisions.notSent.push({ subject, status: 'suppressed', reason: 'cooldown', channels });
      continue;
    }
    decisions.toSend.push({ subject, channels, suppressedBefore: group?.suppressedSinceAlert ?? 0, wasHeld });
    const updated: CooldownRecord = {
      kind: 'cooldown', eventKey: subject.eventKey, lastAlertAt: now.toISOString(), lastLevelRank: subjectRank(subject), suppressedSinceAlert: 0, updatedAt: now.toISOString(),
    };
    cooldowns.set(subject.eventKey, updated);
    changed.set(subject.eventKey, updated);
  }
  return decisions;
}
