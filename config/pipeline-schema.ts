import { z } from 'zod';
import { timeZoneName } from './field-types/time-zone.ts';

export const privacySchema = z.strictObject({
  redactPersonalIdentifiers: z.boolean().default(true)
    .describe('Replace phone numbers, ID-card numbers, e-mail addresses and bank-card numbers with placeholders before anything is stored in Elasticsearch.'),
  storeAuthorNames: z.boolean().default(true)
    .describe('Keep the public display name of a post author (needed to judge a post, never aggregated into per-person profiles).'),
}).describe('What personal data is kept.');

export const storageSchema = z.strictObject({
  dataDir: z.string().default('data').meta({ env: 'YUQING_DATA_DIR' })
    .describe('Folder for the raw spool, the Elasticsearch spool, crawl state and dead letters (relative to the working directory).'),
  retentionDays: z.number().int().min(1).default(365)
    .describe('Posts older than this (by month of publication) are removed by deleting whole monthly indices.'),
  keepProcessedRawHours: z.number().min(0).default(0)
    .describe('How long processed raw-spool segments are kept. They hold unredacted crawled text, so the default deletes them once indexed.'),
}).describe('Files on disk and how long data lives.');

export const pipelineSchema = z.strictObject({
  timeZone: timeZoneName().default('Asia/Shanghai').describe('Time zone used where a post has none (display, daily buckets).'),
  convertTraditional: z.boolean().default(true)
    .describe('Convert traditional Chinese to simplified for analysis; the original text is kept beside it.'),
  maxContentChars: z.number().int().min(100).default(20_000).describe('Longer post bodies are cut to this many characters before analysis and storage.'),
  analysisWorkers: z.number().int().min(0).max(64).default(1).meta({ env: 'YUQING_ANALYSIS_WORKERS' })
    .describe('Worker threads for segmentation, sentiment and rules (0: on the main thread). More help on machines with spare cores.'),
}).describe('Normalisation and analysis run by the pipeline.');

export type PrivacyConfig = z.infer<typeof privacySchema>;
export type StorageConfig = z.infer<typeof storageSchema>;
export type PipelineConfig = z.infer<typeof pipelineSchema>;
