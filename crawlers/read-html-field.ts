import * as cheerio from 'cheerio';
// crawlee's type declarations load cheerio as CommonJS; naming the types the same way keeps the
// documents crawlee hands us and the ones we load ourselves one type (it is one module at run time).
import type { AnyNode, Cheerio, CheerioAPI } from 'cheerio' with { 'resolution-mode': 'require' };
import type { FieldSelector } from '../config/sources-schema.ts';

/** A parsed HTML document (crawlee's CheerioCrawler hands one to every handler). */
export type HtmlDocument = CheerioAPI;
/** A selection inside a document. */
export type HtmlSelection = Cheerio<AnyNode>;

const blockElements = 'p, div, li, tr, h1, h2, h3, h4, h5, h6, blockquote, section, article, pre, table';

/** Collapses runs of spaces, keeps paragraph breaks (at most one blank line). */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00A0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function selectorParts(field: FieldSelector): { selector: string; attribute: string | undefined } {
  return typeof field === 'string' ? { selector: field, attribute: undefined } : { selector: field.selector, attribute: field.attribute };
}

/** The elements a field selector matches inside `scope` (the selector `:scope` means the scope itself). */
export function selectField($: HtmlDocument, scope: HtmlSelection | undefined, field: FieldSelector): HtmlSelection {
  const { selector } = selectorParts(field);
  if (!scope) return $(selector);
  return selector === ':scope' ? scope : scope.find(selector);
}

/** Text of an element with line breaks where the page shows them (`<br>`, paragraphs, list items). */
export function blockText($: HtmlDocument, element: HtmlSelection): string {
  const copy = element.clone();
  copy.find('script, style, noscript, template').remove();
  copy.find('br').replaceWith('\n');
  copy.find(blockElements).each((_, child) => {
    $(child).prepend('\n').append('\n');
  });
  return tidyText(copy.text());
}

/** A single-line value: the first match's text, or its attribute when the selector names one. */
export function readField($: HtmlDocument, scope: HtmlSelection | undefined, field: FieldSelector | undefined): string | undefined {
  if (!field) return undefined;
  const { attribute } = selectorParts(field);
  const element = selectField($, scope, field).first();
  if (element.length === 0) return undefined;
  const value = attribute ? element.attr(attribute) : element.text();
  const tidy = value === undefined ? undefined : tidyText(value).replace(/\n/g, ' ');
  return tidy === '' ? undefined : tidy;
}

/** Multi-paragraph text of the first match (article bodies, forum floors); undefined when nothing matches. */
export function readBlockField($: HtmlDocument, scope: HtmlSelection | undefined, field: FieldSelector): string | undefined {
  const { attribute } = selectorParts(field);
  const element = selectField($, scope, field).first();
  if (element.length === 0) return undefined;
  return attribute ? tidyText(element.attr(attribute) ?? '') : blockText($, element);
}

/** Plain text of an HTML fragment (feed descriptions, API fields holding markup). */
export function htmlToText(html: string): string {
  const $ = cheerio.load(`<div id="fragment-root">${html}</div>`, null, false) as unknown as HtmlDocument;
  return blockText($, $('#fragment-root'));
}

/** The language the page declares: `<html lang>`, `<meta http-equiv="content-language">` or `<meta name="language">`. */
export function declaredLanguage($: HtmlDocument): string | undefined {
  const value = $('html').attr('lang') ?? $('meta[http-equiv="content-language" i]').attr('content') ?? $('meta[name="language" i]').attr('content');
  return value?.trim() || undefined;
}
