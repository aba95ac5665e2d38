import { DateTime } from 'luxon';
import { riskLevelNames, sentimentNames, spikeDimensionNames } from '../../display-names.ts';
import { safeLinkUrl } from '../../alerts/channels/chat-markdown-text.ts';
import type { DigestData } from './digest-data.ts';
import { eventsSentence, handlingText, highlightsHeading, percent, responseSentences, riskSentence, sentimentSentence, volumeSentence } from './digest-sentences.ts';

/**
 * Crawled text inside CommonMark: one line; characters that open inline markup (emphasis, code, links, images,
 * HTML, table cells, entities) backslash-escaped everywhere, and block markers escaped where they could start a line.
 */
export function markdownText(value: string): string {
  const oneLine = value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
  return oneLine.replace(/[\\`*_[\]<>|~&!]/g, (char) => `\\${char}`).replace(/^[#+\-=]/, (marker) => `\\${marker}`).replace(/^(\d+)([.)])/, '$1\\$2');
}

/** `[title](<url>)` for http(s) URLs (percent-encoded so nothing ends the destination early), escaped text otherwise. */
function link(title: string, url: string | undefined): string {
  const safe = safeLinkUrl(url);
  return safe ? `[${markdownText(title)}](<${safe}>)` : markdownText(title);
}

const table = (head: string[], rows: string[][], empty: string) => rows.length === 0
  ? [empty]
  : [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)];

/** The digest as Markdown (GitHub-flavoured tables), with the same sentences and numbers as the HTML. */
export function renderDigestMarkdown(data: DigestData): string {
  const time = (iso: string) => DateTime.fromISO(iso, { zone: data.period.timeZone }).toFormat('MM-dd HH:mm');
  const categoryLabel = (id: string) => data.categories.find((entry) => entry.category === id)?.label ?? id;
  const lines = [
    `# ${markdownText(`${data.title} · ${data.period.name}`)}`, '',
    `统计区间：${data.period.text}（${data.period.timeZone}，按发布时间）· 生成于 ${DateTime.fromISO(data.generatedAt, { zone: data.period.timeZone }).toFormat('yyyy-MM-dd HH:mm')}`, '',
    `## ${highlightsHeading(data)}`, '',
    ...(data.highlights.length === 0 ? [`${highlightsHeading(data).slice(0, 2)}无中等及以上风险的事件。`] : data.highlights.flatMap((story, index) => [
      `${index + 1}. **[${markdownText(story.title)}](<${story.appUrl}>)**（${riskLevelNames[story.maxRiskLevel]}）`,
      `   - 研判：${markdownText(story.assessment)}`,
      `   - 状态：${markdownText(story.status)}；责任单位：${story.unit ? `${markdownText(story.unit)}${story.isUnitProposed ? '（建议，尚未交办）' : ''}` : '未指定'}`,
    ])), '',
    '## 概览', '', volumeSentence(data) + sentimentSentence(data), '', riskSentence(data) + eventsSentence(data), '', responseSentences(data).join(''), '',
    '## 声量（按日、按情感）', '',
    ...table(['日期', '合计', sentimentNames.negative, sentimentNames.neutral, sentimentNames.positive, '未分析'],
      data.daily.map((day) => [day.date, String(day.total), String(day.negative), String(day.neutral), String(day.positive), String(day.unscored)]), '本期无帖子。'), '',
    '## 风险等级', '',
    ...table(['等级', '帖子数', '占比'], (['critical', 'high', 'medium', 'low'] as const).map((level) => [riskLevelNames[level], String(data.riskLevels[level]), percent(data.riskLevels[level], data.volume.total) ?? '—']), ''), '',
    '## 重点风险帖子（高风险及以上，每个事件列一条）', '',
    ...table(['#', '等级', '分数', '标题', '同一事件', '来源', '发布', '处置 / 回应'], data.topRiskItems.map((item, index) => [
      String(index + 1), riskLevelNames[item.level], item.score.toFixed(0), `${link(item.title, item.url)} · [工作台](<${item.appUrl}>)`, `${item.storyPosts} 条`, markdownText(item.sourceName), time(item.publishedAt), handlingText(item),
    ]), '本期无高风险及以上帖子。'), '',
    `## 新出现的事件（共 ${data.newEvents.total} 个）`, '',
    ...table(['事件（代表帖子）', '首次出现', '帖子数', '来源数', '最高风险'], data.newEvents.items.map((event) => [
      event.representative ? link(event.title, event.representative.url) : markdownText(event.title), time(event.firstSeenAt), String(event.postCount), String(event.sourceCount),
      `${riskLevelNames[event.maxRiskLevel]} ${event.maxRiskScore.toFixed(0)}`,
    ]), '本期无新事件。'), '',
    `## 突增（共 ${data.spikes.total} 次）`, '',
    ...table(['维度', '对象', '检测时间', '一小时帖子数', '此前每小时平均', '示例帖子'], data.spikes.items.map((spike) => [
      spikeDimensionNames[spike.dimension], markdownText(spike.dimension === 'category' ? categoryLabel(spike.value) : spike.value), time(spike.detectedAt), String(spike.count),
      spike.baselineMean.toFixed(1), spike.example ? link(spike.example.title, spike.example.url) : '—',
    ]), '本期未检测到突增。'), '',
    '## 热门关键词', '',
    data.topKeywords.length === 0 ? '本期无关键词。' : data.topKeywords.map((keyword) => `${markdownText(keyword.keyword)}（${keyword.count}）`).join('、'), '',
    `## 来源分布（共 ${data.sources.total} 个来源）`, '',
    ...table(['来源', '帖子', '高风险及以上', '负面', '负面占比'], data.sources.items.map((source) => [
      markdownText(source.sourceName), String(source.total), String(source.highRisk), String(source.negative), percent(source.negative, source.total) ?? '—',
    ]), '本期无帖子。'), '',
    '## 风险类别', '',
    ...table(['风险类别', '命中帖子', '高风险及以上'], data.categories.map((category) => [markdownText(category.label), String(category.total), String(category.highRisk)]), '本期无规则命中。'), '',
    '## 处置与回应', '', responseSentences(data).join(''), '',
    '## 附件：规则调优参考', '',
    ...table(['规则', '命中帖子', '已排除', '排除率', '误报', '误报率'], data.rules.map((rule) => [
      markdownText(rule.ruleName ?? rule.ruleId), String(rule.hits), String(rule.dismissed), percent(rule.dismissed, rule.hits) ?? '—',
      String(rule.falsePositive), percent(rule.falsePositive, rule.hits) ?? '—',
    ]), '本期无规则命中。'), '',
    '---', '所有数字由 Elasticsearch 对已存储帖子、事件与突增的聚合得出；处置、回应与审批状态为报告生成时的状态。链接指向帖子原文。', '',
  ];
  return lines.join('\n');
}
