import { describe, expect, it } from 'vitest';
import { alertsSchema } from '../../config/alerts-schema.ts';
import type { ChannelId } from '../../config/delivery-schema.ts';
import { decideAlerts } from './alert-decisions.ts';
import { routeChannels } from './alert-routing.ts';
import type { CooldownRecord } from './alert-state.ts';
import type { PostSubject, SpikeSubject } from './alert-subject.ts';
import { isInQuietHours } from './quiet-hours.ts';

function post(id: string, overrides: Partial<PostSubject> = {}): PostSubject {
  return {
    kind: 'post', key: `post:${id}`, postId: id, eventKey: `event-${id}`, level: 'high', levelRank: 3, score: 60,
    packIds: ['safety-incidents'], categories: ['safety-incident'], ruleNames: ['火灾爆炸'], title: `标题 ${id}`, excerpt: '正文',
    url: `https://news.example.cn/${id}.html`, sourceName: '青禾新闻', publishedAt: '2026-11-26T01:00:00.000Z', lastSeenAt: '2026-11-26T01:05:00.000Z',
    ...overrides,
  };
}

const spike: SpikeSubject = {
  kind: 'spike', key: 'spike:s1', spikeId: 's1', eventKey: 'spike:category:public-health', dimension: 'category', value: 'public-health',
  count: 14, baselineMean: 1.5, windowStart: '2026-11-26T00:00:00.000Z', windowEnd: '2026-11-26T01:00:00.000Z', detectedAt: '2026-11-26T01:00:05.000Z',
};

const allChannels = new Set<ChannelId>(['email', 'wecom', 'dingtalk', 'feishu', 'webhook']);
const config = (input: Parameters<typeof alertsSchema.parse>[0] = {}) => alertsSchema.parse(input);
// 2026-11-26T02:00Z is 10:00 in Asia/Shanghai.
const tenAm = new Date('2026-11-26T02:00:00.000Z');

describe('alert routing', () => {
  const routed = config({
    defaultChannels: ['email'],
    routes: [
      { packIds: ['safety-incidents'], channels: ['dingtalk'] },
      { categories: ['public-health'], channels: ['feishu', 'webhook'] },
      { minLevel: 'critical', channels: ['wecom'] },
    ],
  });

  it('sends a post to the union of the channels of every route it matches, else to the default channels', () => {
    expect(routeChannels(post('a'), routed)).toEqual(['dingtalk']);
    expect(routeChannels(post('b', { level: 'critical', levelRank: 4 }), routed)).toEqual(['wecom', 'dingtalk']);
    expect(routeChannels(post('c', { packIds: ['fraud-scams'], categories: ['fraud'] }), routed)).toEqual(['email']);
  });

  it('routes a category spike by its category and counts it as high, not critical', () => {
    expect(routeChannels(spike, routed)).toEqual(['feishu', 'webhook']);
    expect(routeChannels({ ...spike, dimension: 'rule', value: 'safety-incidents/fire-explosion' }, routed)).toEqual(['dingtalk']);
    expect(routeChannels({ ...spike, dimension: 'keyword', value: '爆炸' }, routed)).toEqual(['email']);
  });
});

describe('alert decisions', () => {
  it('drops what has no configured channel and sends the rest to the configured ones only', () => {
    const decisions = decideAlerts({
      newSubjects: [post('a'), post('b', { packIds: ['fraud-scams'] })], heldSubjects: [], cooldowns: new Map(),
      config: config({ routes: [{ packIds: ['fraud-scams'], channels: ['feishu'] }], defaultChannels: ['wecom', 'email'] }),
      configuredChannels: new Set(['wecom']), now: tenAm,
    });
    expect(decisions.toSend.map((alert) => [alert.subject.key, alert.channels])).toEqual([['post:a', ['wecom']]]);
    expect(decisions.notSent).toEqual([expect.objectContaining({ subject: expect.objectContaining({ key: 'post:b' }), status: 'dropped', reason: 'no-channel' })]);
  });

  it('sends one alert per event in the cool-down, the most severe first, and lets a higher level through', () => {
    const first = decideAlerts({
      newSubjects: [post('a', { eventKey: 'e1', score: 55 }), post('b', { eventKey: 'e1', score: 70 }), post('c', { eventKey: 'e2' })],
      heldSubjects: [], cooldowns: new Map(), config: config(), configuredChannels: allChannels, now: tenAm,
    });
    expect(first.toSend.map((alert) => alert.subject.key)).toEqual(['post:b', 'post:c']);
    expect(first.notSent.map((skipped) => [skipped.subject.key, skipped.status, skipped.reason])).toEqual([['post:a', 'suppressed', 'cooldown']]);
    expect(first.cooldowns.get('e1')).toMatchObject({ lastLevelRank: 3, suppressedSinceAlert: 1 });

    const halfHourLater = new Date(tenAm.getTime() + 30 * 60_000);
    const second = decideAlerts({
      newSubjects: [post('d', { eventKey: 'e1' }), post('e', { eventKey: 'e1', level: 'critical', levelRank: 4, score: 90 })],
      heldSubjects: [], cooldowns: first.cooldowns, config: config(), configuredChannels: allChannels, now: halfHourLater,
    });
    expect(second.toSend.map((alert) => [alert.subject.key, alert.suppressedBefore])).toEqual([['post:e', 1]]);
    expect(second.notSent.map((skipped) => skipped.subject.key)).toEqual(['post:d']);

    const afterCooldown = new Date(halfHourLater.getTime() + 61 * 60_000);
    const cooldowns = new Map<string, CooldownRecord>(second.cooldowns);
    const third = decideAlerts({ newSubjects: [post('f', { eventKey: 'e1' })], heldSubjects: [], cooldowns, config: config(), configuredChannels: allChannels, now: afterCooldown });
    expect(third.toSend.map((alert) => [alert.subject.key, alert.suppressedBefore])).toEqual([['post:f', 1]]);
  });

  it('holds non-critical alerts in quiet hours, sends critical ones at once, and releases the held ones when the quiet period ends', () => {
    const quiet = config({ quietHours: { start: '22:00', end: '07:30' } });
    // 2026-11-25T15:00Z is 23:00 in Asia/Shanghai.
    const night = new Date('2026-11-25T15:00:00.000Z');
    const atNight = decideAlerts({
      newSubjects: [post('a'), post('b', { level: 'critical', levelRank: 4, score: 95 }), spike], heldSubjects: [], cooldowns: new Map(),
      config: quiet, configuredChannels: allChannels, now: night,
    });
    expect(atNight.toSend.map((alert) => alert.subject.key)).toEqual(['post:b']);
    expect(atNight.notSent.map((skipped) => [skipped.subject.key, skipped.status, skipped.reason])).toEqual([['post:a', 'held', 'quiet-hours'], ['spike:s1', 'held', 'quiet-hours']]);

    const stillNight = decideAlerts({ newSubjects: [], heldSubjects: [post('a'), spike], cooldowns: atNight.cooldowns, config: quiet, configuredChannels: allChannels, now: new Date('2026-11-25T23:00:00.000Z') });
    expect(stillNight.toSend).toEqual([]);
    expect(stillNight.notSent).toEqual([]);

    const morning = decideAlerts({ newSubjects: [], heldSubjects: [post('a'), spike], cooldowns: atNight.cooldowns, config: quiet, configuredChannels: allChannels, now: new Date('2026-11-25T23:45:00.000Z') });
    expect(morning.toSend.map((alert) => [alert.subject.key, alert.wasHeld])).toEqual([['post:a', true], ['spike:s1', true]]);

    const dropping = decideAlerts({ newSubjects: [post('a')], heldSubjects: [], cooldowns: new Map(), config: config({ quietHours: { start: '22:00', end: '07:30', holdUntilEnd: false } }), configuredChannels: allChannels, now: night });
    expect(dropping.notSent.map((skipped) => [skipped.status, skipped.reason])).toEqual([['dropped', 'quiet-hours']]);
  });
});

describe('quiet hours', () => {
  it('span midnight in the configured time zone, start inclusive and end exclusive, and are off without start and end', () => {
    const overnight = { start: '22:00', end: '07:00', timeZone: 'Asia/Shanghai', holdUntilEnd: true };
    expect(isInQuietHours(overnight, new Date('2026-11-26T14:00:00Z'))).toBe(true); // 22:00
    expect(isInQuietHours(overnight, new Date('2026-11-26T13:59:00Z'))).toBe(false); // 21:59
    expect(isInQuietHours(overnight, new Date('2026-11-26T22:59:00Z'))).toBe(true); // 06:59
    expect(isInQuietHours(overnight, new Date('2026-11-26T23:00:00Z'))).toBe(false); // 07:00
    expect(isInQuietHours({ ...overnight, timeZone: 'UTC' }, new Date('2026-11-26T14:00:00Z'))).toBe(false);
    expect(isInQuietHours({ start: '12:00', end: '14:00', timeZone: 'Asia/Shanghai', holdUntilEnd: true }, new Date('2026-11-26T05:00:00Z'))).toBe(true);
    expect(isInQuietHours({ timeZone: 'Asia/Shanghai', holdUntilEnd: true }, new Date('2026-11-26T15:00:00Z'))).toBe(false);
  });
});
