import { DateTime } from 'luxon';
import { reviewStatusNames, riskLevelNames, sentimentNames, spikeDimensionNames, type ReviewStatus } from '../../display-names.ts';
import { safeLinkUrl } from '../../alerts/channels/chat-markdown-text.ts';
import { escapeHtml } from '../../alerts/channels/escape-html.ts';
import { horizontalBarChart, stackedBarChart } from '../svg-charts.ts';
import type { DigestData } from './digest-data.ts';
import { eventsSentence, formatMinutes, handlingText, highlightsHeading, percent, responseSentences, riskSentence, sentimentSentence, volumeChange, volumeSentence } from './digest-sentences.ts';

const sentimentColors = { negative: '#d92d20', neutral: '#98a2b3', positive: '#12b76a', unscored: '#d0d5dd' };
const levelColors = { critical: '#b42318', high: '#f79009', medium: '#fdb022', low: '#84caff', unscored: '#d0d5dd' };

const text = escapeHtml;
const time = (iso: string, data: DigestData, format = 'MM-dd HH:mm') => DateTime.fromISO(iso, { zone: data.period.timeZone }).toFormat(format);
const nowrap = (html: string) => `<span class="nowrap">${html}</span>`;

/** A link to a crawled page: http(s) only, both text and address escaped; plain text otherwise. */
function link(title: string, url: string | undefined): string {
  const safe = safeLinkUrl(url);
  return safe ? `<a href="${text(safe)}">${text(title)}</a>` : text(title);
}

const table = (head: string[], rows: string[][], empty: string) => rows.length === 0
  ? `<p class="empty">${text(empty)}</p>`
  : `<table><thead><tr>${head.map((cell) => `<th>${text(cell)}</th>`).join('')}</tr></thead><tbody>${rows.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('')}</tbody></table>`;

const levelBadge = (level: keyof typeof riskLevelNames) => `<span class="badge" style="background:${levelColors[level]}">${riskLevelNames[level]}</span>`;

function kpis(data: DigestData): string {
  const { response } = data;
  const cards: [string, string, string][] = [
    ['帖子总数', String(data.volume.total), volumeChange(data)],
    ['负面占比', percent(data.sentiment.negative, data.volume.total) ?? '—', `负面 ${data.sentiment.negative} 条`],
    ['高风险及以上', String(data.riskLevels.critical + data.riskLevels.high), `其中严重 ${data.riskLevels.critical} 条`],
    ['高风险已回应', percent(response.responded, response.highRisk) ?? '—', `${response.responded} / ${response.highRisk} 条`],
    ['首次回应用时中位数', response.medianFirstResponseMinutes === null ? '—' : formatMinutes(response.medianFirstResponseMinutes), `${response.timedResponses} 条有记录`],
    ['待审批回应', String(response.pendingApprovals), '截至生成时'],
  ];
  return `<div class="kpis">${cards.map(([label, value, note]) => `<div class="kpi"><div class="kpi-label">${text(label)}</div><div class="kpi-value">${text(value)}</div><div class="kpi-note">${text(note)}</div></div>`).join('')}</div>`;
}

/** 本周要点: each story with its assessment, status and responsible unit, linked to its story page in the app. */
function highlights(data: DigestData): string {
  if (data.highlights.length === 0) return `<p class="empty">${text(`${highlightsHeading(data).slice(0, 2)}无中等及以上风险的事件。`)}</p>`;
  return `<ol class="highlights">${data.highlights.map((story) => `<li><div class="highlight-title">${levelBadge(story.maxRiskLevel)} <a href="${text(story.appUrl)}">${text(story.title)}</a></div>`
    + `<div><b>研判：</b>${text(story.assessment)}</div>`
    + `<div><b>状态：</b>${text(story.status)}　<b>责任单位：</b>${story.unit ? `${text(story.unit)}${story.isUnitProposed ? '（建议，尚未交办）' : ''}` : '未指定'}</div>`
    + `${story.representative ? `<div class="meta">代表信息：${link(story.representative.title, story.representative.url)}</div>` : ''}</li>`).join('')}</ol>`;
}

const styles = `
@page { size: A4; margin: 14mm 12mm 16mm; }
* { box-sizing: border-box; }
body { font-family: 'Noto Sans CJK SC','Noto Sans SC','PingFang SC','Microsoft YaHei',sans-serif; color: #101828; margin: 0 auto; max-width: 980px; padding: 24px; font-size: 13px; line-height: 1.55; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 26px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #eaecf0; break-after: avoid; }
.meta { color: #667085; font-size: 12px; } .summary p { margin: 4px 0; }
.kpis { display: grid; grid-template-columns: repeat(3, 1fr); gap: 10px; margin: 14px 0; }
.kpi { border: 1px solid #eaecf0; border-radius: 8px; padding: 10px 12px; break-inside: avoid; }
.kpi-label { color: #475467; font-size: 12px; } .kpi-value { font-size: 22px; font-weight: 700; } .kpi-note { color: #667085; font-size: 11px; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 18px; } .two > div { break-inside: avoid; }
table { width: 100%; border-collapse: collapse; font-size: 12px; } th, td { text-align: left; padding: 5px 6px; border-bottom: 1px solid #eaecf0; vertical-align: top; }
th { background: #f9fafb; color: #344054; font-weight: 600; white-space: nowrap; } .nowrap { white-space: nowrap; } section > table { margin-top: 10px; } tr { break-inside: avoid; } td.num, th.num { text-align: right; white-space: nowrap; }
a { color: #175cd3; text-decoration: none; word-break: break-all; } .badge { color: #fff; border-radius: 4px; padding: 1px 6px; font-size: 11px; white-space: nowrap; }
.keywords span { display: inline-block; background: #f2f4f7; border-radius: 12px; padding: 2px 10px; margin: 3px; font-size: 12px; }
.empty { color: #667085; } .highlights { padding-left: 20px; } .highlights li { margin: 0 0 10px; break-inside: avoid; } .highlight-title { font-size: 14px; font-weight: 600; }
.annex { break-before: page; } .annex h2 { color: #475467; } .chart { break-inside: avoid; } footer { margin-top: 28px; color: #667085; font-size: 11px; border-top: 1px solid #eaecf0; padding-top: 8px; }
`;

/** The digest as one self-contained HTML page (inline CSS and SVG; a CSP that forbids loading anything). */
export function renderDigestHtml(data: DigestData): string {
  const dailyChart = stackedBarChart({
    ariaLabel: '每日声量（按情感）', categories: data.daily.map((day) => day.date.slice(5)),
    series: (['negative', 'neutral', 'positive', 'unscored'] as const).map((key) => ({
      name: key === 'unscored' ? '未分析' : sentimentNames[key], color: sentimentColors[key], values: data.daily.map((day) => day[key]),
    })).filter((series) => series.values.some((value) => value > 0) || series.name !== '未分析'),
  });
  const sentimentChart = horizontalBarChart({
    ariaLabel: '情感分布', labelWidth: 70,
    rows: (['negative', 'neutral', 'positive'] as const).map((key) => ({ label: sentimentNames[key], value: data.sentiment[key], color: sentimentColors[key], note: percent(data.sentiment[key], data.volume.total) ?? '' })),
  });
  const levelChart = horizontalBarChart({
    ariaLabel: '风险等级分布', labelWidth: 70,
    rows: (['critical', 'high', 'medium', 'low'] as const).map((key) => ({ label: riskLevelNames[key], value: data.riskLevels[key], color: levelColors[key], note: percent(data.riskLevels[key], data.volume.total) ?? '' })),
  });
  const sourceChart = horizontalBarChart({ ariaLabel: '来源分布', labelWidth: 140, rows: data.sources.items.map((source) => ({ label: source.sourceName, value: source.total })) });
  const categoryChart = horizontalBarChart({ ariaLabel: '风险类别', labelWidth: 140, rows: data.categories.map((category) => ({ label: category.label, value: category.total, color: '#f79009' })) });

  const riskRows = data.topRiskItems.map((item, index) => [
    String(index + 1), levelBadge(item.level), `<span class="num">${item.score.toFixed(0)}</span>`,
    `${link(item.title, item.url)} · <a href="${text(item.appUrl)}">工作台</a>${item.storyPosts > 1 ? `<div class="meta">同一事件共 ${item.storyPosts} 条</div>` : ''}`, text(item.sourceName),
    nowrap(text(time(item.publishedAt, data))), text(item.categories.map((category) => data.categories.find((entry) => entry.category === category)?.label ?? category).join('、')), text(handlingText(item)),
  ]);
  const eventRows = data.newEvents.items.map((event) => [
    event.representative ? link(event.title, event.representative.url) : text(event.title), nowrap(text(time(event.firstSeenAt, data))),
    String(event.postCount), String(event.sourceCount), nowrap(`${levelBadge(event.maxRiskLevel)} ${event.maxRiskScore.toFixed(0)}`),
  ]);
  const spikeRows = data.spikes.items.map((spike) => [
    text(spikeDimensionNames[spike.dimension]), text(spike.dimension === 'category' ? (data.categories.find((entry) => entry.category === spike.value)?.label ?? spike.value) : spike.value),
    nowrap(text(time(spike.detectedAt, data))), String(spike.count), spike.baselineMean.toFixed(1), spike.example ? link(spike.example.title, spike.example.url) : '—',
  ]);
  const sourceRows = data.sources.items.map((source) => [text(source.sourceName), String(source.total), String(source.highRisk), String(source.negative), text(percent(source.negative, source.total) ?? '—')]);
  const categoryRows = data.categories.map((category) => [text(category.label), String(category.total), String(category.highRisk)]);
  const ruleRows = data.rules.map((rule) => [
    text(rule.ruleName ?? rule.ruleId), String(rule.hits), String(rule.dismissed), text(percent(rule.dismissed, rule.hits) ?? '—'), String(rule.falsePositive), text(percent(rule.falsePositive, rule.hits) ?? '—'),
  ]);
  const statusRows = Object.entries(data.response.byStatus).filter(([, count]) => count > 0).map(([status, count]) => [text(reviewStatusNames[status as ReviewStatus]), String(count)]);
  const heading = `${data.title} · ${data.period.name}`;

  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text(heading)}</title><style>${styles}</style></head>
<body>
<h1>${text(heading)}</h1>
<div class="meta">统计区间：${text(data.period.text)}（${text(data.period.timeZone)}，按发布时间）· 生成于 ${text(time(data.generatedAt, data, 'yyyy-MM-dd HH:mm'))}</div>
<section><h2>${text(highlightsHeading(data))}</h2>${highlights(data)}</section>
<section class="summary"><h2>概览</h2>
<p>${text(volumeSentence(data))}${text(sentimentSentence(data))}</p><p>${text(riskSentence(data))}${text(eventsSentence(data))}</p>
<p>${responseSentences(data).map(text).join('')}</p>
${kpis(data)}</section>
<section><h2>声量趋势（按情感）</h2><div class="chart">${dailyChart}</div></section>
<section class="two"><div><h2>情感分布</h2>${sentimentChart}</div><div><h2>风险等级</h2>${levelChart}</div></section>
<section><h2>重点风险帖子（高风险及以上，每个事件列一条）</h2>${table(['#', '等级', '分数', '标题', '来源', '发布', '类别', '处置 / 回应'], riskRows, '本期无高风险及以上帖子。')}</section>
<section><h2>新出现的事件（共 ${data.newEvents.total} 个${data.newEvents.total > data.newEvents.items.length ? `，列出 ${data.newEvents.items.length} 个` : ''}）</h2>${table(['事件（代表帖子）', '首次出现', '帖子数', '来源数', '最高风险'], eventRows, '本期无新事件。')}</section>
<section><h2>突增（共 ${data.spikes.total} 次）</h2>${table(['维度', '对象', '检测时间', '一小时帖子数', '此前每小时平均', '示例帖子'], spikeRows, '本期未检测到突增。')}</section>
<section><h2>热门关键词</h2>${data.topKeywords.length === 0 ? '<p class="empty">本期无关键词。</p>' : `<div class="keywords">${data.topKeywords.map((keyword) => `<span>${text(keyword.keyword)} <b>${keyword.count}</b></span>`).join('')}</div>`}</section>
<section class="two"><div><h2>来源分布（共 ${data.sources.total} 个来源）</h2>${sourceChart}</div><div><h2>风险类别</h2>${data.categories.length === 0 ? '<p class="empty">本期无规则命中。</p>' : categoryChart}</div></section>
<section>${table(['来源', '帖子', '高风险及以上', '负面', '负面占比'], sourceRows, '本期无帖子。')}</section>
<section>${table(['风险类别', '命中帖子', '高风险及以上'], categoryRows, '本期无规则命中。')}</section>
<section><h2>处置与回应</h2><p>${responseSentences(data).map(text).join('')}</p>${table(['高风险及以上帖子的处置状态', '帖子数'], statusRows, '本期无高风险及以上帖子。')}</section>
<section class="annex"><h2>附件：规则调优参考</h2><p class="meta">供分析人员调整规则：各规则命中的帖子中被排除、被判为误报的比例。</p>${table(['规则', '命中帖子', '已排除', '排除率', '误报', '误报率'], ruleRows, '本期无规则命中。')}</section>
<footer>所有数字由 Elasticsearch 对已存储帖子、事件与突增的聚合得出；处置、回应与审批状态为报告生成时的状态。链接指向帖子原文。</footer>
</body></html>
`;
}
