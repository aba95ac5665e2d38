import type { Client } from '@elastic/elasticsearch';
import type { ElasticsearchConfig } from '../config/elasticsearch-schema.ts';
import { engagementMapping, eventsMapping, indexNames, monthlyIndexTemplate, postsIndexTemplate, postsMapping, spikesMapping, type IndexNames } from './post-document.ts';

/** Puts the templates the pipeline owns (posts, events, spikes, engagement snapshots) and brings existing post indices up to the current mapping (new fields only). */
export async function ensurePostIndices(client: Client, config: ElasticsearchConfig): Promise<IndexNames> {
  const names = indexNames(config.indexPrefix);
  const text = { analyzer: config.textAnalyzer, searchAnalyzer: config.searchAnalyzer };
  await client.indices.putIndexTemplate(postsIndexTemplate(names, {
    ...text, shards: config.shards, replicas: config.replicas, refreshIntervalSeconds: config.refreshIntervalSeconds,
  }));
  const existing = await client.indices.get({ index: names.postsPattern, expand_wildcards: 'open', allow_no_indices: true, ignore_unavailable: true });
  if (Object.keys(existing).length > 0) {
    // Adding fields is always allowed; a conflicting change fails here, loudly, before any write.
    await client.indices.putMapping({ index: names.postsPattern, ...postsMapping(text) });
  }
  const layout = { shards: 1, replicas: config.replicas };
  await client.indices.putIndexTemplate(monthlyIndexTemplate(names.events, eventsMapping(), layout));
  await client.indices.putIndexTemplate(monthlyIndexTemplate(names.spikes, spikesMapping(), layout));
  await client.indices.putIndexTemplate(monthlyIndexTemplate(names.engagement, engagementMapping(), layout));
  return names;
}
