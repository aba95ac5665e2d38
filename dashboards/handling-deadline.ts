import type { estypes } from '@elastic/elasticsearch';
import type { ReviewConfig } from '../config/review-schema.ts';
import { riskLevels } from '../pipeline/post-document.ts';

/** Review statuses that still need handling. */
export const openStatuses = ['new', 'in_progress', 'escalated'] as const;

type Sla = ReviewConfig['sla'];

/** The handling deadline of a post (`review.sla` by risk level from first seen), or undefined when its level has none. */
export function deadlineOf(post: { firstSeenAt?: string | undefined; crawledAt?: string | undefined; risk?: { level?: string | undefined } | undefined }, sla: Sla): Date | undefined {
  const level = (riskLevels as readonly string[]).includes(post.risk?.level ?? '') ? post.risk!.level as keyof Sla : 'low';
  const minutes = sla[level];
  const from = post.firstSeenAt ?? post.crawledAt;
  if (!minutes || !from) return undefined;
  return new Date(Date.parse(from) + minutes * 60_000);
}

/**
 * Open posts whose deadline passed before `before` (and, with `after`, not before `after`): one clause per risk
 * level with a deadline; unscored posts follow the low level.
 */
export function overdueQuery(sla: Sla, before: Date, after?: Date): estypes.QueryDslQueryContainer {
  const should = riskLevels.filter((level) => sla[level] > 0).map((level): estypes.QueryDslQueryContainer => {
    const shift = sla[level] * 60_000;
    const range = { firstSeenAt: { lt: new Date(before.getTime() - shift).toISOString(), ...(after ? { gte: new Date(after.getTime() - shift).toISOString() } : {}) } };
    const isLevel: estypes.QueryDslQueryContainer = level === 'low'
      ? { bool: { should: [{ term: { 'risk.level': 'low' } }, { bool: { must_not: [{ exists: { field: 'risk.level' } }] } }], minimum_should_match: 1 } }
      : { term: { 'risk.level': level } };
    return { bool: { filter: [isLevel, { range }] } };
  });
  // No level has a deadline: nothing is ever overdue.
  if (should.length === 0) return { bool: { must_not: [{ match_all: {} }] } };
  return { bool: { filter: [{ terms: { 'review.status': [...openStatuses] } }], should, minimum_should_match: 1 } };
}
