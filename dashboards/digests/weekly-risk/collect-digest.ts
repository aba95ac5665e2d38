import type { Client, estypes } from '@elastic/elasticsearch';
import { DateTime } from 'luxon';
import type { DigestConfig } from '../../../config/digest-schema.ts';
import type { ReviewConfig } from '../../../config/review-schema.ts';
import { postAppUrl, storyAppUrl } from '../../review-links.ts';
import { assessStory, responsibleUnitOf, storyStatus } from '../event-assessment.ts';
import { collectStoryHandling, emptyHandling } from '../story-handling.ts';
import { reviewStatuses, riskLevelRank, type EventDocument, type IndexNames, type PostDocument, type SpikeDocument } from '../../../pipeline/post-document.ts';
import { findSpikeExamples } from '../../alerts/alert-candidates.ts';
import { categoryNames } from '../../display-names.ts';
import { truncateText } from '../../alerts/channels/chat-markdown-text.ts';
import { describePeriod, periodName, type DigestPeriod } from '../digest-period.ts';
import { digestDataSchema, type DigestData } from './digest-data.ts';

interface Bucket { key: string; key_as_string?: string; doc_count: number; [sub: string]: unknown }
type Buckets = { buckets: Bucket[] };
const bucketsOf = (aggregation: unknown): Bucket[] => (aggregation as Buckets | undefined)?.buckets ?? [];
const docCount = (aggregation: unknown): number => (aggregation as { doc_count?: number } | undefined)?.doc_count ?? 0;
const countIn = (buckets: Bucket[], key: string) => buckets.find((bucket) => bucket.key === key)?.doc_count ?? 0;

const highRisk: estypes.QueryDslQueryContainer = { range: { 'risk.levelRank': { gte: riskLevelRank.high } } };
const hasResponded: estypes.QueryDslQueryContainer = { bool: { should: [{ exists: { field: 'review.firstResponseAt' } }, { term: { 'review.status': 'responded' } }], minimum_should_match: 1 } };

/** Ids in stored rule hits → rule names (hits are plain data the pipeline stored with the post). */
function ruleNamesFrom(posts: { risk?: { hits?: unknown[] } }[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const post of posts) {
    for (const hit of post.risk?.hits ?? []) {
      const { ruleId, ruleName } = (hit ?? {}) as { ruleId?: unknown; ruleName?: unknown };
      if (typeof ruleId === 'string' && typeof ruleName === 'string') names.set(ruleId, ruleName);
    }
  }
  return names;
}

/** Where the digest links into the review app, and the units it names. */
export type DigestReviewSettings = Pick<ReviewConfig, 'publicUrl' | 'host' | 'port' | 'responsibleUnits'>;

/** Every number of the digest, from Elasticsearch aggregations and searches over the stored posts, events and spikes. */
export async function collectDigest(client: Client, names: IndexNames, settings: DigestConfig, period: DigestPeriod, review: DigestReviewSettings, now = new Date()): Promise<DigestData> {
  const inPeriod: estypes.QueryDslQueryContainer = { range: { publishedAt: { gte: period.from.toISOString(), lt: period.to.toISOString() } } };
  const common = { index: names.posts, ignore_unavailable: true, allow_no_indices: true } as const;
  await client.indices.refresh({ index: [names.posts, names.events, names.spikes], ignore_unavailable: true, allow_no_indices: true });

  const overview = await client.search({
    ...common, size: 0, track_total_hits: true, query: inPeriod,
    aggregations: {
      sentiment: { terms: { field: 'sentiment.label', size: 5, missing: 'unscored' } },
      levels: { terms: { field: 'risk.level', size: 5, missing: 'unscored' } },
      daily: {
        date_histogram: {
          field: 'publishedAt', calendar_interval: 'day', time_zone: period.timeZone, min_doc_count: 0, format: 'yyyy-MM-dd',
          extended_bounds: { min: period.from.getTime(), max: period.to.getTime() - 1 },
        },
        aggs: { sentiment: { terms: { field: 'sentiment.label', size: 5, missing: 'unscored' } } },
      },
      keywords: { terms: { field: 'keywords', size: settings.topKeywords } },
      sourceCount: { cardinality: { field: 'sourceId' } },
      sources: {
        terms: { field: 'sourceId', size: settings.topSources },
        aggs: { name: { terms: { field: 'sourceName', size: 1 } }, highRisk: { filter: highRisk }, negative: { filter: { term: { 'sentiment.label': 'negative' } } } },
      },
      categories: { terms: { field: 'risk.categories', size: 30 }, aggs: { highRisk: { filter: highRisk } } },
      rules: {
        terms: { field: 'risk.ruleIds', size: settings.topRules },
        aggs: {
          dismissed: { filter: { term: { 'review.status': 'dismissed' } } },
          falsePositive: { filter: { terms: { 'review.dismissReason': settings.falsePositiveReasons } } },
          sample: { top_hits: { size: 1, _source: ['risk.hits'] } },
        },
      },
      highRisk: {
        filter: highRisk,
        aggs: {
          responded: { filter: hasResponded },
          statuses: { terms: { field: 'review.status', size: 10 } },
        },
      },
      responseTime: { filter: { exists: { field: 'review.firstResponseMinutes' } }, aggs: { median: { percentiles: { field: 'review.firstResponseMinutes', percents: [50] } } } },
    },
  });
  const aggregations = overview.aggregations ?? {};
  const total = (overview.hits.total as estypes.SearchTotalHits).value;

  const previous = await client.count({ ...common, query: { range: { publishedAt: { gte: period.previousFrom.toISOString(), lt: period.previousTo.toISOString() } } } });
  const pendingApprovals = await client.count({ ...common, query: { term: { 'review.responseStatus': 'in_approval' } } });

  // Several times the list length, so that after keeping one post per story (event) the list is still full.
  const topRisk = await client.search<PostDocument>({
    ...common, size: Math.min(1000, settings.topRiskItems * 10),
    query: { bool: { filter: [inPeriod, highRisk], must_not: [{ exists: { field: 'duplicateOf' } }] } },
    sort: [{ 'risk.levelRank': 'desc' }, { 'risk.score': 'desc' }, { publishedAt: 'desc' }],
    _source: ['postId', 'title', 'content', 'url', 'sourceName', 'sourceId', 'publishedAt', 'eventId', 'risk.level', 'risk.score', 'risk.categories', 'review.status', 'review.responseStatus'],
  });
  const seenStories = new Set<string>();
  const topRiskPosts = topRisk.hits.hits.map((hit) => hit._source!).filter((post) => {
    const story = post.eventId ?? post.postId;
    if (seenStories.has(story)) return false;
    seenStories.add(story);
    return true;
  }).slice(0, settings.topRiskItems);
  const storyIds = topRiskPosts.map((post) => post.eventId).filter((id): id is string => id !== undefined);
  const stories = storyIds.length === 0 ? [] : (await client.search<EventDocument>({
    index: names.events, ignore_unavailable: true, allow_no_indices: true, size: storyIds.length, query: { terms: { eventId: storyIds } }, _source: ['eventId', 'postCount'],
  })).hits.hits.map((hit) => hit._source!);

  const eventsInPeriod = { range: { firstSeenAt: { gte: period.from.toISOString(), lt: period.to.toISOString() } } };
  const events = await client.search<EventDocument>({
    index: names.events, ignore_unavailable: true, allow_no_indices: true, size: settings.topEvents, track_total_hits: true, query: eventsInPeriod,
    sort: [{ maxRiskLevelRank: 'desc' }, { postCount: 'desc' }, { firstSeenAt: 'asc' }],
  });
  const eventDocs = events.hits.hits.map((hit) => hit._source!).filter(Boolean);
  const representatives = eventDocs.length === 0 ? [] : (await client.search<PostDocument>({
    ...common, size: eventDocs.length, query: { terms: { postId: eventDocs.map((event) => event.representativePostId) } }, _source: ['postId', 'title', 'content', 'url'],
  })).hits.hits.map((hit) => hit._source!);

  // 本周要点: stories active in the period (seen in it), riskiest and largest first, medium risk and above.
  const highlightEvents = (await client.search<EventDocument>({
    index: names.events, ignore_unavailable: true, allow_no_indices: true, size: settings.highlights,
    query: { bool: { filter: [
      { range: { lastSeenAt: { gte: period.from.toISOString() } } }, { range: { firstSeenAt: { lt: period.to.toISOString() } } },
      { range: { maxRiskLevelRank: { gte: riskLevelRank.medium } } },
    ] } },
    sort: [{ maxRiskLevelRank: 'desc' }, { postCount: 'desc' }, { maxRiskScore: 'desc' }, { eventId: 'asc' }],
  })).hits.hits.map((hit) => hit._source!).filter(Boolean);
  const highlightHandling = await collectStoryHandling(client, names.posts, highlightEvents.map((event) => event.eventId));
  const highlightPosts = highlightEvents.length === 0 ? [] : (await client.search<PostDocument>({
    ...common, size: highlightEvents.length, query: { terms: { postId: highlightEvents.map((event) => event.representativePostId) } }, _source: ['postId', 'title', 'content', 'url'],
  })).hits.hits.map((hit) => hit._source!);

  const spikes = await client.search<SpikeDocument>({
    index: names.spikes, ignore_unavailable: true, allow_no_indices: true, size: 50, track_total_hits: true,
    query: { range: { detectedAt: { gte: period.from.toISOString(), lt: period.to.toISOString() } } }, sort: [{ detectedAt: 'asc' }],
  });
  const spikeDocs = spikes.hits.hits.map((hit) => hit._source!).filter(Boolean);
  const spikeExamples = await findSpikeExamples(client, names, spikeDocs);

  const sentimentBuckets = bucketsOf(aggregations.sentiment);
  const levelBuckets = bucketsOf(aggregations.levels);
  const ruleBuckets = bucketsOf(aggregations.rules);
  const ruleNames = ruleNamesFrom(ruleBuckets.flatMap((bucket) => ((bucket.sample as { hits: { hits: { _source: PostDocument }[] } }).hits.hits).map((hit) => hit._source)));
  const highRiskAgg = aggregations.highRisk as { doc_count: number; responded: unknown; statuses: unknown } | undefined;
  const statuses = bucketsOf(highRiskAgg?.statuses);
  const responseTime = aggregations.responseTime as { doc_count: number; median: { values: Record<string, number | null> } } | undefined;
  const titleOf = (post: Pick<PostDocument, 'title' | 'content'>) => post.title?.trim() || truncateText(post.content.replace(/\s+/g, ' ').trim(), 40);

  return digestDataSchema.parse({
    title: settings.title,
    period: {
      label: period.label, kind: period.kind, text: describePeriod(period), from: period.from.toISOString(), to: period.to.toISOString(),
      previousFrom: period.previousFrom.toISOString(), previousTo: period.previousTo.toISOString(), timeZone: period.timeZone,
      name: periodName(period), isPartial: period.isPartial ?? false,
    },
    highlights: highlightEvents.map((event) => {
      const handling = highlightHandling.get(event.eventId) ?? emptyHandling;
      const unit = responsibleUnitOf(handling, event.categories, review.responsibleUnits);
      const representative = highlightPosts.find((post) => post.postId === event.representativePostId);
      return {
        eventId: event.eventId, title: event.title, maxRiskLevel: event.maxRiskLevel, postCount: event.postCount, sourceCount: event.sourceCount,
        assessment: assessStory(event, period.timeZone), status: storyStatus(handling), ...(unit ? { unit: unit.name } : {}), isUnitProposed: unit?.isProposed ?? false,
        appUrl: storyAppUrl(review, event.eventId), ...(representative ? { representative: { title: titleOf(representative), url: representative.url } } : {}),
      };
    }),
    generatedAt: now.toISOString(),
    volume: { total, previousTotal: previous.count },
    daily: bucketsOf(aggregations.daily).map((day) => {
      const split = bucketsOf(day.sentiment);
      return { date: day.key_as_string ?? DateTime.fromMillis(Number(day.key), { zone: period.timeZone }).toISODate()!, total: day.doc_count, negative: countIn(split, 'negative'), neutral: countIn(split, 'neutral'), positive: countIn(split, 'positive'), unscored: countIn(split, 'unscored') };
    }),
    sentiment: { negative: countIn(sentimentBuckets, 'negative'), neutral: countIn(sentimentBuckets, 'neutral'), positive: countIn(sentimentBuckets, 'positive'), unscored: countIn(sentimentBuckets, 'unscored') },
    riskLevels: { critical: countIn(levelBuckets, 'critical'), high: countIn(levelBuckets, 'high'), medium: countIn(levelBuckets, 'medium'), low: countIn(levelBuckets, 'low'), unscored: countIn(levelBuckets, 'unscored') },
    topRiskItems: topRiskPosts.map((post) => ({
      postId: post.postId, title: titleOf(post), url: post.url, sourceName: post.sourceName ?? post.sourceId, publishedAt: new Date(post.publishedAt).toISOString(),
      level: post.risk!.level, score: post.risk!.score, categories: post.risk!.categories,
      storyPosts: stories.find((story) => story.eventId === post.eventId)?.postCount ?? 1,
      ...(post.review?.status ? { reviewStatus: post.review.status } : {}), ...(post.review?.responseStatus ? { responseStatus: post.review.responseStatus } : {}),
      appUrl: postAppUrl(review, post.postId),
    })),
    newEvents: {
      total: (events.hits.total as estypes.SearchTotalHits).value,
      items: eventDocs.map((event) => {
        const representative = representatives.find((post) => post.postId === event.representativePostId);
        return {
          eventId: event.eventId, title: event.title, firstSeenAt: new Date(event.firstSeenAt).toISOString(), postCount: event.postCount, sourceCount: event.sourceCount,
          maxRiskLevel: event.maxRiskLevel, maxRiskScore: event.maxRiskScore, ...(representative ? { representative: { title: titleOf(representative), url: representative.url } } : {}),
          appUrl: storyAppUrl(review, event.eventId),
        };
      }),
    },
    spikes: {
      total: (spikes.hits.total as estypes.SearchTotalHits).value,
      items: spikeDocs.map((spike, index) => ({
        dimension: spike.dimension, value: spike.value, detectedAt: new Date(spike.detectedAt).toISOString(), count: spike.count, baselineMean: spike.baselineMean,
        ...(spikeExamples[index] ? { example: spikeExamples[index] } : {}),
      })),
    },
    topKeywords: bucketsOf(aggregations.keywords).map((bucket) => ({ keyword: bucket.key, count: bucket.doc_count })),
    sources: {
      total: (aggregations.sourceCount as { value: number } | undefined)?.value ?? 0,
      items: bucketsOf(aggregations.sources).map((bucket) => ({
        sourceId: bucket.key, sourceName: bucketsOf(bucket.name)[0]?.key ?? bucket.key, total: bucket.doc_count, highRisk: docCount(bucket.highRisk), negative: docCount(bucket.negative),
      })),
    },
    categories: bucketsOf(aggregations.categories).map((bucket) => ({ category: bucket.key, label: settings.categoryLabels[bucket.key] ?? categoryNames[bucket.key] ?? bucket.key, total: bucket.doc_count, highRisk: docCount(bucket.highRisk) })),
    rules: ruleBuckets.map((bucket) => ({
      ruleId: bucket.key, ...(ruleNames.has(bucket.key) ? { ruleName: ruleNames.get(bucket.key) } : {}), hits: bucket.doc_count, dismissed: docCount(bucket.dismissed), falsePositive: docCount(bucket.falsePositive),
    })),
    response: {
      highRisk: highRiskAgg?.doc_count ?? 0,
      responded: docCount(highRiskAgg?.responded),
      dismissed: countIn(statuses, 'dismissed'),
      byStatus: Object.fromEntries(reviewStatuses.map((status) => [status, countIn(statuses, status)])),
      timedResponses: responseTime?.doc_count ?? 0,
      medianFirstResponseMinutes: responseTime && responseTime.doc_count > 0 ? responseTime.median.values['50.0'] ?? null : null,
      pendingApprovals: pendingApprovals.count,
    },
  });
}
