import type { Client, estypes } from '@elastic/elasticsearch';
import type { RecentStories } from './assign-events.ts';
import type { IndexOperation } from './index-operation.ts';
import { riskLevelRank, riskLevels, type EventDocument, type IndexNames, type PostDocument } from './post-document.ts';

const hourMillis = 3_600_000;
const eventKeywordCount = 10;

interface TermsBucket { key: string; doc_count: number }
interface EventBucket {
  key: string;
  doc_count: number;
  first: { value: number | null };
  last: { value: number | null };
  sources: { value: number; };
  sourceIds: { buckets: TermsBucket[] };
  categories: { buckets: TermsBucket[] };
  keywords: { buckets: TermsBucket[] };
  maxRisk: { value: number | null };
  negative: { doc_count: number };
  lastHour: { doc_count: number };
  previousHour: { doc_count: number };
  hours: { buckets: { key: number; doc_count: number }[] };
  firstReport: { hits: { hits: { _source?: Pick<PostDocument, 'postId' | 'title' | 'content'> }[] } };
}

function levelOf(score: number, thresholds: { medium: number; high: number; critical: number }): (typeof riskLevels)[number] {
  if (score >= thresholds.critical) return 'critical';
  if (score >= thresholds.high) return 'high';
  if (score >= thresholds.medium) return 'medium';
  return 'low';
}

/** Title of an event: its first report's title, or the start of its text. */
function eventTitle(post: Pick<PostDocument, 'title' | 'content'> | undefined): string {
  const title = post?.title?.trim();
  if (title) return title;
  const text = (post?.content ?? '').replace(/\s+/g, ' ').trim();
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * Recomputes the statistics of the given events from their posts with one aggregation per 200 events (first
 * and last post, sources, categories, keywords, top risk, negative share, posts in the last two hours, peak
 * hour) and returns partial updates of the event documents. Posts must be refreshed first.
 */
export async function computeEventUpdates(
  client: Client, names: IndexNames, eventIds: string[], levelThresholds: { medium: number; high: number; critical: number },
  recent: RecentStories, now = new Date(),
): Promise<IndexOperation[]> {
  const operations: IndexOperation[] = [];
  const nowMillis = now.getTime();
  for (let start = 0; start < eventIds.length; start += 200) {
    const ids = eventIds.slice(start, start + 200);
    const aggregations: Record<string, estypes.AggregationsAggregationContainer> = {
      events: {
        terms: { field: 'eventId', size: ids.length },
        aggs: {
          first: { min: { field: 'publishedAt' } },
          last: { max: { field: 'publishedAt' } },
          sources: { cardinality: { field: 'sourceId' } },
          sourceIds: { terms: { field: 'sourceId', size: 50 } },
          categories: { terms: { field: 'risk.categories', size: 20 } },
          keywords: { terms: { field: 'keywords', size: eventKeywordCount } },
          maxRisk: { max: { field: 'risk.score' } },
          negative: { filter: { term: { 'sentiment.label': 'negative' } } },
          lastHour: { filter: { range: { publishedAt: { gt: nowMillis - hourMillis, lte: nowMillis } } } },
          previousHour: { filter: { range: { publishedAt: { gt: nowMillis - 2 * hourMillis, lte: nowMillis - hourMillis } } } },
          hours: { date_histogram: { field: 'publishedAt', fixed_interval: '1h', min_doc_count: 1 } },
          firstReport: { top_hits: { size: 1, sort: [{ publishedAt: 'asc' }], _source: ['postId', 'title', 'content'] } },
        },
      },
    };
    const response = await client.search({ index: names.posts, size: 0, query: { terms: { eventId: ids } }, aggregations });
    const buckets = (response.aggregations?.events as { buckets: EventBucket[] } | undefined)?.buckets ?? [];
    for (const bucket of buckets) {
      const peak = bucket.hours.buckets.reduce((best, hour) => (hour.doc_count > best.doc_count ? hour : best), { key: bucket.first.value ?? nowMillis, doc_count: 0 });
      const maxRiskScore = bucket.maxRisk.value ?? 0;
      const maxRiskLevel = levelOf(maxRiskScore, levelThresholds);
      const firstReport = bucket.firstReport.hits.hits[0]?._source;
      const firstSeenAt = new Date(bucket.first.value ?? nowMillis).toISOString();
      const event: EventDocument = {
        eventId: bucket.key,
        title: eventTitle(firstReport),
        keywords: bucket.keywords.buckets.map((keyword) => keyword.key),
        firstSeenAt,
        lastSeenAt: new Date(bucket.last.value ?? nowMillis).toISOString(),
        updatedAt: now.toISOString(),
        postCount: bucket.doc_count,
        sourceCount: bucket.sources.value,
        sourceIds: bucket.sourceIds.buckets.map((source) => source.key),
        categories: bucket.categories.buckets.map((category) => category.key),
        representativePostId: firstReport?.postId ?? '',
        maxRiskScore,
        maxRiskLevel,
        maxRiskLevelRank: riskLevelRank[maxRiskLevel],
        negativeShare: Math.round((bucket.negative.doc_count / Math.max(1, bucket.doc_count)) * 1000) / 1000,
        postsLastHour: bucket.lastHour.doc_count,
        postsPreviousHour: bucket.previousHour.doc_count,
        growthRate: Math.round((bucket.lastHour.doc_count / Math.max(1, bucket.previousHour.doc_count)) * 100) / 100,
        peakHourAt: new Date(peak.key).toISOString(),
        peakHourCount: peak.doc_count,
      };
      recent.rememberEvent({ eventId: event.eventId, growthRate: event.growthRate });
      operations.push({ index: names.eventsIndexFor(firstSeenAt), id: event.eventId, doc: event, upsert: event, routeByAlias: names.events });
    }
  }
  return operations;
}
