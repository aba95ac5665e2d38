import { riskLevelRank } from '../../pipeline/post-document.ts';
import { dashboardObject } from './dashboard-object.ts';
import { dataViews } from './data-views.ts';
import { columns, lensObject, type SavedObject } from './lens-state.ts';

const posts = dataViews.posts.id;
const highRisk = `risk.levelRank >= ${riskLevelRank.high}`;

/** 舆情总览: volume over time by sentiment, by source, top keywords, top events — the analysts' first screen. */
export function overviewDashboardObjects(): SavedObject[] {
  const postCount = lensObject({
    id: 'yuqing-overview-post-count', title: '帖子数', dataViewId: posts,
    columns: { count: columns.count('帖子数') }, visualization: { type: 'metric', metric: 'count' },
  });
  const negativeCount = lensObject({
    id: 'yuqing-overview-negative-count', title: '负面帖子数', dataViewId: posts,
    columns: { count: columns.count('负面帖子数', 'sentiment.label : "negative"') }, visualization: { type: 'metric', metric: 'count' },
  });
  const highRiskCount = lensObject({
    id: 'yuqing-overview-high-risk-count', title: '高风险及以上', dataViewId: posts,
    columns: { count: columns.count('高风险及以上', highRisk) }, visualization: { type: 'metric', metric: 'count' },
  });
  const eventCount = lensObject({
    id: 'yuqing-overview-event-count', title: '涉及事件数', dataViewId: posts,
    columns: { events: columns.metric('unique_count', 'eventId', '涉及事件数') }, visualization: { type: 'metric', metric: 'events' },
  });
  const volumeBySentiment = lensObject({
    id: 'yuqing-overview-volume-by-sentiment', title: '声量趋势（按情感）', dataViewId: posts,
    columns: {
      time: columns.dateHistogram('publishedAt', '发布时间'),
      sentiment: columns.terms('sentiment.label', '情感', 3, 'count'),
      count: columns.count('帖子数'),
    },
    visualization: { type: 'xy', series: 'bar_stacked', x: 'time', y: ['count'], split: 'sentiment' },
  });
  const bySource = lensObject({
    id: 'yuqing-overview-by-source', title: '来源分布', dataViewId: posts,
    columns: { source: columns.terms('sourceName', '来源', 15, 'count'), count: columns.count('帖子数') },
    visualization: { type: 'xy', series: 'bar_horizontal', x: 'source', y: ['count'] },
  });
  const keywords = lensObject({
    id: 'yuqing-overview-top-keywords', title: '热门关键词', dataViewId: posts,
    columns: { keyword: columns.terms('keywords', '关键词', 40, 'count'), count: columns.count('帖子数') },
    visualization: { type: 'tagcloud', tag: 'keyword', value: 'count' },
  });
  const topEvents = lensObject({
    id: 'yuqing-overview-top-events', title: '热门事件', dataViewId: dataViews.events.id,
    description: '时间范围内活跃的事件，按帖子数排序',
    columns: {
      event: columns.terms('title.keyword', '事件', 15, 'posts'),
      posts: columns.metric('max', 'postCount', '帖子数'),
      sources: columns.metric('max', 'sourceCount', '来源数'),
      risk: columns.metric('max', 'maxRiskScore', '最高风险分'),
      negative: columns.metric('max', 'negativeShare', '负面占比'),
      lastSeen: columns.metric('max', 'lastSeenAt', '最近出现', 'date'),
    },
    visualization: { type: 'datatable', columns: ['event', 'posts', 'sources', 'risk', 'negative', 'lastSeen'] },
  });
  const dashboard = dashboardObject({
    id: 'yuqing-overview', title: '舆情总览', description: '声量、情感、来源、关键词与热门事件（yuqing）', timeFrom: 'now-7d', refreshSeconds: 60,
    panels: [
      { object: postCount, x: 0, y: 0, w: 12, h: 7 },
      { object: negativeCount, x: 12, y: 0, w: 12, h: 7 },
      { object: highRiskCount, x: 24, y: 0, w: 12, h: 7 },
      { object: eventCount, x: 36, y: 0, w: 12, h: 7 },
      { object: volumeBySentiment, x: 0, y: 7, w: 48, h: 14 },
      { object: bySource, x: 0, y: 21, w: 24, h: 15 },
      { object: keywords, x: 24, y: 21, w: 24, h: 15 },
      { object: topEvents, x: 0, y: 36, w: 48, h: 15 },
    ],
  });
  return [postCount, negativeCount, highRiskCount, eventCount, volumeBySentiment, bySource, keywords, topEvents, dashboard];
}
