import type { Client } from '@elastic/elasticsearch';
import { readRuleHits } from './stored-rule-hit.ts';

/** What the app knows about a rule from the hits stored in posts. */
export interface RuleInfo { ruleId: string; ruleName?: string | undefined; packId?: string | undefined; packVersion?: string | undefined; category?: string | undefined; severity?: string | undefined }

const cacheMillis = 5 * 60_000;

/**
 * Names of the rules that fired, read from stored hits (the app never imports rules/). Cached for a few
 * minutes: the list only grows when a new rule fires for the first time.
 */
export class RuleCatalogue {
  private cached?: { at: number; rules: Map<string, RuleInfo> };

  constructor(private readonly client: Client, private readonly postsAlias: string) {}

  /** Rule id → info, for every rule with at least one hit. */
  async all(): Promise<Map<string, RuleInfo>> {
    if (this.cached && Date.now() - this.cached.at < cacheMillis) return this.cached.rules;
    const response = await this.client.search({
      index: this.postsAlias, size: 0, ignore_unavailable: true, allow_no_indices: true,
      aggs: { rules: { terms: { field: 'risk.ruleIds', size: 2000 }, aggs: { sample: { top_hits: { size: 1, _source: ['risk.hits'], sort: [{ publishedAt: 'desc' }] } } } } },
    });
    const rules = new Map<string, RuleInfo>();
    const buckets = (response.aggregations?.rules as { buckets?: { key: string; sample: { hits: { hits: { _source?: { risk?: { hits?: unknown } } }[] } } }[] } | undefined)?.buckets ?? [];
    for (const bucket of buckets) {
      const hit = readRuleHits(bucket.sample.hits.hits[0]?._source?.risk?.hits).find((candidate) => candidate.ruleId === bucket.key);
      rules.set(bucket.key, { ruleId: bucket.key, ruleName: hit?.ruleName, packId: hit?.packId, packVersion: hit?.packVersion, category: hit?.category, severity: hit?.severity });
    }
    this.cached = { at: Date.now(), rules };
    return rules;
  }

  /** Forget the cache (after data changes in tests). */
  invalidate(): void {
    this.cached = undefined;
  }
}
