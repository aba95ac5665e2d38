import { html, type SafeHtml } from './html.ts';

/**
 * A short excerpt of `text` for a list row: around the first occurrence of any search phrase (marked), else
 * the beginning. Works on code points so a cut never splits a character.
 */
export function textSnippet(text: string | undefined, phrases: readonly string[], maxChars = 120): SafeHtml {
  const characters = [...(text ?? '').replace(/\s+/g, ' ').trim()];
  const flat = characters.join('');
  let best: { start: number; length: number } | undefined;
  for (const phrase of phrases) {
    const at = flat.toLowerCase().indexOf(phrase.toLowerCase());
    if (at >= 0 && (!best || at < best.start)) best = { start: [...flat.slice(0, at)].length, length: [...phrase].length };
  }
  const start = best ? Math.max(0, best.start - 30) : 0;
  const end = Math.min(characters.length, start + maxChars);
  const lead = start > 0 ? '…' : '';
  const tail = end < characters.length ? '…' : '';
  if (!best || best.start + best.length > end) return html`${lead}${characters.slice(start, end).join('')}${tail}`;
  return html`${lead}${characters.slice(start, best.start).join('')}<mark class="hit">${characters.slice(best.start, best.start + best.length).join('')}</mark>${characters.slice(best.start + best.length, end).join('')}${tail}`;
}

/** The whole text with every occurrence of the search phrases marked (case-insensitive), escaped. */
export function markPhrases(text: string, phrases: readonly string[]): SafeHtml {
  const wanted = phrases.filter((phrase) => phrase.length > 0);
  if (wanted.length === 0) return html`${text}`;
  const lower = text.toLowerCase();
  const parts: SafeHtml[] = [];
  let at = 0;
  while (at < text.length) {
    let next: { start: number; length: number } | undefined;
    for (const phrase of wanted) {
      const found = lower.indexOf(phrase.toLowerCase(), at);
      if (found >= 0 && (!next || found < next.start)) next = { start: found, length: phrase.length };
    }
    if (!next) break;
    parts.push(html`${text.slice(at, next.start)}<mark class="hit">${text.slice(next.start, next.start + next.length)}</mark>`);
    at = next.start + next.length;
  }
  parts.push(html`${text.slice(at)}`);
  return html`${parts}`;
}
