import * as cheerio from 'cheerio';
import { parse as parseSelector, type Selector } from 'css-what';
import { z } from 'zod';

// One empty document to compile selectors against: cheerio (css-select through cheerio-select) is the engine
// the html, rss and auto-extraction crawlers run selectors with, so a selector it accepts here it accepts there.
const emptyDocument = cheerio.load('<html><body></body></html>');

/**
 * Pseudo-classes only cheerio understands (jQuery extensions). Chromium's querySelector throws on them, so a
 * `browser` source using one would fail on every page.
 */
const cheerioOnlyPseudos = new Set([
  'contains', 'icontains', 'first', 'last', 'eq', 'nth', 'gt', 'lt', 'even', 'odd', 'header', 'button', 'input', 'text',
  'checkbox', 'file', 'password', 'reset', 'radio', 'submit', 'image', 'parent', 'selected',
]);

function cheerioOnlyPseudosIn(selectors: Selector[][]): string[] {
  const found: string[] = [];
  const visit = (groups: Selector[][]) => {
    for (const part of groups.flat()) {
      if (part.type !== 'pseudo') continue;
      if (cheerioOnlyPseudos.has(part.name)) found.push(`:${part.name}`);
      if (Array.isArray(part.data)) visit(part.data);
    }
  };
  visit(selectors);
  return found;
}

/** The reason cheerio cannot run the selector, or undefined when it can. */
export function cssSelectorProblem(selector: string): string | undefined {
  try {
    emptyDocument.root().find(selector);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Which engine will run the selector: cheerio for static pages, Chromium's querySelector for `browser` sources. */
export type SelectorEngine = 'cheerio' | 'chromium';

/** A CSS selector compiled now with the engine that will run it, so `div[[[` fails at config time, not mid-crawl. */
export function cssSelector(engine: SelectorEngine = 'cheerio') {
  return z.string().min(1, 'expected a CSS selector').superRefine((selector, ctx) => {
    const problem = cssSelectorProblem(selector);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: `"${selector}" is not a valid CSS selector: ${problem}` });
      return;
    }
    if (engine !== 'chromium') return;
    const unsupported = cheerioOnlyPseudosIn(parseSelector(selector));
    if (unsupported.length > 0) {
      ctx.addIssue({ code: 'custom', message: `"${selector}" uses ${unsupported.join(', ')}, which Chromium does not understand (a cheerio extension); use standard CSS in browser sources` });
    }
  });
}
