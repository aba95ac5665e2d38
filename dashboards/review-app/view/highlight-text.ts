import { html, joinHtml, type SafeHtml } from './html.ts';

/** A span of text to mark: UTF-16 offsets as stored by the analysis, the kind decides the style. */
export interface TextRange {
  start: number;
  end: number;
  kind: 'hit' | 'sent-neg' | 'sent-pos';
  /** The text the range should cover; when the offsets do not point at it, its first occurrence is used. */
  term?: string | undefined;
  /** Tooltip, e.g. the rule name. */
  label?: string | undefined;
}

/** Ranges whose offsets are in bounds, repaired from `term` when the offsets are stale, others dropped. */
export function validRanges(text: string, ranges: readonly TextRange[]): TextRange[] {
  return ranges.flatMap((range) => {
    const inBounds = Number.isInteger(range.start) && Number.isInteger(range.end) && range.start >= 0 && range.end <= text.length && range.start < range.end;
    if (inBounds && (!range.term || text.slice(range.start, range.end) === range.term)) return [range];
    if (!range.term) return [];
    const at = text.indexOf(range.term);
    return at >= 0 ? [{ ...range, start: at, end: at + range.term.length }] : [];
  });
}

/**
 * The text as escaped HTML with the ranges marked: rule hits as `<mark>`, sentiment words underlined.
 * Overlapping ranges are cut at every boundary, so each piece carries all the kinds that cover it.
 */
export function highlightText(text: string, ranges: readonly TextRange[]): SafeHtml {
  const usable = validRanges(text, ranges);
  if (usable.length === 0) return html`${text}`;
  const cuts = [...new Set([0, text.length, ...usable.flatMap((range) => [range.start, range.end])])].sort((a, b) => a - b);
  const pieces: SafeHtml[] = [];
  for (let index = 0; index + 1 < cuts.length; index += 1) {
    const from = cuts[index]!;
    const to = cuts[index + 1]!;
    const piece = text.slice(from, to);
    const covering = usable.filter((range) => range.start <= from && range.end >= to);
    const hit = covering.find((range) => range.kind === 'hit');
    const sentiment = covering.find((range) => range.kind !== 'hit');
    let fragment: SafeHtml = html`${piece}`;
    if (sentiment) fragment = html`<span class="${sentiment.kind}" title="${sentiment.label ?? ''}">${fragment}</span>`;
    if (hit) fragment = html`<mark class="hit" title="${hit.label ?? ''}">${fragment}</mark>`;
    pieces.push(fragment);
  }
  return joinHtml(pieces);
}
