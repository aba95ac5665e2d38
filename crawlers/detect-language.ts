import * as OpenCC from 'opencc-js';

let toSimplified: ((text: string) => string) | undefined;

/** True for language tags of traditional-script Chinese (zh-TW, zh-HK, zh-MO, zh-Hant…). */
export function isTraditionalTag(tag: string | undefined): boolean {
  return !!tag && /^zh[-_](tw|hk|mo|hant)/i.test(tag.trim());
}

/**
 * Share of Chinese characters that OpenCC would change when converting traditional to simplified:
 * close to 0 for simplified text, typically 0.2–0.4 for traditional text.
 */
export function traditionalCharacterShare(text: string): number {
  const han = text.match(/\p{Script=Han}/gu) ?? [];
  if (han.length === 0) return 0;
  const original = han.join('');
  const converted = (toSimplified ??= OpenCC.Converter({ from: 'tw', to: 'cn' }))(original);
  let changed = 0;
  for (let index = 0; index < original.length; index += 1) if (original[index] !== converted[index]) changed += 1;
  return changed / han.length;
}

/**
 * The language tag of a post: what the page (or the source) declares, else `zh-Hant` when the text is
 * written in traditional characters, else undefined. The pipeline converts `zh-Hant`/`zh-TW` text to
 * simplified for analysis and keeps the original.
 */
export function detectLanguage(text: string, declared: string | undefined, charset?: string): string | undefined {
  const tag = declared?.trim();
  if (tag) return tag;
  if (charset === 'big5') return 'zh-TW';
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  // A few thousand characters tell the script as well as the whole text does.
  return han >= 8 && traditionalCharacterShare(text.slice(0, 3000)) >= 0.08 ? 'zh-Hant' : undefined;
}
