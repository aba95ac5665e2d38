import { z } from 'zod';
import { alertsSchema } from './alerts-schema.ts';
import { deliverySchema } from './delivery-schema.ts';
import { digestSchema } from './digest-schema.ts';
import { analysisSchema } from './analysis-schema.ts';
import { runCrossFieldChecks } from './cross-field-checks.ts';
import { elasticsearchSchema } from './elasticsearch-schema.ts';
import { pipelineSchema, privacySchema, storageSchema } from './pipeline-schema.ts';
import { reviewSchema } from './review-schema.ts';
import { crawlDefaultsSchema, sourceSchema } from './sources-schema.ts';

export const demoSchema = z.strictObject({
  enabled: z.boolean().default(false).describe('Serve the bundled demo site (a city-government news portal) on 127.0.0.1 so the default sources have something to crawl.'),
  port: z.number().int().min(1).max(65535).default(8790).describe('Port of the demo site.'),
  newPostEveryMinutes: z.number().min(0).default(2).describe('How often the demo site publishes one of its queued posts (0: everything at once).'),
}).describe('The bundled demo site.');

/** The whole configuration file. Every field documents itself; the README reference is generated from this. */
export const configSchema = z.strictObject({
  logLevel: z.enum(['trace', 'debug', 'info', 'warn', 'error']).default('info').meta({ env: 'YUQING_LOG_LEVEL' }).describe('Log verbosity.'),
  elasticsearch: elasticsearchSchema.prefault({}),
  storage: storageSchema.prefault({}),
  privacy: privacySchema.prefault({}),
  pipeline: pipelineSchema.prefault({}),
  analysis: analysisSchema.prefault({}),
  crawl: crawlDefaultsSchema.prefault({}),
  sources: z.array(sourceSchema).default([]).describe('The sources to crawl; see "Declaring a source".'),
  demo: demoSchema.prefault({}),
  delivery: deliverySchema.prefault({}),
  alerts: alertsSchema.prefault({}),
  digest: digestSchema.prefault({}),
  review: reviewSchema.prefault({}),
}).superRefine(runCrossFieldChecks);

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
