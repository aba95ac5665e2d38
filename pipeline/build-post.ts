import type { Config } from '../config/config-schema.ts';
import type { PipelineConfig, PrivacyConfig } from '../config/pipeline-schema.ts';
import { storyKeysOf } from './assign-events.ts';
import type { RawPost } from '../crawlers/raw-post.ts';
import { convertToSimplified, normalizeText } from './normalize-text.ts';
import type { PostAnalyzer } from './post-analysis.ts';
import type { IndexNames, PostDocument } from './post-document.ts';
import { postId } from './post-id.ts';
import type { PreparedPost } from './prepared-post.ts';
import { redactPii } from './redact-pii.ts';

/** What the pipeline knows about a source from the config. */
export interface SourceInfo { name?: string | undefined; weight?: number | undefined }

export interface BuildContext {
  names: IndexNames;
  pipeline: PipelineConfig;
  privacy: PrivacyConfig;
  analyzer: PostAnalyzer;
  sources: ReadonlyMap<string, SourceInfo>;
}

/** The context of `buildPostOperation` from the config (source names and weights, normalisation, privacy). */
export function buildContextFor(config: Config, names: IndexNames, analyzer: PostAnalyzer): BuildContext {
  const sources = new Map<string, SourceInfo>(config.sources.map((source) => [source.id, { name: source.name, weight: source.weight }]));
  return { names, pipeline: config.pipeline, privacy: config.privacy, analyzer, sources };
}

// A published time this far past the crawl time is a parsing or clock error, not a post from the future.
const futureToleranceMillis = 10 * 60_000;

function prepareText(raw: string | undefined, context: BuildContext): { text: string; original?: string; redactions: number } | undefined {
  if (raw === undefined) return undefined;
  let text = normalizeText(raw).slice(0, context.pipeline.maxContentChars);
  let original: string | undefined;
  if (context.pipeline.convertTraditional) {
    const simplified = convertToSimplified(text);
    if (simplified !== text) original = text;
    text = simplified;
  }
  let redactions = 0;
  if (context.privacy.redactPersonalIdentifiers) {
    const redacted = redactPii(text);
    text = redacted.text;
    redactions += redacted.count;
    if (original !== undefined) original = redactPii(original).text;
  }
  return { text, ...(original !== undefined ? { original } : {}), redactions };
}

function sumEngagement(post: RawPost): number | undefined {
  if (!post.engagement) return undefined;
  const { reposts = 0, comments = 0, likes = 0 } = post.engagement;
  return reposts + comments + likes;
}

/** What the crawler recorded about how it read the post, in the stored shape; undefined when it recorded nothing. */
function provenanceOf(post: RawPost, isDated: boolean): PostDocument['provenance'] {
  const origins = Object.entries(post.fieldOrigins ?? {});
  const extracted = origins.filter(([, origin]) => origin === 'extracted').map(([field]) => field);
  const selected = origins.filter(([, origin]) => origin === 'selector').map(([field]) => field);
  const issue = isDated ? undefined : post.publishedAtIssue ?? (post.publishedAt ? 'future' : 'missing');
  const provenance = {
    ...(post.charset ? { charset: post.charset.charset, charsetDecidedBy: post.charset.decidedBy, charsetFallback: post.charset.isFallback } : {}),
    ...(post.isTextGarbled ? { textGarbled: true } : {}),
    ...(issue ? { publishedAtIssue: issue } : {}),
    ...(!isDated && (post.publishedAtText ?? post.publishedAt) ? { publishedAtText: (post.publishedAtText ?? post.publishedAt)!.slice(0, 200) } : {}),
    ...(extracted.length > 0 ? { extractedFields: extracted } : {}),
    ...(selected.length > 0 ? { selectorFields: selected } : {}),
  };
  return Object.keys(provenance).length > 0 ? provenance : undefined;
}

/**
 * Normalises, redacts and analyses one raw post into a partial update of its stored document. The pipeline's
 * fields go in `doc` on every write; `upsert` adds what is set only once (first-seen time, initial review state),
 * so a re-crawl never touches what a reviewer did.
 */
export function buildPostOperation(post: RawPost, context: BuildContext): PreparedPost {
  const id = postId(post.sourceId, post);
  const title = prepareText(post.title, context);
  const content = prepareText(post.content, context)!;
  const author = post.authorName && context.privacy.storeAuthorNames ? prepareText(post.authorName, context)?.text : undefined;
  const source = context.sources.get(post.sourceId);
  const crawledAt = post.crawledAt;
  // A time is never invented: an absent, unreadable or future one leaves the post filed by when it was first seen, flagged.
  const isDated = post.publishedAt !== undefined && post.publishedAtKnown !== false && Date.parse(post.publishedAt) <= Date.parse(crawledAt) + futureToleranceMillis;
  const published = isDated ? post.publishedAt! : crawledAt;
  const provenance = provenanceOf(post, isDated);
  const analysis = context.analyzer.analyze({
    title: title?.text, content: content.text, authorName: author, engagement: post.engagement, sourceWeight: source?.weight,
  });
  const document: PostDocument = {
    postId: id,
    sourceId: post.sourceId,
    sourceType: post.sourceType,
    ...(source?.name ? { sourceName: source.name } : {}),
    ...(source?.weight !== undefined ? { sourceWeight: source.weight } : {}),
    ...(post.tags?.region ? { region: post.tags.region } : {}),
    ...(post.tags?.category ? { category: post.tags.category } : {}),
    ...(post.tags?.labels.length ? { labels: post.tags.labels } : {}),
    url: post.url,
    ...(post.platformPostId ? { platformPostId: post.platformPostId } : {}),
    ...(post.threadId ? { threadId: post.threadId } : {}),
    ...(post.replyToId ? { replyToId: post.replyToId } : {}),
    ...(title ? { title: title.text } : {}),
    content: content.text,
    ...(title?.original !== undefined ? { titleOriginal: title.original } : {}),
    ...(content.original !== undefined ? { contentOriginal: content.original } : {}),
    ...(author ? { authorName: author } : {}),
    ...(post.language ? { language: post.language } : {}),
    publishedAt: published,
    publishedAtKnown: isDated,
    ...(provenance ? { provenance } : {}),
    crawledAt,
    lastSeenAt: crawledAt,
    ...(post.engagement ? { engagement: post.engagement, engagementTotal: sumEngagement(post) } : {}),
    piiRedactions: content.redactions + (title?.redactions ?? 0),
    ...analysis,
    ...(analysis.keywords ? { storyKeys: storyKeysOf(analysis.keywords) } : {}),
  };
  const snapshot = post.engagement && {
    index: context.names.engagementIndexFor(crawledAt),
    id: `${id}@${crawledAt}`,
    doc: { postId: id, at: crawledAt, ...post.engagement, total: sumEngagement(post) ?? 0 },
    upsert: { postId: id, at: crawledAt, ...post.engagement, total: sumEngagement(post) ?? 0 },
  };
  // An undated post keeps the first-seen time it was filed under: a re-crawl must not move it to today.
  const { publishedAt: _firstSeen, ...undatedUpdate } = document;
  return {
    document,
    snapshot,
    operation: {
      index: context.names.postsIndexFor(published),
      id,
      routeByAlias: context.names.posts,
      doc: isDated ? document : undatedUpdate,
      upsert: { ...document, firstSeenAt: crawledAt, review: { status: 'new', revision: 0 } },
    },
  };
}
