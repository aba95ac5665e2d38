import { en } from './messages-en.ts';
import { zhCN, type Messages } from './messages-zh-cn.ts';

/** Languages of the UI. */
export const uiLanguages = ['zh-CN', 'en'] as const;
/** A UI language. */
export type UiLanguage = (typeof uiLanguages)[number];

/** Whether a value names a supported UI language. */
export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (uiLanguages as readonly string[]).includes(value);
}

/** The text catalogue of a language. */
export function messagesFor(language: UiLanguage): Messages {
  return language === 'en' ? en : zhCN;
}

/** Formats an ISO time for display in the configured time zone, e.g. `2026-11-20 10:00`. */
export function formatTime(iso: string | undefined, timeZone: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
