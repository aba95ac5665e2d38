import type { HtmlDocument } from './read-html-field.ts';
import { tidyText } from './read-html-field.ts';

/** A link on a list page that looks like it leads to an article. */
export interface DiscoveredLink { url: string; text: string }

// Navigation, paging, footers and "more" links: never articles.
const notArticleText = /^(首页|主页|更多|更多>>|下一页|上一页|下页|上页|尾页|末页|返回|登录|注册|more|next|previous|home|»|«|›|‹|>|<)$/i;
const chromeContainer = /(^|[-_\s])(nav|navbar|menu|footer|foot|header|breadcrumb|crumb|pager|pagination|page-nav|copyright|login|topbar)([-_\s]|$)/i;
const listPath = /(^|\/)(index|list|default)([_-]\d+)?\.s?html?$|\/$/i;
// An id of several digits or a date in the path: /2026/11/26/…, /a/20161014/012345.htm, content_123.htm, thread-42-1-1.html.
const articlePath = /\d{4,}|\d{4}[-/]\d{1,2}[-/]\d{1,2}|[-_/]\d{2,}(\.s?html?)?$/;
const nextText = /^\s*(下一页|下页|下一頁|next|next page|下一页\s*[>»›])\s*[>»›]?\s*$/i;

/** The registrable part of a host (qq.com for news.qq.com, sina.com.cn for news.sina.com.cn), to keep links on the same site. */
function siteOf(host: string): string {
  const labels = host.toLowerCase().split('.');
  if (/^\d+$/.test(labels.at(-1) ?? '')) return host; // an IP address
  const secondLevel = /^(com|net|org|gov|edu|ac|co)$/.test(labels.at(-2) ?? '') && (labels.at(-1)?.length ?? 0) === 2;
  return labels.slice(secondLevel ? -3 : -2).join('.');
}

function isInsideChrome($: HtmlDocument, element: Parameters<HtmlDocument>[0]): boolean {
  return $(element).parents('nav, footer, header, [class], [id]').toArray().some((parent) => {
    const node = $(parent);
    const name = (parent as { tagName?: string }).tagName?.toLowerCase();
    return name === 'nav' || name === 'footer' || chromeContainer.test(`${node.attr('class') ?? ''} ${node.attr('id') ?? ''}`);
  });
}

function absolute(href: string | undefined, baseUrl: string): URL | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href.trim(), baseUrl);
    url.hash = '';
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Article links of a list page declared without an item selector: links of the same site whose text
 * reads like a headline (six characters or more) and whose path carries an id or a date, outside
 * navigation, paging and footers; each once, in page order.
 */
export function discoverArticleLinks($: HtmlDocument, baseUrl: string, pageUrl: string): DiscoveredLink[] {
  const site = siteOf(new URL(pageUrl).host);
  const seen = new Set<string>([new URL(pageUrl).href]);
  const links: DiscoveredLink[] = [];
  $('a[href]').each((_, element) => {
    const url = absolute($(element).attr('href'), baseUrl);
    if (!url || siteOf(url.host) !== site || seen.has(url.href)) return;
    const text = tidyText($(element).text() || ($(element).attr('title') ?? '')).replace(/\n/g, ' ');
    if ([...text].length < 6 || notArticleText.test(text)) return;
    if (listPath.test(url.pathname) || !articlePath.test(`${url.pathname}${url.search}`)) return;
    if (isInsideChrome($, element)) return;
    seen.add(url.href);
    links.push({ url: url.href, text });
  });
  return links;
}

/** The "next page" link of a list page (下一页, Next), for lists declared without selectors. */
export function discoverNextPage($: HtmlDocument, baseUrl: string): string | undefined {
  const link = $('a[href]').toArray().find((element) => nextText.test($(element).text()) || /^next$/i.test($(element).attr('rel') ?? ''));
  return link ? absolute($(link).attr('href'), baseUrl)?.href : undefined;
}
