import { categoryNames, responseStatusNames, reviewStatusNames, riskLevelNames as levelNames, sentimentNames } from '../display-names.ts';
import type { SavedObject } from './lens-state.ts';

/** Ids and index titles of the data views, written with the default prefix `yuqing-` (the import rewrites titles). */
export const dataViews = {
  posts: { id: 'yuqing-posts', title: 'yuqing-posts', timeField: 'publishedAt' },
  events: { id: 'yuqing-events', title: 'yuqing-events', timeField: 'lastSeenAt' },
} as const;

/** The index prefix the committed NDJSON is written with. */
export const savedObjectsIndexPrefix = 'yuqing-';

/** A static-lookup field format: stored English codes shown as Chinese words (an unknown code is shown as it is). */
export function lookup(names: Record<string, string>): { id: string; params: Record<string, unknown> } {
  return {
    id: 'static_lookup',
    params: { lookupEntries: Object.entries(names).map(([key, value]) => ({ key, value })), unknownKeyValue: null },
  };
}

const postFieldLabels: Record<string, string> = {
  publishedAt: '发布时间', firstSeenAt: '首次发现', lastSeenAt: '最近抓取', sourceName: '来源', sourceId: '来源 ID', category: '来源类别',
  region: '地区', title: '标题', content: '正文', url: '原文链接', authorName: '作者', keywords: '关键词', engagementTotal: '互动量',
  'sentiment.label': '情感', 'sentiment.score': '情感分', 'risk.level': '风险等级', 'risk.score': '风险分', 'risk.levelRank': '风险等级序号',
  'risk.ruleIds': '命中规则', 'risk.packIds': '规则包', 'risk.categories': '风险类别', eventId: '事件 ID',
  'review.status': '处置状态', 'review.responseStatus': '回应状态', 'review.assignee': '负责人',
  'review.firstResponseAt': '首次回应时间', 'review.firstResponseMinutes': '首次回应用时', 'review.dismissReason': '排除原因', 'review.unit': '责任单位',
};

const postFieldFormats: Record<string, { id: string; params: Record<string, unknown> }> = {
  url: { id: 'url', params: { type: 'a', urlTemplate: '{{value}}', labelTemplate: '{{value}}', openLinkInCurrentTab: false } },
  publishedAt: { id: 'date', params: { pattern: 'YYYY-MM-DD HH:mm' } },
  lastSeenAt: { id: 'date', params: { pattern: 'YYYY-MM-DD HH:mm' } },
  'risk.score': { id: 'number', params: { pattern: '0.0' } },
  'sentiment.score': { id: 'number', params: { pattern: '0.00' } },
  engagementTotal: { id: 'number', params: { pattern: '0,0' } },
  'review.firstResponseMinutes': { id: 'duration', params: { inputFormat: 'minutes', outputFormat: 'humanizePrecise', outputPrecision: 1, includeSpaceWithSuffix: true } },
  'risk.level': lookup(levelNames),
  'sentiment.label': lookup(sentimentNames),
  'review.status': lookup(reviewStatusNames),
  'review.responseStatus': lookup(responseStatusNames),
  'risk.categories': lookup(categoryNames),
};

const eventFieldLabels: Record<string, string> = {
  'title.keyword': '事件', postCount: '帖子数', sourceCount: '来源数', maxRiskScore: '最高风险分', maxRiskLevel: '最高风险等级',
  firstSeenAt: '首次出现', lastSeenAt: '最近出现', negativeShare: '负面占比', postsLastHour: '近一小时帖子数', categories: '风险类别',
};

const eventFieldFormats: Record<string, { id: string; params: Record<string, unknown> }> = {
  negativeShare: { id: 'percent', params: { pattern: '0.0%' } },
  maxRiskScore: { id: 'number', params: { pattern: '0.0' } },
  maxRiskLevel: lookup(levelNames),
  categories: lookup(categoryNames),
  lastSeenAt: { id: 'date', params: { pattern: 'YYYY-MM-DD HH:mm' } },
  firstSeenAt: { id: 'date', params: { pattern: 'YYYY-MM-DD HH:mm' } },
};

function dataView(view: { id: string; title: string; timeField: string }, name: string, labels: Record<string, string>, formats: Record<string, unknown>): SavedObject {
  return {
    type: 'index-pattern',
    id: view.id,
    attributes: {
      title: view.title,
      name,
      timeFieldName: view.timeField,
      fieldAttrs: JSON.stringify(Object.fromEntries(Object.entries(labels).map(([field, customLabel]) => [field, { customLabel }]))),
      fieldFormatMap: JSON.stringify(formats),
      // Kibana reads the field list from the mapping; an empty list here keeps the object valid for any prefix.
      fields: '[]',
      runtimeFieldMap: '{}',
      typeMeta: '{}',
      allowNoIndex: true,
    },
    references: [],
    coreMigrationVersion: '8.8.0',
    typeMigrationVersion: '8.0.0',
    managed: false,
  };
}

/** The posts data view (over the posts alias) and the events data view. */
export function dataViewObjects(): SavedObject[] {
  return [
    dataView(dataViews.posts, 'yuqing 帖子', postFieldLabels, postFieldFormats),
    dataView(dataViews.events, 'yuqing 事件', eventFieldLabels, eventFieldFormats),
  ];
}
