import { z } from 'zod';
import { httpUrl } from './field-types/http-url.ts';

/** The chat and e-mail channels alerts and digests can be delivered to. */
export const channelIds = ['email', 'wecom', 'dingtalk', 'feishu', 'webhook'] as const;
/** The chat channels (everything but e-mail). */
export const chatChannelIds = ['wecom', 'dingtalk', 'feishu', 'webhook'] as const;
export const channelIdSchema = z.enum(channelIds);
export const chatChannelIdSchema = z.enum(chatChannelIds);
export type ChannelId = z.infer<typeof channelIdSchema>;
export type ChatChannelId = z.infer<typeof chatChannelIdSchema>;

export const smtpSchema = z.strictObject({
  host: z.string().optional().meta({ env: 'YUQING_SMTP_HOST' }).describe('SMTP server host name. E-mail delivery is off while unset.'),
  port: z.number().int().min(1).max(65535).default(465).meta({ env: 'YUQING_SMTP_PORT' }).describe('SMTP server port (465: implicit TLS; 587 or 25: STARTTLS when offered).'),
  secure: z.boolean().default(true).meta({ env: 'YUQING_SMTP_SECURE' })
    .describe('Connect with TLS from the start (port 465). When false, the connection is upgraded with STARTTLS if the server offers it.'),
  requireTls: z.boolean().default(false).describe('With `secure: false`, refuse to send unless the server upgrades to TLS with STARTTLS.'),
  username: z.string().optional().meta({ env: 'YUQING_SMTP_USERNAME' }).describe('SMTP login user; no authentication while unset.'),
  password: z.string().optional().meta({ env: 'YUQING_SMTP_PASSWORD' }).describe('SMTP login password.'),
  from: z.string().default('yuqing 舆情监测 <yuqing@localhost>').meta({ env: 'YUQING_SMTP_FROM' }).describe('Sender address of every message ("name <address>").'),
  timeoutSeconds: z.number().min(1).default(30).describe('Connection and greeting timeout in seconds.'),
}).describe('Outgoing e-mail (SMTP), shared by alerts and digests.');

const webhookUrl = httpUrl('expected an http(s) URL');
const timeoutSeconds = z.number().min(1).default(10).describe('Timeout of one request in seconds.');

export const wecomChannelSchema = z.strictObject({
  webhookUrl: webhookUrl.optional().meta({ env: 'YUQING_WECOM_WEBHOOK_URL' })
    .describe('企业微信 group robot URL (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…). The key in it is the secret. Off while unset.'),
  maxMessageBytes: z.number().int().min(512).default(4096)
    .describe('Largest markdown content per message in UTF-8 bytes (企业微信 documents 4096); longer alerts are split.'),
  timeoutSeconds,
}).describe('企业微信 (WeCom) group robot.');

export const dingtalkChannelSchema = z.strictObject({
  webhookUrl: webhookUrl.optional().meta({ env: 'YUQING_DINGTALK_WEBHOOK_URL' })
    .describe('钉钉 custom robot URL (https://oapi.dingtalk.com/robot/send?access_token=…). Off while unset.'),
  secret: z.string().optional().meta({ env: 'YUQING_DINGTALK_SECRET' })
    .describe('加签 secret (starts with SEC): every request carries timestamp and sign = Base64(HmacSHA256(secret, timestamp + "\\n" + secret)).'),
  maxMessageBytes: z.number().int().min(512).default(20_000).describe('Largest markdown text per message in UTF-8 bytes (钉钉 documents 20000); longer alerts are split.'),
  timeoutSeconds,
}).describe('钉钉 (DingTalk) custom robot.');

export const feishuChannelSchema = z.strictObject({
  webhookUrl: webhookUrl.optional().meta({ env: 'YUQING_FEISHU_WEBHOOK_URL' })
    .describe('飞书 custom bot URL (https://open.feishu.cn/open-apis/bot/v2/hook/…). Off while unset.'),
  secret: z.string().optional().meta({ env: 'YUQING_FEISHU_SECRET' })
    .describe('签名校验 secret: every request carries timestamp (seconds) and sign = Base64(HmacSHA256(key: timestamp + "\\n" + secret, message: empty)).'),
  maxMessageBytes: z.number().int().min(512).default(20_000).describe('Largest request body in bytes (飞书 documents 20 KB); longer alerts are split.'),
  timeoutSeconds,
}).describe('飞书 (Feishu/Lark) custom bot.');

export const webhookChannelSchema = z.strictObject({
  url: webhookUrl.optional().meta({ env: 'YUQING_ALERT_WEBHOOK_URL' }).describe('Receiver of JSON POSTs (schema in dashboards/alerts/README.md). Off while unset.'),
  secret: z.string().optional().meta({ env: 'YUQING_ALERT_WEBHOOK_SECRET' })
    .describe('When set, requests carry X-Yuqing-Timestamp (seconds) and X-Yuqing-Signature: sha256=hex(HmacSHA256(secret, timestamp + "." + body)).'),
  maxMessageBytes: z.number().int().min(1024).default(65_536).describe('Largest request body in bytes; longer alerts are split into several requests.'),
  timeoutSeconds,
}).describe('Generic JSON webhook.');

/** Where messages go: SMTP for e-mail and one robot per chat platform. */
export const deliverySchema = z.strictObject({
  smtp: smtpSchema.prefault({}),
  wecom: wecomChannelSchema.prefault({}),
  dingtalk: dingtalkChannelSchema.prefault({}),
  feishu: feishuChannelSchema.prefault({}),
  webhook: webhookChannelSchema.prefault({}),
}).describe('Channels shared by alerts and digests: SMTP and chat robots. A channel without its URL/host is off.');

export type SmtpConfig = z.infer<typeof smtpSchema>;
export type DeliveryConfig = z.infer<typeof deliverySchema>;
export type WecomChannelConfig = z.infer<typeof wecomChannelSchema>;
export type DingtalkChannelConfig = z.infer<typeof dingtalkChannelSchema>;
export type FeishuChannelConfig = z.infer<typeof feishuChannelSchema>;
export type WebhookChannelConfig = z.infer<typeof webhookChannelSchema>;
