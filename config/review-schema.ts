import { isIP } from 'node:net';
import { z } from 'zod';
import { httpUrl } from './field-types/http-url.ts';

/** Roles of review-app users, least to most privileged in spirit (permissions are per route, not ordered). */
export const reviewRoles = ['commentator', 'reviewer', 'analyst', 'admin'] as const;
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
  { id: 'final', name: '终审', nameEn: 'Final review', roles: ['reviewer', 'admin'] },
] satisfies z.input<typeof approvalStageSchema>[];

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
    .describe('The response approval chain, in order (default 初审 → 复审 → 终审). A response is approved when the last stage approves.'),
  distinctApprovers: z.boolean().default(true).describe('Each stage of one approval round must be approved by a different person.'),
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
