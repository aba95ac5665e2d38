import { z } from 'zod';
import { chatChannelIdSchema } from './delivery-schema.ts';
import { cronExpression } from './field-types/cron-expression.ts';
import { httpUrl } from './field-types/http-url.ts';
import { timeZoneName } from './field-types/time-zone.ts';

export const digestFormats = ['html', 'markdown', 'pdf'] as const;

/** The periodic risk digest (weekly by default; a daily brief or monthly report is the same digest over another period). */
export const digestSchema = z.strictObject({
  enabled: z.boolean().default(true).meta({ env: 'YUQING_DIGEST_ENABLED' }).describe('Produce and deliver the digest on `schedule` while `yuqing start` runs.'),
  schedule: cronExpression('0 8 * * 1').default('0 8 * * 1')
    .describe('node-cron expression of the scheduled run (in `timeZone`); default Monday 08:00.'),
  period: z.enum(['day', 'week', 'month']).default('week').describe('What a scheduled run covers: the last complete day, ISO week or month before the run.'),
  timeZone: timeZoneName().default('Asia/Shanghai').describe('Time zone of period boundaries, daily buckets and printed times.'),
  title: z.string().default('舆情风险报告').describe('Report title; the period (e.g. 2026-W47) is added to it.'),
  reportsDir: z.string().default('reports').meta({ env: 'YUQING_REPORTS_DIR' }).describe('Folder the HTML, Markdown and PDF files are written to (relative to the working directory).'),
  formats: z.array(z.enum(digestFormats)).min(1).default([...digestFormats]).describe('Files written per digest.'),
  topRiskItems: z.number().int().min(1).max(100).default(10).describe('Highest-risk posts listed.'),
  topKeywords: z.number().int().min(1).max(100).default(20).describe('Keywords listed.'),
  topSources: z.number().int().min(1).max(100).default(10).describe('Sources listed in the per-source breakdown.'),
  topRules: z.number().int().min(1).max(100).default(15).describe('Rules listed with their hits and dismissal rates.'),
  topEvents: z.number().int().min(1).max(100).default(10).describe('New events listed.'),
  falsePositiveReasons: z.array(z.string()).default(['false-positive'])
    .describe('`review.dismissReason` ids (see `review.dismissReasons`) counted as false positives (误报) in the rule table.'),
  categoryLabels: z.record(z.string(), z.string()).default({
    'safety-incident': '安全事故', 'public-health': '公共卫生', 'food-drug-safety': '食品药品安全', 'environmental-pollution': '环境污染',
    'data-leak-cyber': '数据泄露与网络安全', 'fraud-scam': '诈骗与金融风险', rumour: '谣言与不实信息', 'service-complaint': '服务投诉与维权',
    'organisation-mention': '机构与服务提及',
  }).describe('Names printed for risk category ids (those of the built-in rule packs by default); other ids are printed as they are.'),
  chromiumPath: z.string().default('/usr/bin/chromium').meta({ env: 'CHROMIUM_PATH' }).describe('Chromium that prints the PDF (Debian package `chromium`).'),
  pdfTimeoutSeconds: z.number().min(5).default(60).describe('Longest wait for Chromium to print one PDF, in seconds.'),
  emailTo: z.array(z.string()).default([]).describe('Recipients of the digest e-mail (HTML body, PDF and Markdown attached); e-mail is off while empty.'),
  chatChannels: z.array(chatChannelIdSchema).default([]).describe('Chat channels (configured under `delivery`) that receive a summary with the top risk items.'),
  reportBaseUrl: httpUrl().optional().describe('URL where `reportsDir` is served; when set, chat summaries link to the HTML report.'),
}).describe('The risk digest.');

export type DigestConfig = z.infer<typeof digestSchema>;
export type DigestFormat = (typeof digestFormats)[number];
