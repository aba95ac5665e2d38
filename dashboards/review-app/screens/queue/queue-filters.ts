import { z } from 'zod';
import { reviewStatuses, riskLevels, sentimentLabels } from '../../../../pipeline/post-document.ts';

// HTML forms send "" for "any"; repeated keys arrive as arrays. Both normalise to a list of non-empty values.
const list = <T extends z.ZodType<string>>(item: T) => z.preprocess(
  (value) => (value === undefined ? [] : [value].flat().filter((entry) => typeof entry === 'string' && entry.trim() !== '').map((entry) => (entry as string).trim())),
  z.array(item).max(20),
);
const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalText = (max: number) => z.preprocess((value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined), z.string().max(max).optional());
const dateBound = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined),
  z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
);

/** The personal inboxes. */
export const inboxKinds = ['todo', 'approve', 'submitted', 'overdue'] as const;
export type InboxKind = (typeof inboxKinds)[number];

/** Queue filters as they arrive in the query string (the page and `GET /api/queue` share them). */
export const queueQuerySchema = z.object({
  q: optionalText(200).describe('Text to find in title or content: phrases (substrings of Chinese text), separated by spaces; quotes keep spaces inside a phrase. Never interpreted as query syntax.'),
  from: dateBound.describe('Published on or after (YYYY-MM-DD in the configured time zone, or an ISO time).'),
  to: dateBound.describe('Published on or before (a date includes the whole day).'),
  source: list(z.string().max(100)).describe('Source ids.'),
  category: list(z.string().max(100)).describe('Risk categories (rule categories).'),
  rule: list(z.string().max(200)).describe('Rule ids (`pack/rule`).'),
  level: list(z.enum(riskLevels)).describe('Risk levels.'),
  sentiment: list(z.enum(sentimentLabels)).describe('Sentiment labels.'),
  status: list(z.enum(reviewStatuses)).describe('Review statuses (the per-status counts ignore this filter).'),
  assignee: optionalText(64).describe('A user name, `me`, or `none` for unassigned posts.'),
  inbox: z.preprocess(emptyToUndefined, z.enum(inboxKinds).optional())
    .describe('A personal inbox instead of the flagged queue: `todo` (待我处理), `approve` (待我审批), `submitted` (我提交的), `overdue` (已超时).'),
  scope: z.preprocess(emptyToUndefined, z.enum(['flagged', 'all']).default('flagged')).describe('`flagged`: posts with a rule hit or at least the configured risk level.'),
  sort: z.preprocess(emptyToUndefined, z.enum(['risk', 'recent']).default('risk')).describe('`risk`: risk score, then most recent; `recent`: most recent first.'),
  cursor: optionalText(1000).describe('`nextCursor` of the previous page.'),
  size: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(200).optional()).describe('Posts per page (default from config).'),
});
/** Parsed queue query. */
export type QueueQuery = z.infer<typeof queueQuerySchema>;

/**
 * Splits user search input into literal phrases: quoted parts (ASCII or Chinese quotes) stay whole, the rest
 * splits on white space. The phrases are only ever used as the text of phrase queries, so characters such as
 * `*`, `:`, `(`, `OR` or `"` have no meaning to Elasticsearch.
 */
export function parseSearchPhrases(input: string | undefined): string[] {
  if (!input) return [];
  const phrases: string[] = [];
  const pattern = /"([^"]*)"|“([^”]*)”|「([^」]*)」|(\S+)/g;
  for (const match of input.matchAll(pattern)) {
    const phrase = (match[1] ?? match[2] ?? match[3] ?? match[4] ?? '').trim();
    if (phrase) phrases.push(phrase);
  }
  return [...new Set(phrases)].slice(0, 8);
}
