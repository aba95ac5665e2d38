import type { Client, estypes } from '@elastic/elasticsearch';
import type { IndexNames, PostDocument, SpikeDocument } from '../../pipeline/post-document.ts';
import type { PostSubject, SpikeSubject } from './alert-subject.ts';
import { truncateText } from './channels/chat-markdown-text.ts';

const excerptChars = 160;
const spikeFields = { rule: 'risk.ruleIds', category: 'risk.categories', keyword: 'keywords' } as const;
const postFields = ['postId', 'title', 'content', 'url', 'sourceName', 'sourceId', 'publishedAt', 'firstSeenAt', 'crawledAt', 'lastSeenAt', 'risk', 'eventId', 'duplicateOf', 'review.status', 'review.assignee'];

/** Rule names from stored hits (plain data written by the pipeline), most severe first as stored. */
function ruleNames(hits: unknown[]): string[] {
  const names = hits.map((hit) => (hit && typeof hit === 'object' && 'ruleName' in hit ? String((hit as { ruleName: unknown }).ruleName) : undefined));
  return [...new Set(names.filter((name): name is string => name !== undefined))];
}

/** A stored post as an alert subject. */
export function postSubject(post: PostDocument): PostSubject | undefined {
  if (!post.risk) return undefined;
  const text = post.content.replace(/\s+/g, ' ').trim();
  return {
    kind: 'post', key: `post:${post.postId}`, postId: post.postId, eventKey: post.eventId ?? post.duplicateOf ?? post.postId,
    level: post.risk.level, levelRank: post.risk.levelRank, score: post.risk.score,
    packIds: post.risk.packIds, categories: post.risk.categories, ruleNames: ruleNames(post.risk.hits),
    title: post.title?.trim() || truncateText(text, 40), excerpt: truncateText(text, excerptChars), url: post.url,
    sourceId: post.sourceId, sourceName: post.sourceName ?? post.sourceId, publishedAt: post.publishedAt, lastSeenAt: post.lastSeenAt,
  };
}

/** Posts at `minRank` or above last crawled since `since`, newest first. */
export async function findRiskyPosts(client: Client, names: IndexNames, minRank: number, since: Date, maxPosts: number): Promise<PostSubject[]> {
  const response = await client.search<PostDocument>({
    index: names.posts, size: maxPosts, ignore_unavailable: true, allow_no_indices: true, _source: postFields,
    query: { bool: { filter: [{ range: { 'risk.levelRank': { gte: minRank } } }, { range: { lastSeenAt: { gte: since.toISOString() } } }] } },
    sort: [{ lastSeenAt: 'desc' }, { 'risk.levelRank': 'desc' }],
  });
  return response.hits.hits.map((hit) => hit._source && postSubject(hit._source)).filter((subject): subject is PostSubject => subject !== undefined);
}

/** The highest-risk post of each spike's window and series, to link the spike to a source. */
export async function findSpikeExamples(client: Client, names: IndexNames, spikes: SpikeDocument[]): Promise<({ title: string; url: string; postId: string } | undefined)[]> {
  if (spikes.length === 0) return [];
  const searches: estypes.MsearchRequestItem[] = spikes.flatMap((spike) => [
    { index: names.posts, ignore_unavailable: true, allow_no_indices: true },
    {
      size: 1, _source: ['postId', 'title', 'content', 'url'],
      query: { bool: { filter: [{ term: { [spikeFields[spike.dimension]]: spike.value } }, { range: { publishedAt: { gt: spike.windowStart, lte: spike.windowEnd } } }] } },
      sort: [{ 'risk.levelRank': { order: 'desc', unmapped_type: 'byte' } }, { 'risk.score': { order: 'desc', unmapped_type: 'float' } }],
    },
  ]);
  const examples = await client.msearch<PostDocument>({ searches });
  return spikes.map((_, index) => {
    const answer = examples.responses[index];
    const post = answer && 'hits' in answer ? answer.hits.hits[0]?._source : undefined;
    return post ? { title: post.title?.trim() || truncateText(post.content.replace(/\s+/g, ' '), 40), url: post.url, postId: post.postId } : undefined;
  });
}

/** Spikes detected since `since`, each with the highest-risk post of its window as the example to link. */
export async function findNewSpikes(client: Client, names: IndexNames, since: Date, maxSpikes: number): Promise<SpikeSubject[]> {
  const response = await client.search<SpikeDocument>({
    index: names.spikes, size: maxSpikes, ignore_unavailable: true, allow_no_indices: true,
    query: { range: { detectedAt: { gte: since.toISOString() } } }, sort: [{ detectedAt: 'desc' }],
  });
  const spikes = response.hits.hits.map((hit) => hit._source).filter((spike): spike is SpikeDocument => spike !== undefined);
  const examples = await findSpikeExamples(client, names, spikes);
  return spikes.map((spike, index) => ({
    kind: 'spike', key: `spike:${spike.spikeId}`, spikeId: spike.spikeId, eventKey: `spike:${spike.dimension}:${spike.value}`,
    dimension: spike.dimension, value: spike.value, count: spike.count, baselineMean: spike.baselineMean,
    windowStart: spike.windowStart, windowEnd: spike.windowEnd, detectedAt: spike.detectedAt, example: examples[index],
  }));
}
