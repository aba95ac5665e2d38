import { createHash } from 'node:crypto';
import type { Client, estypes } from '@elastic/elasticsearch';
import type { AnalysisConfig } from '../config/analysis-schema.ts';
import { detectSpike } from '../rules/spikes/detect-spike.ts';
import type { IndexOperation } from './index-operation.ts';
import type { IndexNames, SpikeDocument } from './post-document.ts';

const hourMillis = 3_600_000;
// One burst lifts many of its words at once: it is reported as one keyword spike (the strongest word) naming
// the others, which share its cool-down.
const maxAlsoRising = 10;
const dimensionFields = { rule: 'risk.ruleIds', category: 'risk.categories', keyword: 'keywords' } as const;

type Dimension = keyof typeof dimensionFields;
interface SeriesBucket { key: string; windows: { buckets: { key: string; doc_count: number }[] } }

/** Hourly windows ending now, oldest first: window i covers (now − (n−i)·1h, now − (n−i−1)·1h]. */
function hourlyWindows(now: number, count: number): { key: string; from: number; to: number }[] {
  return Array.from({ length: count }, (_, i) => {
    const to = now - (count - 1 - i) * hourMillis;
    return { key: String(i).padStart(3, '0'), from: to - hourMillis, to };
  });
}

/**
 * Looks for spikes: per rule, category and busiest keyword, the posts published in the last hour against the
 * trailing hours (mean + k·σ, minimum volume, cool-down against spikes already stored). Returns the new spike
 * documents to write.
 */
export async function detectSpikes(client: Client, names: IndexNames, settings: AnalysisConfig['spikes'], now = new Date()): Promise<IndexOperation[]> {
  const nowMillis = now.getTime();
  const { dimensions, topKeywords, ...detectorSettings } = settings;
  const windows = hourlyWindows(nowMillis, settings.baselineHours + 1);
  const span = { range: { publishedAt: { gt: windows[0]!.from, lte: nowMillis } } };
  const windowsAgg: estypes.AggregationsAggregationContainer = {
    range: { field: 'publishedAt', keyed: false, ranges: windows.map((w) => ({ key: w.key, from: w.from + 1, to: w.to + 1 })) },
  };
  const recentSpikes = await client.search<SpikeDocument>({
    index: names.spikes, size: 1000, ignore_unavailable: true, allow_no_indices: true, _source: ['dimension', 'value', 'detectedAt', 'alsoRising'],
    query: { range: { detectedAt: { gte: nowMillis - (settings.cooldownHours + 1) * hourMillis } } },
  });
  const lastSpikeAt = new Map<string, number>();
  for (const hit of recentSpikes.hits.hits) {
    const spike = hit._source;
    if (!spike) continue;
    for (const value of [spike.value, ...(spike.alsoRising ?? [])]) {
      const key = `${spike.dimension}\u0000${value}`;
      lastSpikeAt.set(key, Math.max(lastSpikeAt.get(key) ?? 0, Date.parse(spike.detectedAt)));
    }
  }

  const found: { dimension: Dimension; zScore: number; spike: SpikeDocument }[] = [];
  for (const dimension of dimensions as Dimension[]) {
    const field = dimensionFields[dimension];
    let include: string[] | undefined;
    if (dimension === 'keyword') {
      const busiest = await client.search({
        index: names.posts, size: 0, query: { range: { publishedAt: { gt: nowMillis - hourMillis, lte: nowMillis } } },
        aggregations: { top: { terms: { field, size: topKeywords } } },
      });
      include = ((busiest.aggregations?.top as { buckets: { key: string }[] } | undefined)?.buckets ?? []).map((bucket) => bucket.key);
      if (include.length === 0) continue;
    }
    const response = await client.search({
      index: names.posts, size: 0, query: span,
      aggregations: { series: { terms: { field, size: include?.length ?? 100, ...(include ? { include } : {}) }, aggs: { windows: windowsAgg } } },
    });
    const series = (response.aggregations?.series as { buckets: SeriesBucket[] } | undefined)?.buckets ?? [];
    for (const bucket of series) {
      const counts = windows.map((window) => bucket.windows.buckets.find((b) => b.key === window.key)?.doc_count ?? 0);
      const last = lastSpikeAt.get(`${dimension}\u0000${bucket.key}`);
      const decision = detectSpike(counts, detectorSettings, last === undefined ? undefined : (nowMillis - last) / hourMillis);
      if (!decision.isSpike) continue;
      const lastWindow = windows.at(-1)!;
      const spike: SpikeDocument = {
        spikeId: createHash('sha256').update(`${dimension}\n${bucket.key}\n${Math.floor(nowMillis / hourMillis)}`).digest('hex').slice(0, 20),
        dimension, value: bucket.key, detectedAt: now.toISOString(),
        windowStart: new Date(lastWindow.from).toISOString(), windowEnd: new Date(lastWindow.to).toISOString(),
        count: decision.current, baselineMean: decision.mean, baselineStdDev: decision.stdDev, threshold: decision.threshold,
      };
      found.push({ dimension, zScore: decision.zScore, spike });
    }
  }
  const [strongest, ...others] = found.filter((item) => item.dimension === 'keyword').sort((a, b) => b.zScore - a.zScore);
  const spikes = found.filter((item) => item.dimension !== 'keyword').map((item) => item.spike);
  if (strongest) spikes.push({ ...strongest.spike, ...(others.length ? { alsoRising: others.slice(0, maxAlsoRising).map((item) => item.spike.value) } : {}) });
  return spikes.map((spike) => ({ index: names.spikesIndexFor(now), id: spike.spikeId, doc: spike, upsert: spike }));
}
