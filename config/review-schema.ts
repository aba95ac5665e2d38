import { isIP } from 'node:net';
import { z } from 'zod';
import { chatChannelIdSchema } from './delivery-schema.ts';
import { httpUrl } from './field-types/http-url.ts';

/**
 * Roles of review-app users (permissions are per route, not ordered): commentators (评论员) work posts and draft
 * responses, reviewers (审核员) approve and supervise, analysts (分析员) read, leaders (签发人) sign off responses at
 * the stages that name them and read the briefs, admins (管理员) do everything.
 */
export const reviewRoles = ['commentator', 'reviewer', 'analyst', 'leader', 'admin'] as const;
/** A review-app role. */
export type ReviewRole = (typeof reviewRoles)[number];

// What fastify's trustProxy (proxy-addr) accepts in a list: an IP address, a CIDR range or a named range.
const proxyAddress = z.string().refine((value) => {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(value)) return true;
  const [address, bits, ...rest] = value.split('/');
  const version = isIP(address ?? '');
  if (!version || rest.length > 0) return false;
  return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
}, 'expected an IP address, a CIDR range such as 10.0.0.0/8, or loopback / linklocal / uniquelocal');

const stageId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lowercase id of letters, digits and "-", e.g. "first"');

/** One stage of the response approval chain. */
export const approvalStageSchema = z.strictObject({
  id: stageId.describe('Stable id, stored with every approval.'),
  name: z.string().min(1).describe('Name shown in the app (Chinese).'),
  nameEn: z.string().min(1).describe('Name shown in the English UI.'),
  roles: z.array(z.enum(reviewRoles)).min(1).default(['reviewer', 'admin']).describe('Roles allowed to approve or return at this stage.'),
}).describe('An approval stage.');

/** A reason a reviewer can give for dismissing a post. */
export const dismissReasonSchema = z.strictObject({
  id: stageId.describe('Stable id, stored in `review.dismissReason`.'),
  label: z.string().min(1).describe('Label (Chinese).'),
  labelEn: z.string().min(1).describe('Label in the English UI.'),
}).describe('A dismiss reason.');

/** A channel a published response can go out on. */
export const responseChannelSchema = z.strictObject({
  id: stageId.describe('Stable id, stored with the response.'),
  label: z.string().min(1).describe('Label (Chinese).'),
  labelEn: z.string().min(1).describe('Label in the English UI.'),
}).describe('A response channel.');

const defaultStages = [
  { id: 'first', name: '初审', nameEn: 'First review', roles: ['reviewer', 'admin'] },
  { id: 'second', name: '复审', nameEn: 'Second review', roles: ['reviewer', 'admin'] },
  { id: 'final', name: '签发', nameEn: 'Sign-off', roles: ['leader', 'admin'] },
] satisfies z.input<typeof approvalStageSchema>[];

/** Risk levels a chain, a deadline or a unit can be set for (posts without a risk score count as low). */
const levels = ['low', 'medium', 'high', 'critical'] as const;

const chainOf = z.array(stageId).min(1).optional();

/** The chains of the default stages: one stage for low and medium risk, two for high, three (with 签发) for critical. */
export const defaultApprovalChains = { low: ['first'], medium: ['first'], high: ['first', 'second'], critical: ['first', 'second', 'final'] } as const;

/** Which stages of `approvalStages` a response passes, by the post's risk level when it is submitted. */
export const approvalChainsSchema = z.strictObject({
  low: chainOf.describe('Stage ids for low-risk (and unscored) posts. Default with the default stages: 初审.'),
  medium: chainOf.describe('Stage ids for medium-risk posts. Default with the default stages: 初审.'),
  high: chainOf.describe('Stage ids for high-risk posts. Default with the default stages: 初审 → 复审.'),
  critical: chainOf.describe('Stage ids for critical posts. Default with the default stages: 初审 → 复审 → 签发.'),
}).describe('The approval chain per risk level, as stage ids of `approvalStages` in order, fixed for a round when the draft is submitted. A level left out takes its default when `approvalStages` is the default, else every stage in order.');

const deadline = (minutes: number) => z.number().min(0).default(minutes);

/** How long a post may stay open, per risk level. */
export const slaSchema = z.strictObject({
  low: deadline(0).describe('Minutes from first seen until a low-risk post must be closed (responded or dismissed); 0: no deadline.'),
  medium: deadline(1440).describe('Minutes for a medium-risk post; 0: no deadline.'),
  high: deadline(240).describe('Minutes for a high-risk post; 0: no deadline.'),
  critical: deadline(60).describe('Minutes for a critical post; 0: no deadline.'),
}).describe('Handling deadlines (SLA) per risk level: the queue shows each open post\'s remaining time, highlights overdue ones, and alerts send one 超时 alert per overdue post (`alerts.overdue`).');

/** A unit (department) that can be made responsible for a post (交办). */
export const responsibleUnitSchema = z.strictObject({
  id: stageId.describe('Stable id, stored in `review.unit`.'),
  name: z.string().min(1).describe('Name shown in the app and the digest (Chinese).'),
  categories: z.array(z.string()).default([]).describe('Risk categories this unit is proposed for when a post has no unit yet.'),
}).describe('A responsible unit (责任单位).');

const defaultUnits = [
  { id: 'office', name: '办公室（舆情专班）', categories: ['organisation-mention', 'rumour'] },
  { id: 'environment', name: '生态环境部门', categories: ['environmental-pollution'] },
  { id: 'market-regulation', name: '市场监管部门', categories: ['food-drug-safety', 'service-complaint'] },
  { id: 'emergency', name: '应急管理部门', categories: ['safety-incident'] },
  { id: 'health', name: '卫生健康部门', categories: ['public-health'] },
  { id: 'public-security', name: '公安部门', categories: ['fraud-scam'] },
  { id: 'cyberspace', name: '网信部门', categories: ['data-leak-cyber'] },
] satisfies z.input<typeof responsibleUnitSchema>[];

const defaultDismissReasons = [
  { id: 'false-positive', label: '误报（规则误判）', labelEn: 'False positive (rule misfired)' },
  { id: 'not-relevant', label: '与本单位无关', labelEn: 'Not about us' },
  { id: 'duplicate', label: '重复信息', labelEn: 'Duplicate' },
  { id: 'already-handled', label: '已处理，无需回应', labelEn: 'Already handled, no response needed' },
  { id: 'other', label: '其他', labelEn: 'Other' },
] satisfies z.input<typeof dismissReasonSchema>[];

const defaultChannels = [
  { id: 'official-weibo', label: '官方微博', labelEn: 'Official Weibo' },
  { id: 'official-wechat', label: '微信公众号', labelEn: 'WeChat official account' },
  { id: 'website', label: '官方网站', labelEn: 'Official website' },
  { id: 'platform-reply', label: '平台留言回复', labelEn: 'Reply on the platform' },
  { id: 'hotline-callback', label: '热线回访', labelEn: 'Hotline call-back' },
  { id: 'press', label: '新闻发布', labelEn: 'Press release' },
] satisfies z.input<typeof responseChannelSchema>[];

/** The review web app: where it listens, who may sign in and how, and the review workflow. */
export const reviewSchema = z.strictObject({
  enabled: z.boolean().default(true).describe('Serve the review app from `yuqing start` (`yuqing serve` always serves it).'),
  host: z.string().default('127.0.0.1').meta({ env: 'YUQING_REVIEW_HOST' })
    .describe('Interface the review app listens on. Keep 127.0.0.1 behind a TLS reverse proxy; 0.0.0.0 exposes it.'),
  port: z.number().int().min(0).max(65535).default(8780).meta({ env: 'YUQING_REVIEW_PORT' }).describe('HTTP port of the review app (0: any free port).'),
  publicUrl: httpUrl().optional().meta({ env: 'YUQING_REVIEW_PUBLIC_URL' })
    .describe('URL users reach the app at, when behind a reverse proxy (printed at start; its origin is the only one accepted on state changes).'),
  trustProxy: z.union([z.boolean(), z.array(proxyAddress).min(1)]).default(false)
    .describe('Use X-Forwarded-For/-Proto (client address for sign-in limits and audit, https for cookies) only from these proxies: a list of addresses or CIDR ranges (`loopback`, `uniquelocal` too), or `true` to trust any sender — only when nothing but the proxy can reach the app. `false`: the socket address counts and forwarded headers are ignored.'),
  language: z.enum(['zh-CN', 'en']).default('zh-CN').describe('Default UI language; each user can switch.'),
  sessionIdleMinutes: z.number().int().min(1).default(120).describe('A session ends after this many minutes without a request.'),
  sessionMaxHours: z.number().min(0.1).default(12).describe('A session ends this many hours after sign-in, however active.'),
  authCacheSeconds: z.number().min(0).default(5)
    .describe('How long a checked session and its user are trusted without asking Elasticsearch again (0: every request). Sign-out, disable and role changes made in this process apply at once; those made by another process (e.g. `yuqing users disable`) within this delay.'),
  secureCookies: z.enum(['auto', 'always', 'never']).default('auto')
    .describe('`Secure` flag of the cookies: `auto` sets it when `publicUrl` is https or the request came over https (directly or via a trusted proxy).'),
  loginRateLimit: z.strictObject({
    maxAttempts: z.number().int().min(1).default(5)
      .describe('Failed sign-ins to one account from devices it never signed in on before the delays start (a device it signed in on is never delayed by others\' failures).'),
    firstDelaySeconds: z.number().min(1).default(30).describe('Wait after reaching maxAttempts, in seconds; doubles with every further failure.'),
    maxDelayMinutes: z.number().min(1).default(60).describe('Longest wait between two sign-in attempts to one account, in minutes.'),
    maxFailuresPerAddress: z.number().int().min(1).default(30)
      .describe('Failed sign-ins from one client address, whatever the user names, within windowMinutes before that address must wait (stops password spraying; successful sign-ins do not count).'),
    windowMinutes: z.number().min(0.1).default(15).describe('Window of the per-address limit in minutes.'),
    knownDeviceDays: z.number().min(1).default(90).describe('How long a browser stays known to an account after a successful sign-in on it, in days.'),
  }).prefault({}).describe('Brute-force and spraying protection of the sign-in (see dashboards/review-app/README.md "Sign-in limits").'),
  passwordMinLength: z.number().int().min(8).default(12).describe('Minimum length of a password set in the app or with `yuqing users`.'),
  passwordHashCost: z.number().int().min(1024).default(32_768)
    .describe('scrypt cost parameter N (power of two) for new password hashes; each hash stores its own, so raising it affects only new passwords.'),
  initialAdmin: z.strictObject({
    username: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,31}$/).default('admin').describe('User name of the administrator created when no user exists.'),
    password: z.string().min(12).optional().meta({ env: 'YUQING_REVIEW_ADMIN_PASSWORD' })
      .describe('Password of that administrator. Unset: a random one is generated and printed once at start. Never a default.'),
  }).prefault({}).describe('The first administrator (there is no default password).'),
  approvalStages: z.array(approvalStageSchema).min(1).default(defaultStages)
    .describe('The approval stages and who decides each (default 初审 and 复审 by reviewers, 签发 by leaders; admins may decide any). `approvalChains` picks the stages per risk level.'),
  approvalChains: approvalChainsSchema.prefault({}),
  distinctApprovers: z.boolean().default(true).describe('Each stage of one approval round must be approved by a different person.'),
  sla: slaSchema.prefault({}),
  responsibleUnits: z.array(responsibleUnitSchema).default(defaultUnits)
    .describe('Units a supervisor can make responsible for a post (交办); the digest names them per event. The first unit whose categories match a post is proposed.'),
  undoSeconds: z.number().int().min(0).max(60).default(8).describe('How long the person who claimed, released, assigned, dismissed, escalated or reopened a post can undo it (0: no undo).'),
  liveUpdateSeconds: z.number().int().min(5).max(600).default(15)
    .describe('How often open pages ask for new posts, inbox counts and notifications (the queue then offers "N 条新内容").'),
  draftAutosaveSeconds: z.number().int().min(1).max(300).default(3)
    .describe('Seconds after the last keystroke at which a typed response is saved on the server for its author, so it survives an expired session.'),
  notificationChannels: z.array(chatChannelIdSchema).default([])
    .describe('Chat channels (configured under `delivery`) that also receive the in-app notifications: a response submitted, returned, approved or published, a post escalated or assigned.'),
  dismissReasons: z.array(dismissReasonSchema).min(1).default(defaultDismissReasons).describe('Reasons offered when dismissing a post.'),
  falsePositiveReason: z.string().default('false-positive').describe('The dismiss reason that counts against a rule\'s precision on the rule feedback page.'),
  responseChannels: z.array(responseChannelSchema).min(1).default(defaultChannels).describe('Channels a response can be published on.'),
  queue: z.strictObject({
    pageSize: z.number().int().min(5).max(200).default(50).describe('Posts per queue page.'),
    flaggedMinimumLevel: z.enum(['low', 'medium', 'high', 'critical']).default('medium')
      .describe('The queue shows posts with a rule hit or at least this risk level (a filter can widen or narrow it).'),
  }).prefault({}).describe('The review queue.'),
  auditExportMaxRows: z.number().int().min(1).default(100_000).describe('Most audit entries one export returns.'),
}).superRefine((review, ctx) => {
  const unique = (ids: string[], path: string) => {
    const seen = new Set<string>();
    ids.forEach((id, index) => {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [path, index, 'id'], message: `duplicate id "${id}"` });
      seen.add(id);
    });
  };
  unique(review.approvalStages.map((stage) => stage.id), 'approvalStages');
  unique(review.dismissReasons.map((reason) => reason.id), 'dismissReasons');
  unique(review.responseChannels.map((channel) => channel.id), 'responseChannels');
  unique(review.responsibleUnits.map((unit) => unit.id), 'responsibleUnits');
  const stageIds = new Set(review.approvalStages.map((stage) => stage.id));
  for (const level of levels) {
    const chain = review.approvalChains[level];
    if (!chain) continue;
    chain.forEach((id, index) => {
      if (!stageIds.has(id)) ctx.addIssue({ code: 'custom', path: ['approvalChains', level, index], message: `"${id}" is not one of the approvalStages ids (${[...stageIds].join(', ')})` });
    });
    if (new Set(chain).size !== chain.length) ctx.addIssue({ code: 'custom', path: ['approvalChains', level], message: 'a stage appears twice in one chain' });
  }
  if (!review.dismissReasons.some((reason) => reason.id === review.falsePositiveReason)) {
    ctx.addIssue({ code: 'custom', path: ['falsePositiveReason'], message: `"${review.falsePositiveReason}" is not one of the dismissReasons ids` });
  }
  if ((review.passwordHashCost & (review.passwordHashCost - 1)) !== 0) {
    ctx.addIssue({ code: 'custom', path: ['passwordHashCost'], message: 'expected a power of two, e.g. 16384 or 32768' });
  }
}).describe('The review web app (queue, actions, 三审 approval, audit).');

/** The review section with every default filled. */
export type ReviewConfig = z.infer<typeof reviewSchema>;
/** An approval stage. */
export type ApprovalStage = z.infer<typeof approvalStageSchema>;
/** A responsible unit. */
export type ResponsibleUnit = z.infer<typeof responsibleUnitSchema>;
/** A risk level a chain or deadline is set for. */
export type ChainLevel = (typeof levels)[number];
