import { formatTime } from '../i18n/ui-language.ts';
import type { UiLanguage } from '../i18n/ui-language.ts';
import { html, type SafeHtml } from './html.ts';

const unknownLabel: Record<UiLanguage, { label: string; filed: (firstSeen: string) => string }> = {
  'zh-CN': { label: '发布时间未知', filed: (firstSeen) => `来源未给出可读的发布时间；按首次采集时间 ${firstSeen} 归档` },
  en: { label: 'Publication time unknown', filed: (firstSeen) => `The source gave no readable publication time; filed by first crawl at ${firstSeen}` },
};

/**
 * The publication time of a post, or 发布时间未知 when the crawler could not establish it (the stored
 * time is then when it was first seen, which must never pass for a publication time).
 */
export function publishedTime(post: { publishedAt?: string | undefined; publishedAtKnown?: boolean | undefined }, timeZone: string, language: UiLanguage): SafeHtml {
  if (post.publishedAtKnown !== false) return html`${formatTime(post.publishedAt, timeZone)}`;
  const text = unknownLabel[language] ?? unknownLabel['zh-CN'];
  return html`<span class="published-unknown" title="${text.filed(formatTime(post.publishedAt, timeZone))}">${text.label}</span>`;
}
