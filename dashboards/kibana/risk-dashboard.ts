import { riskLevelRank } from '../../pipeline/post-document.ts';
import { dashboardObject, savedSearchObject } from './dashboard-object.ts';
import { dataViews } from './data-views.ts';
import { columns, lensObject, type SavedObject } from './lens-state.ts';

const posts = dataViews.posts.id;
const highRisk = `risk.levelRank >= ${riskLevelRank.high}`;
const open = 'review.status : ("new" or "in_progress" or "escalated")';

/** 风险研判: risk level over time, top rules and categories, open high-risk items, response status and time-to-response. */
export function riskDashboardObjects(): SavedObject[] {
  const highCount = lensObject({
    id: 'yuqing-risk-high-count', title: '高风险及以上', dataViewId: posts,
    columns: { count: columns.count('高风险及以上', highRisk) }, visualization: { type: 'metric', metric: 'count' },
  });
  const criticalCount = lensObject({
    id: 'yuqing-risk-critical-count', title: '严重风险', dataViewId: posts,
    columns: { count: columns.count('严重风险', `risk.levelRank >= ${riskLevelRank.critical}`) }, visualization: { type: 'metric', metric: 'count' },
  });
  const openCount = lensObject({
    id: 'yuqing-risk-open-count', title: '待处置高风险', dataViewId: posts,
    columns: { count: columns.count('待处置高风险', `${highRisk} and ${open}`) }, visualization: { type: 'metric', metric: 'count' },
  });
  const medianResponse = lensObject({
    id: 'yuqing-risk-median-response', title: '首次回应用时（中位数）', dataViewId: posts,
    columns: { minutes: columns.metric('median', 'review.firstResponseMinutes', '首次回应用时中位数（分钟）') },
    visualization: { type: 'metric', metric: 'minutes' },
  });
  const levelsOverTime = lensObject({
    id: 'yuqing-risk-levels-over-time', title: '风险等级趋势', dataViewId: posts, query: `risk.levelRank >= ${riskLevelRank.medium}`,
    columns: {
      time: columns.dateHistogram('publishedAt', '发布时间'),
      level: columns.terms('risk.level', '风险等级', 4, 'count'),
      count: columns.count('帖子数'),
    },
    visualization: { type: 'xy', series: 'bar_stacked', x: 'time', y: ['count'], split: 'level' },
  });
  const categories = lensObject({
    id: 'yuqing-risk-categories', title: '风险类别', dataViewId: posts, query: `risk.levelRank >= ${riskLevelRank.medium}`,
    columns: { category: columns.terms('risk.categories', '风险类别', 10, 'count'), count: columns.count('帖子数') },
    visualization: { type: 'pie', groups: ['category'], metric: 'count' },
  });
  const topRules = lensObject({
    id: 'yuqing-risk-top-rules', title: '命中规则 TOP 15', dataViewId: posts,
    columns: { rule: columns.terms('risk.ruleIds', '规则', 15, 'count'), count: columns.count('命中帖子数') },
    visualization: { type: 'xy', series: 'bar_horizontal', x: 'rule', y: ['count'] },
  });
  const responseStatus = lensObject({
    id: 'yuqing-risk-response-status', title: '高风险帖子的回应状态', dataViewId: posts, query: highRisk,
    columns: { status: columns.terms('review.responseStatus', '回应状态', 6, 'count'), count: columns.count('帖子数') },
    visualization: { type: 'pie', groups: ['status'], metric: 'count' },
  });
  const reviewStatus = lensObject({
    id: 'yuqing-risk-review-status', title: '高风险帖子的处置状态', dataViewId: posts, query: highRisk,
    columns: { status: columns.terms('review.status', '处置状态', 5, 'count'), count: columns.count('帖子数') },
    visualization: { type: 'xy', series: 'bar_horizontal', x: 'status', y: ['count'] },
  });
  const responseTime = lensObject({
    id: 'yuqing-risk-response-time', title: '首次回应用时趋势（分钟）', dataViewId: posts,
    columns: {
      time: columns.dateHistogram('publishedAt', '发布时间'),
      median: columns.metric('median', 'review.firstResponseMinutes', '中位数'),
      p90: columns.percentile('review.firstResponseMinutes', '90 分位', 90),
    },
    visualization: { type: 'xy', series: 'line', x: 'time', y: ['median', 'p90'] },
  });
  const openItems = savedSearchObject({
    id: 'yuqing-risk-open-items', title: '待处置的高风险帖子', description: '高风险及以上、尚未回应或忽略的帖子，风险最高的在前',
    dataViewId: posts, query: `${highRisk} and ${open}`,
    columns: ['title', 'sourceName', 'risk.level', 'risk.score', 'risk.categories', 'review.status', 'review.assignee', 'url'],
    sort: [['risk.levelRank', 'desc'], ['risk.score', 'desc'], ['publishedAt', 'desc']],
  });
  const dashboard = dashboardObject({
    id: 'yuqing-risk', title: '风险研判', description: '风险等级、命中规则与类别、待处置高风险帖子、回应状态与用时（yuqing）', timeFrom: 'now-7d', refreshSeconds: 60,
    panels: [
      { object: highCount, x: 0, y: 0, w: 12, h: 7 },
      { object: criticalCount, x: 12, y: 0, w: 12, h: 7 },
      { object: openCount, x: 24, y: 0, w: 12, h: 7 },
      { object: medianResponse, x: 36, y: 0, w: 12, h: 7 },
      { object: levelsOverTime, x: 0, y: 7, w: 32, h: 14 },
      { object: categories, x: 32, y: 7, w: 16, h: 14 },
      { object: openItems, x: 0, y: 21, w: 48, h: 16 },
      { object: topRules, x: 0, y: 37, w: 24, h: 15 },
      { object: responseStatus, x: 24, y: 37, w: 24, h: 15 },
      { object: reviewStatus, x: 0, y: 52, w: 24, h: 14 },
      { object: responseTime, x: 24, y: 52, w: 24, h: 14 },
    ],
  });
  return [highCount, criticalCount, openCount, medianResponse, levelsOverTime, categories, topRules, responseStatus, reviewStatus, responseTime, openItems, dashboard];
}
