import type { estypes } from '@elastic/elasticsearch';
import { readRuleHits } from './stored-rule-hit.ts';

/** Statuses that are a reviewer's judgement on a post (its hits were right or wrong). */
export const decidedStatuses = ['responded', 'dismissed', 'escalated'] as const;

/** Feedback on one rule: how often it fired, how many of those were judged, how many were false positives. */
export interface RuleFeedback {
  ruleId: string;
  ruleName?: string | undefined;
  packId?: string | undefined;
  packVersion?: string | undefined;
  category?: string | undefined;
  hits: number;
  decided: number;
  falsePositives: number;
  /** (decided − false positives) / decided; undefined until a hit was judged. */
  precision?: number | undefined;
  latestHitAt?: string | undefined;
}

/** The aggregation behind the rule feedback page: per rule, hits, judged hits and false positives (pure). */
export function buildRuleFeedbackSearch(postsAlias: string, falsePositiveReason: string, sinceDays?: number): estypes.SearchRequest {
  return {
    index: postsAlias, size: 0, ignore_unavailable: true, allow_no_indices: true,
    query: { bool: { filter: [{ exists: { field: 'risk.ruleIds' } }, ...(sinceDays ? [{ range: { publishedAt: { gte: `now-${sinceDays}d/d` } } }] : [])] } },
    aggs: {
      rules: {
        terms: { field: 'risk.ruleIds', size: 2000 },
        aggs: {
          decided: { filter: { terms: { 'review.status': [...decidedStatuses] } } },
          falsePositives: { filter: { bool: { filter: [{ term: { 'review.status': 'dismissed' } }, { term: { 'review.dismissReason': falsePositiveReason } }] } } },
          latest: { max: { field: 'publishedAt' } },
          sample: { top_hits: { size: 1, _source: ['risk.hits'], sort: [{ publishedAt: { order: 'desc' } }] } },
        },
      },
    },
  };
}

interface FeedbackBucket {
  key: string;
  doc_count: number;
  decided: { doc_count: number };
  falsePositives: { doc_count: number };
  latest: { value: number | null; value_as_string?: string };
  sample: { hits: { hits: { _source?: { risk?: { hits?: unknown } } }[] } };
}

/** Reads the aggregation into rows, least precise first; rules never judged come last, most hits first. */
export function readRuleFeedback(response: estypes.SearchResponse): RuleFeedback[] {
  const buckets = (response.aggregations?.rules as { buckets?: FeedbackBucket[] } | undefined)?.buckets ?? [];
  const rows = buckets.map((bucket): RuleFeedback => {
    const hit = readRuleHits(bucket.sample.hits.hits[0]?._source?.risk?.hits).find((candidate) => candidate.ruleId === bucket.key);
    const decided = bucket.decided.doc_count;
    const falsePositives = bucket.falsePositives.doc_count;
    return {
      ruleId: bucket.key, ruleName: hit?.ruleName, packId: hit?.packId, packVersion: hit?.packVersion, category: hit?.category,
      hits: bucket.doc_count, decided, falsePositives,
      precision: decided > 0 ? (decided - falsePositives) / decided : undefined,
      latestHitAt: bucket.latest.value !== null ? new Date(bucket.latest.value).toISOString() : undefined,
    };
  });
  return rows.sort((a, b) => {
    if (a.precision !== undefined && b.precision !== undefined) return a.precision - b.precision || b.falsePositives - a.falsePositives;
    if (a.precision !== undefined) return -1;
    if (b.precision !== undefined) return 1;
    return b.hits - a.hits;
  });
}
