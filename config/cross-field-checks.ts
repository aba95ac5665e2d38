import type { z } from 'zod';
import type { ChannelId, DeliveryConfig } from './delivery-schema.ts';

// The config as these checks see it: every section parsed, defaults filled. Typed structurally (not as
// `Config`) so config-schema.ts can call them from its own superRefine without an import cycle.
interface CheckedConfig {
  sources: { id: string; enabled: boolean }[];
  demo: { enabled: boolean; port: number };
  elasticsearch: { url?: string | undefined; username?: string | undefined; password?: string | undefined; apiKey?: string | undefined; local: { httpPort: number; heap: { min: string; max: string } } };
  delivery: DeliveryConfig;
  alerts: { emailTo: string[]; routes: { channels: ChannelId[] }[]; quietHours: { start?: string | undefined; end?: string | undefined } };
  digest: { emailTo: string[]; chatChannels: ChannelId[]; falsePositiveReasons: string[] };
  review: { enabled: boolean; port: number; passwordMinLength: number; initialAdmin: { password?: string | undefined }; dismissReasons: { id: string }[] };
}

/** Reports one problem at a field path (the path is what the user sees: `alerts.routes[0].channels[1]`). */
type Report = (path: (string | number)[], message: string) => void;

/** One rule that spans fields. Add yours to `crossFieldChecks`; keep each small and name what it protects. */
type CrossFieldCheck = (config: CheckedConfig, report: Report) => void;

function uniqueSourceIds(config: CheckedConfig, report: Report): void {
  const seen = new Set<string>();
  config.sources.forEach((source, index) => {
    if (seen.has(source.id)) report(['sources', index, 'id'], `duplicate source id "${source.id}"; ids must be unique`);
    seen.add(source.id);
  });
}

/** How to switch a channel on, for messages. */
const channelSetting: Record<ChannelId, string> = {
  email: 'delivery.smtp.host (YUQING_SMTP_HOST) and the recipients',
  wecom: 'delivery.wecom.webhookUrl (YUQING_WECOM_WEBHOOK_URL)',
  dingtalk: 'delivery.dingtalk.webhookUrl (YUQING_DINGTALK_WEBHOOK_URL)',
  feishu: 'delivery.feishu.webhookUrl (YUQING_FEISHU_WEBHOOK_URL)',
  webhook: 'delivery.webhook.url (YUQING_ALERT_WEBHOOK_URL)',
};

function isChannelConfigured(delivery: DeliveryConfig, channel: ChannelId): boolean {
  if (channel === 'email') return Boolean(delivery.smtp.host);
  if (channel === 'webhook') return Boolean(delivery.webhook.url);
  return Boolean(delivery[channel].webhookUrl);
}

/** A channel named explicitly (a route, the digest) must exist: otherwise its messages go nowhere, silently. */
function namedChannelsConfigured(config: CheckedConfig, report: Report): void {
  const alertEmail = Boolean(config.delivery.smtp.host) && config.alerts.emailTo.length > 0;
  config.alerts.routes.forEach((route, index) => route.channels.forEach((channel, position) => {
    const configured = channel === 'email' ? alertEmail : isChannelConfigured(config.delivery, channel);
    if (!configured) report(['alerts', 'routes', index, 'channels', position], `channel "${channel}" is not configured; set ${channel === 'email' ? `${channelSetting.email} (alerts.emailTo)` : channelSetting[channel]}`);
  }));
  config.digest.chatChannels.forEach((channel, position) => {
    if (!isChannelConfigured(config.delivery, channel)) report(['digest', 'chatChannels', position], `channel "${channel}" is not configured; set ${channelSetting[channel]}`);
  });
  if (!config.delivery.smtp.host) {
    if (config.alerts.emailTo.length > 0) report(['alerts', 'emailTo'], 'e-mail recipients are set but delivery.smtp.host (YUQING_SMTP_HOST) is not: no alert e-mail would be sent');
    if (config.digest.emailTo.length > 0) report(['digest', 'emailTo'], 'e-mail recipients are set but delivery.smtp.host (YUQING_SMTP_HOST) is not: no digest e-mail would be sent');
  }
}

const parsedUrl = (text: string | undefined) => (text && URL.canParse(text) ? new URL(text) : undefined);

/** The secret each robot needs is present where the platform expects it. */
function channelSecretsPresent(config: CheckedConfig, report: Report): void {
  const { smtp, wecom, dingtalk, feishu } = config.delivery;
  if (smtp.username && !smtp.password) report(['delivery', 'smtp', 'password'], 'delivery.smtp.username is set but the password is not (YUQING_SMTP_PASSWORD)');
  if (smtp.password && !smtp.username) report(['delivery', 'smtp', 'username'], 'delivery.smtp.password is set but the user is not (YUQING_SMTP_USERNAME)');
  // An unparsable URL is reported by its own field; these checks look only at URLs that parse.
  const wecomUrl = parsedUrl(wecom.webhookUrl);
  if (wecomUrl && !wecomUrl.searchParams.get('key')) report(['delivery', 'wecom', 'webhookUrl'], 'the 企业微信 robot URL carries no key; expected …/cgi-bin/webhook/send?key=…');
  const dingtalkUrl = parsedUrl(dingtalk.webhookUrl);
  if (dingtalkUrl && !dingtalkUrl.searchParams.get('access_token')) report(['delivery', 'dingtalk', 'webhookUrl'], 'the 钉钉 robot URL carries no access_token; expected …/robot/send?access_token=…');
  if (dingtalk.secret && !dingtalk.secret.startsWith('SEC')) report(['delivery', 'dingtalk', 'secret'], 'a 钉钉 加签 secret starts with "SEC"; copy it whole from the robot settings');
  const feishuUrl = parsedUrl(feishu.webhookUrl);
  if (feishuUrl && !/\/hook\/[^/]+/.test(feishuUrl.pathname)) report(['delivery', 'feishu', 'webhookUrl'], 'the 飞书 bot URL carries no hook token; expected …/open-apis/bot/v2/hook/<token>');
}

function elasticsearchCredentials(config: CheckedConfig, report: Report): void {
  const { username, password, apiKey } = config.elasticsearch;
  if (username && !password) report(['elasticsearch', 'password'], 'elasticsearch.username is set but the password is not (ES_PASSWORD)');
  if (password && !username) report(['elasticsearch', 'username'], 'elasticsearch.password is set but the user is not (ES_USERNAME)');
  if (apiKey && username) report(['elasticsearch', 'apiKey'], 'give either apiKey (ES_API_KEY) or username/password, not both');
}

const heapBytes = (size: string) => Number.parseInt(size, 10) * (size.endsWith('g') ? 1024 : 1);

function localNodeHeap(config: CheckedConfig, report: Report): void {
  const { heap } = config.elasticsearch.local;
  if (heapBytes(heap.min) > heapBytes(heap.max)) report(['elasticsearch', 'local', 'heap', 'min'], `heap.min (${heap.min}) is larger than heap.max (${heap.max}); the JVM would refuse to start`);
}

/** Servers `yuqing start` opens on this machine must not want the same port. */
function distinctPorts(config: CheckedConfig, report: Report): void {
  const listeners: [string[], number][] = [];
  if (config.demo.enabled) listeners.push([['demo', 'port'], config.demo.port]);
  if (config.review.enabled && config.review.port !== 0) listeners.push([['review', 'port'], config.review.port]);
  if (!config.elasticsearch.url) listeners.push([['elasticsearch', 'local', 'httpPort'], config.elasticsearch.local.httpPort]);
  listeners.forEach(([path, port], index) => {
    const earlier = listeners.slice(0, index).find(([, other]) => other === port);
    if (earlier) report(path, `port ${port} is already taken by ${earlier[0].join('.')}`);
  });
}

function quietHoursComplete(config: CheckedConfig, report: Report): void {
  const { start, end } = config.alerts.quietHours;
  if (Boolean(start) !== Boolean(end)) report(['alerts', 'quietHours', start ? 'end' : 'start'], 'set both start and end of the quiet hours, or neither (with one, quiet hours would be off)');
}

function reviewSettingsAgree(config: CheckedConfig, report: Report): void {
  const { review, digest } = config;
  const initial = review.initialAdmin.password;
  if (initial && [...initial].length < review.passwordMinLength) {
    report(['review', 'initialAdmin', 'password'], `shorter than review.passwordMinLength (${review.passwordMinLength} characters); the administrator could not be created`);
  }
  const reasons = new Set(review.dismissReasons.map((reason) => reason.id));
  digest.falsePositiveReasons.forEach((reason, index) => {
    if (!reasons.has(reason)) report(['digest', 'falsePositiveReasons', index], `"${reason}" is not one of review.dismissReasons; the digest would count no false positives for it`);
  });
}

/** Every rule that spans fields, run after each section has passed its own schema. */
export const crossFieldChecks: readonly CrossFieldCheck[] = [
  uniqueSourceIds, namedChannelsConfigured, channelSecretsPresent, elasticsearchCredentials, localNodeHeap, distinctPorts, quietHoursComplete, reviewSettingsAgree,
];

/**
 * Runs the cross-field checks inside a zod `superRefine`, so their problems are listed with the schema's in one
 * pass. zod runs this even when a field already failed; a check that trips over such a field (a URL that is no
 * URL) is skipped, since that field's own problem is listed already.
 */
export function runCrossFieldChecks(config: CheckedConfig, ctx: z.RefinementCtx<CheckedConfig>): void {
  for (const check of crossFieldChecks) {
    try {
      check(config, (path, message) => ctx.addIssue({ code: 'custom', path, message }));
    } catch (error) {
      if (ctx.issues.length === 0) throw error;
    }
  }
}
