import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { findArticleTime } from './find-article-time.ts';
import type { TimeContext } from './parse-chinese-time.ts';
import { readPublishedTime, type PublishedTime } from './parse-published-time.ts';
import { tidyText } from './read-html-field.ts';

/** What automatic extraction found on an article page; a field it could not establish is absent. */
export interface ExtractedArticle {
  title?: string | undefined;
  content?: string | undefined;
  authorName?: string | undefined;
  time: PublishedTime;
}

const hasCjk = /[\u3400-\u9fff\uf900-\ufaff]/;
// Site names follow the headline after _ | ｜ - – — (e.g. 标题_科技_腾讯网, 标题 - 新浪新闻).
const titleSeparator = /\s*[_|｜]\s*|\s+[-–—]\s+|\s*::\s*|\s+@\s+/;
const authorLabel = /(?:作者|作\s+者|文\s*[/／]|记者|記者|撰文|编辑|文字)\s*[:：︱|]?\s*([\p{Script=Han}A-Za-z·• ]{2,20}?)(?=\s|$|[|｜，,。(（\d])/u;
const outletLabel = /(?:来源|來源|出处|出處)\s*[:：]\s*([^\s|｜，,]{2,24})/;

const bylineLine = /(来源|來源|作者|记者|記者|发布|發佈|发表|發表|发稿|时间|時間|阅读|閱讀|浏览|瀏覽|评论|評論|字号|字號|分享到)/;
const editorLine = /^[[【（(]?\s*(责任编辑|責任編輯|编辑|編輯|校对|校對)\s*[:：]/;

/**
 * The body without what Chinese article templates put around it inside the article container: the
 * headline repeated, the 来源/作者/时间/阅读 line under it, and the 责任编辑 line at the end.
 */
function trimArticleChrome(content: string, title: string | undefined): string {
  const lines = content.split('\n');
  const norm = (text: string) => text.replace(/\s+/g, '');
  let start = 0;
  for (let checked = 0; checked < 6 && start < lines.length - 1; checked += 1) {
    const line = lines[start]!.trim();
    // A short line holding a date, or a month-day and a clock (媒体名 11-29 16:57), is the dateline, not the story.
    const isDateLine = line.length < 40 && (/^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}/.test(line) || /\d{1,2}\s*[-/月]\s*\d{1,2}\s*日?\s*\d{1,2}:\d{2}/.test(line));
    if (line === '' || isDateLine || (title && norm(line) === norm(title)) || (line.length < 120 && bylineLine.test(line) && /\d{4}\s*[-/.年]|[:：(（]|\d+$/.test(line))) start += 1;
    else break;
  }
  let end = lines.length;
  while (end > start + 1 && (lines[end - 1]!.trim() === '' || editorLine.test(lines[end - 1]!.trim()))) end -= 1;
  return lines.slice(start, end).join('\n').trim();
}

const blockTags = new Set(['P', 'DIV', 'LI', 'TR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'SECTION', 'ARTICLE', 'PRE', 'TABLE', 'UL', 'OL', 'FIGURE', 'FIGCAPTION']);
const skippedTags = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);

/**
 * Text of Readability's article element with line breaks where the page shows them — the same result as
 * `htmlToText` on its HTML, read straight from the DOM Readability already built instead of parsing it again.
 */
function elementText(root: Node): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) return void parts.push(node.nodeValue ?? '');
    if (node.nodeType !== 1) return;
    const tag = (node as Element).tagName.toUpperCase();
    if (skippedTags.has(tag)) return;
    if (tag === 'BR') return void parts.push('\n');
    const isBlock = blockTags.has(tag);
    if (isBlock) parts.push('\n');
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
    if (isBlock) parts.push('\n');
  };
  walk(root);
  return tidyText(parts.join(''));
}

function single(text: string | null | undefined): string | undefined {
  const value = text ? tidyText(text).replace(/\n/g, ' ') : '';
  return value === '' ? undefined : value;
}

interface TitleClues { headings: string[]; ogTitle: string | undefined; documentTitle: string | undefined }

function titleClues(document: Document): TitleClues {
  return {
    headings: Array.from(document.querySelectorAll('h1, h2, h3, [class*="title" i]'))
      .map((element) => single(element.textContent)).filter((text): text is string => text !== undefined && text.length >= 4),
    ogTitle: single(document.querySelector('meta[property="og:title"]')?.getAttribute('content')),
    documentTitle: single(document.title),
  };
}

/**
 * The headline. Readability's title is kept for pages it reads well; for Chinese pages, whose
 * `<title>` carries the channel and site (`标题_科技_腾讯网`) that Readability cannot strip without
 * spaces between words, the longest heading that the title starts with wins, else the title's first part.
 */
function chooseTitle(clues: TitleClues, readabilityTitle: string | null | undefined): string | undefined {
  const title = single(readabilityTitle) ?? clues.documentTitle;
  if (!title || !hasCjk.test(title)) return title;
  const prefix = clues.headings.filter((heading) => heading.length < title.length && title.startsWith(heading)).sort((a, b) => b.length - a.length)[0];
  if (prefix) return prefix;
  if (clues.ogTitle && clues.ogTitle !== title && title.startsWith(clues.ogTitle)) return clues.ogTitle;
  const first = title.split(titleSeparator)[0]?.trim();
  return first && first.length >= 4 ? first : title;
}

function chooseAuthor(byline: string | null | undefined, headText: string): string | undefined {
  const labelled = authorLabel.exec(headText)?.[1]?.trim();
  const candidate = single(byline) ?? (labelled && labelled.length >= 2 ? labelled : undefined) ?? outletLabel.exec(headText)?.[1];
  if (!candidate) return undefined;
  // A byline is a name or an outlet, not a sentence.
  return candidate.length <= 40 ? candidate.replace(/^(作者|记者|記者|By)\s*[:：]?\s*/i, '') : undefined;
}

/**
 * Reads an article page without selectors: Mozilla Readability (on a linkedom DOM) for the body, title
 * and byline, and Chinese-news heuristics for what Readability does not know — a headline without the
 * site suffix, 发布时间 / 来源 / 作者 labels near the title, a date printed below the headline.
 */
export function extractArticle(html: string, url: string, time: TimeContext): ExtractedArticle {
  const { document: parsedDocument } = parseHTML(html);
  const document = parsedDocument as unknown as Document;
  // Readability resolves relative links against the document's URL; linkedom documents have none of their own.
  if (!document.querySelector('base[href]')) document.head?.insertAdjacentHTML('afterbegin', `<base href="${url.replace(/[&"<>]/g, (char) => `&#${char.charCodeAt(0)};`)}">`);
  // The heuristics read the page as published; Readability then takes it apart.
  const clues = titleClues(document);
  const provisionalTitle = chooseTitle(clues, undefined);
  const bodyText = document.body?.textContent?.replace(/\s+/g, ' ') ?? '';
  const start = provisionalTitle ? Math.max(0, bodyText.indexOf(provisionalTitle)) : 0;
  const headText = bodyText.slice(start, start + 400);
  const { origin: _origin, ...markupTime } = findArticleTime(parsedDocument, time, { title: provisionalTitle, bodyText });
  let parsed: ReturnType<Readability<Node>['parse']> = null;
  try {
    parsed = new Readability<Node>(document, { serializer: (node) => node }).parse();
  } catch {
    parsed = null;
  }
  const title = chooseTitle(clues, parsed?.title);
  const content = parsed?.content ? trimArticleChrome(elementText(parsed.content), title) : undefined;
  const readabilityTime = parsed?.publishedTime ? readPublishedTime(parsed.publishedTime, time) : undefined;
  return {
    title,
    content: content && content.trim() !== '' ? content : undefined,
    authorName: chooseAuthor(parsed?.byline, headText),
    time: chooseTime(readabilityTime, parsed?.publishedTime, markupTime),
  };
}

/**
 * Readability's metadata time (it reads JSON-LD and every common meta tag) wins, unless it is a bare date
 * and the page prints a clock on that day; the page's own heuristics fill in when it has none.
 */
function chooseTime(readability: PublishedTime | undefined, readabilityText: string | null | undefined, page: PublishedTime): PublishedTime {
  if (!readability?.publishedAt) return page;
  const isBareDate = !/\d{1,2}:\d{2}/.test(readabilityText ?? '');
  const sameDay = page.publishedAt !== undefined && Math.abs(Date.parse(page.publishedAt) - Date.parse(readability.publishedAt)) < 36 * 3_600_000;
  return isBareDate && sameDay ? page : readability;
}
