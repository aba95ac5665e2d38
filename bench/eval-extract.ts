// npm run eval:extract — automatic article extraction (no selectors) against expected title, time and
// body, on ../shared/crawl-corpus/readability-test-pages (read at run time) and on the fixture CMS
// layouts (tests/support/fixture-sites/article-layouts.ts), beside the same pages read with the
// selectors an operator would write. Prints title exact-match rate, time accuracy (±60 s) and body
// character F1. Goal without selectors: title ≥ 0.9, time ≥ 0.9, body F1 ≥ 0.95.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import iconv from 'iconv-lite';
import type { FieldSelector } from '../config/sources-schema.ts';
import { decideCharset } from '../crawlers/decide-charset.ts';
import { extractArticle } from '../crawlers/extract-article.ts';
import { htmlToText, type HtmlDocument } from '../crawlers/read-html-field.ts';
import { readArticlePage } from '../crawlers/source-types/html-pages.ts';
import { articleLayouts } from '../tests/support/fixture-sites/article-layouts.ts';
import { troubledRoutes, articlesPerLayout } from '../tests/support/fixture-sites/troubled-sites.ts';
import { chineseCorpusTruth } from './crawl-corpus-truth.ts';

const corpusDir = fileURLToPath(new URL('../../shared/crawl-corpus/readability-test-pages/', import.meta.url));

/** One page to measure: its bytes, what is expected, and (where an operator would write them) selectors. */
interface Case {
  set: string;
  name: string;
  bytes: Buffer;
  contentType?: string | undefined;
  timeZone: string;
  expected: { title: string | undefined; publishedAt: string | undefined; body: string };
  /** The expected title may carry the site's suffix (Readability's own output): also compare without it. */
  titleHasSiteSuffix: boolean;
  selectors?: { titleSelector: FieldSelector; contentSelector: FieldSelector; timeSelector?: FieldSelector };
}

interface Outcome { title: string | undefined; publishedAt: string | undefined; body: string }

/** Character F1 of two texts, whitespace ignored, as bags of characters. */
export function characterF1(expected: string, actual: string): number {
  const expectedChars = [...expected.replace(/\s/g, '')];
  const actualChars = [...actual.replace(/\s/g, '')];
  if (expectedChars.length === 0 && actualChars.length === 0) return 1;
  const counts = new Map<string, number>();
  for (const char of expectedChars) counts.set(char, (counts.get(char) ?? 0) + 1);
  let common = 0;
  for (const char of actualChars) {
    const left = counts.get(char) ?? 0;
    if (left > 0) {
      common += 1;
      counts.set(char, left - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / actualChars.length;
  const recall = common / expectedChars.length;
  return (2 * precision * recall) / (precision + recall);
}

const normalizeTitle = (title: string | undefined) => (title ?? '').replace(/\s+/g, ' ').trim();

/** Title equal up to a site/channel suffix after _ | - – — :: @ (what Readability keeps for Chinese titles). */
function titleMatchesUpToSuffix(expected: string | undefined, actual: string | undefined): boolean {
  const want = normalizeTitle(expected);
  const got = normalizeTitle(actual);
  if (want === got) return true;
  return got.length >= 4 && want.startsWith(got) && /^\s*([_|｜]|[-–—]|::|@)/.test(want.slice(got.length));
}

function corpusCases(): Case[] {
  if (!existsSync(corpusDir)) return [];
  const cases: Case[] = [];
  for (const name of readdirSync(corpusDir).sort()) {
    const folder = `${corpusDir}${name}/`;
    if (!existsSync(`${folder}source.html`)) continue;
    const metadata = JSON.parse(readFileSync(`${folder}expected-metadata.json`, 'utf8')) as { title?: string; publishedTime?: string | null };
    const truth = chineseCorpusTruth[name];
    const published = metadata.publishedTime
      ? new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(metadata.publishedTime) ? metadata.publishedTime : `${metadata.publishedTime.replace(' ', 'T').replace(/(\.\d{3})\d*$/, '$1')}Z`).toISOString()
      : undefined;
    cases.push({
      set: 'corpus', name, bytes: readFileSync(`${folder}source.html`), timeZone: truth ? 'Asia/Shanghai' : 'UTC',
      expected: { title: metadata.title || undefined, publishedAt: published, body: htmlToText(readFileSync(`${folder}expected.html`, 'utf8')) },
      titleHasSiteSuffix: true,
    });
    if (truth) {
      cases.push({
        set: 'corpus-zh', name, bytes: readFileSync(`${folder}source.html`), timeZone: 'Asia/Shanghai',
        expected: { title: truth.title, publishedAt: new Date(truth.publishedAt).toISOString(), body: htmlToText(readFileSync(`${folder}expected.html`, 'utf8')) },
        titleHasSiteSuffix: false, selectors: truth.selectors,
      });
    }
  }
  return cases;
}

function fixtureCases(): Case[] {
  const { content } = troubledRoutes(new Date());
  return articleLayouts.flatMap((layout) => content.articles[layout.name]!.slice(0, articlesPerLayout).map((article) => {
    const html = layout.render(article, content.articles[layout.name]!.filter((other) => other !== article));
    return {
      set: 'fixtures', name: `${layout.name}/${article.id}`, bytes: layout.charset === 'utf-8' ? Buffer.from(html) : iconv.encode(html, layout.charset),
      contentType: 'text/html', timeZone: 'Asia/Shanghai', titleHasSiteSuffix: false, selectors: layout.selectors,
      expected: { title: article.title, publishedAt: layout.hasTime ? article.publishedAt.toISOString() : undefined, body: article.paragraphs.join('\n') },
    };
  }));
}

function measure(entry: Case, withSelectors: boolean): Outcome {
  const { text } = decideCharset(entry.bytes, entry.contentType);
  const url = `http://fakehost/${entry.name}/page.html`;
  const time = { timeZone: entry.timeZone, now: new Date() };
  if (!withSelectors) {
    const article = extractArticle(text, url, time);
    return { title: article.title, publishedAt: article.time.publishedAt, body: article.content ?? '' };
  }
  const $ = cheerio.load(text) as unknown as HtmlDocument;
  const { post } = readArticlePage($, text, url, { ...entry.selectors!, engagement: {} }, time);
  return { title: post?.title, publishedAt: post?.publishedAt, body: post?.content ?? '' };
}

interface Figures { pages: number; titleExact: number; titleUpToSuffix: number; timed: number; timeCorrect: number; undatedCorrect: number; undated: number; f1: number; millis: number }

function evaluate(cases: Case[], withSelectors: boolean): Figures {
  const figures: Figures = { pages: 0, titleExact: 0, titleUpToSuffix: 0, timed: 0, timeCorrect: 0, undatedCorrect: 0, undated: 0, f1: 0, millis: 0 };
  for (const entry of cases) {
    const started = performance.now();
    const outcome = measure(entry, withSelectors);
    figures.millis += performance.now() - started;
    figures.pages += 1;
    if (normalizeTitle(outcome.title) === normalizeTitle(entry.expected.title)) figures.titleExact += 1;
    if (titleMatchesUpToSuffix(entry.expected.title, outcome.title)) figures.titleUpToSuffix += 1;
    if (entry.expected.publishedAt) {
      figures.timed += 1;
      if (outcome.publishedAt && Math.abs(Date.parse(outcome.publishedAt) - Date.parse(entry.expected.publishedAt)) <= 60_000) figures.timeCorrect += 1;
    } else if (entry.set === 'fixtures') {
      // The fixtures know which pages print no date: the right answer there is "unknown", never a guess.
      figures.undated += 1;
      if (!outcome.publishedAt) figures.undatedCorrect += 1;
    }
    figures.f1 += characterF1(entry.expected.body, outcome.body);
  }
  return figures;
}

const rate = (part: number, whole: number) => (whole === 0 ? '—' : (part / whole).toFixed(3));

function row(label: string, figures: Figures | undefined): string {
  if (!figures) return `| ${label.padEnd(58)} | — | — | — | — | — | — |`;
  const time = `${rate(figures.timeCorrect, figures.timed)} (${figures.timeCorrect}/${figures.timed})`;
  const undated = figures.undated > 0 ? ` · unknown kept ${figures.undatedCorrect}/${figures.undated}` : '';
  return `| ${label.padEnd(58)} | ${String(figures.pages).padStart(5)} | ${rate(figures.titleExact, figures.pages)} | ${rate(figures.titleUpToSuffix, figures.pages)} | ${time}${undated} | ${(figures.f1 / figures.pages).toFixed(3)} | ${(figures.millis / figures.pages).toFixed(1)} |`;
}

const corpus = corpusCases();
const fixtures = fixtureCases();
const sets: [string, Case[]][] = [
  ['readability corpus, all pages', corpus.filter((entry) => entry.set === 'corpus')],
  ['readability corpus, Chinese (human truth)', corpus.filter((entry) => entry.set === 'corpus-zh')],
  ['fixture CMS layouts', fixtures],
];
console.log('eval:extract — automatic article extraction vs expected title, time (±60 s) and body (character F1)');
console.log(corpus.length > 0
  ? `corpus: ${corpusDir} (expected values are Readability's own output: title kept with the site suffix, body as Readability extracts it)`
  : `corpus: ${corpusDir} absent — only the fixture layouts are measured`);
console.log('Chinese human truth: headline without the site suffix and the publication time printed on the page (bench/crawl-corpus-truth.ts)');
console.log('');
console.log('| set and mode                                               | pages | title exact | title up to site suffix | time accuracy | body F1 | ms/page |');
console.log('| ---------------------------------------------------------- | ----: | ----------: | ----------------------: | ------------- | ------: | ------: |');
for (const [label, cases] of sets) {
  if (cases.length === 0) continue;
  console.log(row(`${label} — no selectors`, evaluate(cases, false)));
  const selectable = cases.filter((entry) => entry.selectors);
  console.log(row(`${label} — user's selectors`, selectable.length > 0 ? evaluate(selectable, true) : undefined));
}
console.log('');
console.log('Goal without selectors: title ≥ 0.9, time ≥ 0.9, body F1 ≥ 0.95. "User\'s selectors" exist for the fixture layouts and the four Chinese corpus pages only.');
