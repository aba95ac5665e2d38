import { DateTime } from 'luxon';
import type { ReviewConfig } from '../../../config/review-schema.ts';
import { safeLinkUrl } from '../../alerts/channels/chat-markdown-text.ts';
import { escapeHtml } from '../../alerts/channels/escape-html.ts';
import { categoryNames, responseStatusNames, reviewStatusNames, riskLevelNames } from '../../display-names.ts';
import { postAppUrl, storyAppUrl } from '../../review-links.ts';
import { stackedBarChart } from '../svg-charts.ts';
import { markdownText } from '../weekly-risk/render-markdown.ts';
import type { StoryData, StoryRole } from './collect-brief.ts';

/** Names of a post's role in its story. */
export const storyRoleNames: Record<StoryRole, string> = { rumour: '传言/质疑', official: '官方回应/辟谣', report: '报道' };

type Links = Pick<ReviewConfig, 'publicUrl' | 'host' | 'port'>;
const text = escapeHtml;

const time = (iso: string | undefined, data: StoryData, format = 'MM-dd HH:mm') => (iso ? DateTime.fromISO(iso, { zone: data.timeZone }).toFormat(format) : '—');
const handling = (post: StoryData['posts'][number]) => `${post.reviewStatus ? reviewStatusNames[post.reviewStatus] : '—'} / ${responseStatusNames[post.responseStatus ?? 'none']}`;

/** The title of the one-incident brief. */
export const briefTitle = (data: StoryData) => `舆情快报：${data.event.title}`;

function publishedResponse(data: StoryData) {
  return data.posts.find((post) => post.response)?.response;
}

/** The 快报 as one self-contained HTML page (inline CSS; a CSP that forbids loading anything; crawled text escaped). */
export function renderBriefHtml(data: StoryData, links: Links): string {
  const { event } = data;
  const link = (title: string, url: string | undefined) => {
    const safe = safeLinkUrl(url);
    return safe ? `<a href="${text(safe)}">${text(title)}</a>` : text(title);
  };
  const response = publishedResponse(data);
  const chart = data.perHour.length > 1 ? stackedBarChart({
    ariaLabel: '每小时信息量', categories: data.perHour.map((bucket) => time(bucket.at, data, 'HH:mm')),
    series: [{ name: '信息数', color: '#f79009', values: data.perHour.map((bucket) => bucket.count) }], height: 200,
  }) : '';
  const rows = data.posts.map((post) => `<tr><td class="nowrap">${text(time(post.publishedAt, data))}</td><td>${text(post.sourceName)}</td><td class="nowrap">${text(storyRoleNames[post.role])}</td>`
    + `<td>${link(post.title, post.url)} · <a href="${text(postAppUrl(links, post.postId))}">工作台</a></td><td class="nowrap">${post.level ? `${text(riskLevelNames[post.level])} ${post.score?.toFixed(0) ?? ''}` : '—'}</td><td class="nowrap">${text(handling(post))}</td></tr>`).join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text(briefTitle(data))}</title><style>
body { font-family: 'Noto Sans CJK SC','Noto Sans SC','PingFang SC','Microsoft YaHei',sans-serif; color: #101828; max-width: 900px; margin: 0 auto; padding: 24px; font-size: 13px; line-height: 1.6; }
h1 { font-size: 21px; margin: 0 0 4px; } h2 { font-size: 15px; margin: 22px 0 8px; border-bottom: 2px solid #eaecf0; padding-bottom: 3px; }
.meta { color: #667085; font-size: 12px; } .assessment { font-size: 15px; font-weight: 600; } .facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; }
.facts dt { color: #475467; } .facts dd { margin: 0; } table { width: 100%; border-collapse: collapse; font-size: 12px; } th, td { text-align: left; padding: 5px 6px; border-bottom: 1px solid #eaecf0; vertical-align: top; }
th { background: #f9fafb; } .table-wrap { overflow-x: auto; } .nowrap { white-space: nowrap; } a { color: #175cd3; text-decoration: none; } blockquote { margin: 6px 0; padding: 8px 12px; background: #f9fafb; border-left: 3px solid #12b76a; white-space: pre-wrap; }
</style></head><body>
<h1>${text(briefTitle(data))}</h1>
<div class="meta">生成于 ${text(time(data.generatedAt, data, 'yyyy-MM-dd HH:mm'))}（${text(data.timeZone)}）· <a href="${text(storyAppUrl(links, event.eventId))}">在工作台查看事件全貌</a></div>
<h2>研判</h2><p class="assessment">${text(data.assessment)}</p>
<dl class="facts">
<dt>风险类别</dt><dd>${text(event.categories.map((category) => categoryNames[category] ?? category).join('、') || '—')}</dd>
<dt>首次 / 最近出现</dt><dd>${text(time(event.firstSeenAt, data))} / ${text(time(event.lastSeenAt, data))}</dd>
<dt>峰值</dt><dd>${text(time(event.peakHourAt, data))}（${event.peakHourCount} 条/小时）</dd>
<dt>处置情况</dt><dd>${text(data.status)}</dd>
<dt>责任单位</dt><dd>${data.unit ? `${text(data.unit.name)}${data.unit.isProposed ? '（建议，尚未交办）' : ''}` : '未指定'}</dd>
</dl>
${response ? `<h2>已发布回应</h2><blockquote>${text(response.text)}</blockquote><div class="meta">${text(time(response.publishedAt, data, 'yyyy-MM-dd HH:mm'))}${response.publishedUrl ? ` · ${link('发布链接', response.publishedUrl)}` : ''}</div>` : ''}
<h2>事件经过（${data.posts.length} 条，${data.sources.length} 个来源）</h2>
<div class="table-wrap"><table><thead><tr><th>时间</th><th>来源</th><th>类型</th><th>标题</th><th>风险</th><th>处置 / 回应</th></tr></thead><tbody>${rows}</tbody></table></div>
${chart ? `<h2>传播走势</h2>${chart}` : ''}
<h2>来源</h2><p>${data.sources.map((source) => `${text(source.name)} ${source.count} 条`).join('；') || '—'}</p>
<p class="meta">数字与状态均来自已存储的信息与处置记录，为快报生成时的状态。</p>
</body></html>
`;
}

/** The 快报 as Markdown, with the same facts. */
export function renderBriefMarkdown(data: StoryData, links: Links): string {
  const { event } = data;
  const link = (title: string, url: string | undefined) => {
    const safe = safeLinkUrl(url);
    return safe ? `[${markdownText(title)}](<${safe}>)` : markdownText(title);
  };
  const response = publishedResponse(data);
  return [
    `# ${markdownText(briefTitle(data))}`, '',
    `生成于 ${time(data.generatedAt, data, 'yyyy-MM-dd HH:mm')}（${data.timeZone}）· [在工作台查看事件全貌](<${storyAppUrl(links, event.eventId)}>)`, '',
    '## 研判', '', data.assessment, '',
    `- 风险类别：${event.categories.map((category) => categoryNames[category] ?? category).join('、') || '—'}`,
    `- 首次 / 最近出现：${time(event.firstSeenAt, data)} / ${time(event.lastSeenAt, data)}`,
    `- 处置情况：${data.status}`,
    `- 责任单位：${data.unit ? `${markdownText(data.unit.name)}${data.unit.isProposed ? '（建议，尚未交办）' : ''}` : '未指定'}`, '',
    ...(response ? ['## 已发布回应', '', `> ${markdownText(response.text)}`, ''] : []),
    `## 事件经过（${data.posts.length} 条，${data.sources.length} 个来源）`, '',
    '| 时间 | 来源 | 类型 | 标题 | 风险 | 处置 / 回应 |', '| --- | --- | --- | --- | --- | --- |',
    ...data.posts.map((post) => `| ${time(post.publishedAt, data)} | ${markdownText(post.sourceName)} | ${storyRoleNames[post.role]} | ${link(post.title, post.url)} | ${post.level ? `${riskLevelNames[post.level]} ${post.score?.toFixed(0) ?? ''}` : '—'} | ${handling(post)} |`),
    '',
  ].join('\n');
}
