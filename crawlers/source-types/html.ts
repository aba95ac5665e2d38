import { CheerioCrawler, type CheerioCrawlingContext } from 'crawlee';
import type { HtmlSourceConfig } from '../../config/sources-schema.ts';
import { BrokenSourceError, SkippedPageError } from '../crawl-errors.ts';
import { detectLanguage } from '../detect-language.ts';
import { discoverArticleLinks, discoverNextPage } from '../discover-article-links.ts';
import type { TimeContext } from '../parse-chinese-time.ts';
import { readPublishedTime, type PublishedTime } from '../parse-published-time.ts';
import { declaredLanguage, readField, type HtmlDocument } from '../read-html-field.ts';
import { responseText } from '../response-text.ts';
import { charsetDecisionOf, charsetProvenanceOf } from '../bounded-http-client.ts';
import { boundedHttpClientFor, crawlFromStartUrls, domainThrottleHook, isolatedCrawleeConfiguration, politeCrawlerOptions } from '../polite-crawler-options.ts';
import type { SourceRun } from '../source-run.ts';
import { absoluteHttpUrl, extractThreadFloors, hrefField, readArticlePage } from './html-pages.ts';

interface ListPageData { role: 'list'; page: number }
interface DetailPageData {
  role: 'article' | 'thread';
  /** The detail page as listed (a thread's first page): the key of its crawl state. */
  pageUrl: string;
  listedPublishedAt?: string | undefined;
  /** The list's time as written, when it could not be read. */
  listedTimeText?: string | undefined;
  activity?: string | undefined;
  /** 1 for the page the list links to; a refreshed thread resumes at its last page read. */
  threadPage: number;
  resumed: boolean;
}
type PageData = ListPageData | DetailPageData;

/** The URL relative links of a page resolve against: its `<base href>` when it has one, else where it was loaded from. */
export function pageBaseUrl($: HtmlDocument, loadedUrl: string): string {
  const base = $('base[href]').first().attr('href');
  if (!base) return loadedUrl;
  try {
    return new URL(base.trim(), loadedUrl).href;
  } catch {
    return loadedUrl;
  }
}

/**
 * The `html` source type: list pages (next link or numbered pages) lead to detail pages — one article
 * each, read with CSS selectors and/or automatic extraction, or a forum thread whose floors each become a
 * post linked by `threadId`/`replyToId`, following the thread's own pagination. A list declared without
 * an item selector has its article links found automatically. A thin layer over crawlee's
 * CheerioCrawler: politeness, retries and robots.txt come from crawlee's options.
 */
export async function crawlHtmlSource(run: SourceRun<HtmlSourceConfig>): Promise<void> {
  const { source, politeness } = run;
  const time: TimeContext = { timeZone: source.timeZone, now: run.now };

  const crawler = new CheerioCrawler({
    ...politeCrawlerOptions(run),
    httpClient: boundedHttpClientFor(run),
    // crawlee's own navigation timeout is a backstop; the HTTP client times out first with a classified error.
    navigationTimeoutSecs: politeness.requestTimeoutSeconds + 5,
    preNavigationHooks: [domainThrottleHook(run)],
    requestHandler: async (context) => {
      const data = context.request.userData as PageData;
      if (data.role === 'list') await handleListPage(context, data);
      else if (data.role === 'article') await handleArticlePage(context, data);
      else await handleThreadPage(context, data);
      run.countPage();
    },
  }, isolatedCrawleeConfiguration());

  async function handleListPage(context: CheerioCrawlingContext, data: ListPageData): Promise<void> {
    const { $, request } = context;
    const loadedUrl = request.loadedUrl ?? request.url;
    const baseUrl = pageBaseUrl($, loadedUrl);
    const { itemSelector } = source.list;
    const listed: { pageUrl: string; time: PublishedTime; activity?: string | undefined }[] = [];
    if (itemSelector) {
      const items = $(itemSelector);
      if (items.length === 0) {
        throw new BrokenSourceError('selector-matched-nothing', `list.itemSelector "${itemSelector}" matched nothing on ${request.url}`, request.url);
      }
      items.each((_, element) => {
        const item = $(element);
        const pageUrl = absoluteHttpUrl(readField($, item, hrefField(source.list.linkSelector)), baseUrl);
        if (!pageUrl) {
          run.tally.see();
          return void run.tally.drop('no-id');
        }
        listed.push({ pageUrl, time: readPublishedTime(readField($, item, source.list.timeSelector), time), activity: readField($, item, source.list.activitySelector) });
      });
    } else {
      const links = discoverArticleLinks($, baseUrl, loadedUrl);
      if (links.length === 0) throw new BrokenSourceError('selector-matched-nothing', `no article-like links found on ${request.url} (declare list.itemSelector)`, request.url);
      for (const link of links) listed.push({ pageUrl: link.url, time: { publishedAtIssue: 'missing' } });
    }
    const detailRequests: { url: string; uniqueKey: string; userData: DetailPageData }[] = [];
    for (const { pageUrl, time: listedTime, activity } of listed) {
      const listedPublishedAt = listedTime.publishedAt;
      const decision = run.decidePage(pageUrl, { ...(listedPublishedAt ? { publishedAt: listedPublishedAt } : {}), ...(activity !== undefined ? { activity } : {}) });
      if (decision === 'known') continue;
      const resumeUrl = source.thread && decision === 'refresh' ? run.state.page(pageUrl)?.resumeUrl : undefined;
      const url = resumeUrl ?? pageUrl;
      run.markDetail(url);
      detailRequests.push({
        url, uniqueKey: url,
        userData: { role: source.thread ? 'thread' : 'article', pageUrl, listedPublishedAt, listedTimeText: listedTime.publishedAtText, activity, threadPage: 1, resumed: resumeUrl !== undefined && resumeUrl !== pageUrl },
      });
    }
    if (run.isStopping) return;
    await context.addRequests(await run.admit(detailRequests));
    // A list page with nothing new means the pages after it hold only older items: stop paginating.
    if ((detailRequests.length === 0 && !run.state.fullScanNeeded) || data.page >= source.list.maxPages) return;
    const nextUrl = source.list.nextPageSelector
      ? absoluteHttpUrl(readField($, undefined, hrefField(source.list.nextPageSelector)), baseUrl)
      : source.list.pageUrlTemplate?.replace('{page}', String(data.page + 1)) ?? (itemSelector ? undefined : discoverNextPage($, baseUrl));
    if (nextUrl) await context.addRequests(await run.admit([{ url: nextUrl, uniqueKey: nextUrl, userData: { role: 'list', page: data.page + 1 } satisfies ListPageData }]));
  }

  function languageOf(context: CheerioCrawlingContext, text: string): string | undefined {
    const charset = charsetDecisionOf(context.response.headers)?.charset;
    return detectLanguage(text, declaredLanguage(context.$) ?? source.language, charset);
  }

  async function handleArticlePage(context: CheerioCrawlingContext, data: DetailPageData): Promise<void> {
    const { request } = context;
    const listedTime: PublishedTime = data.listedPublishedAt ? { publishedAt: data.listedPublishedAt } : { publishedAtIssue: data.listedTimeText ? 'unparseable' : 'missing', publishedAtText: data.listedTimeText };
    const { post, misses, extracted } = readArticlePage(context.$, responseText(context), data.pageUrl, source.article, time, listedTime);
    for (const miss of misses) run.tally.selectorMissed(miss.field, miss.selector, request.url);
    run.countDetailPage(post !== undefined);
    if (!post) {
      const tried = source.article?.contentSelector ? `content selector "${typeof source.article.contentSelector === 'string' ? source.article.contentSelector : source.article.contentSelector.selector}" and automatic extraction` : 'automatic extraction';
      throw new SkippedPageError('selector-matched-nothing', `${tried} found no article body on ${request.url}`, request.url);
    }
    if (extracted) run.logger.debug({ url: request.url, origins: post.fieldOrigins }, 'article read with automatic extraction');
    await run.emit({ ...post, charset: charsetProvenanceOf(context.response.headers), language: languageOf(context, `${post.title ?? ''}${post.content}`) }, { isArticle: true });
    run.state.rememberPage(data.pageUrl, { publishedAt: post.publishedAt, activity: data.activity }, run.now);
  }

  async function handleThreadPage(context: CheerioCrawlingContext, data: DetailPageData): Promise<void> {
    const { $, request } = context;
    const declaration = source.thread!;
    const pageUrl = request.loadedUrl ?? request.url;
    const { floors, matched, title } = extractThreadFloors($, request.url, declaration, time);
    run.countDetailPage(matched > 0);
    if (matched === 0) throw new SkippedPageError('selector-matched-nothing', `floor selector "${declaration.postSelector}" matched nothing on ${request.url}`, request.url);
    const threadId = new RegExp(declaration.threadIdPattern).exec(data.pageUrl)?.[1] ?? data.pageUrl;
    const known = run.state.page(data.pageUrl);
    const isFirstPage = data.threadPage === 1 && !data.resumed;
    const openerId = isFirstPage ? floors[0]?.postId : known?.openerId;
    const language = languageOf(context, floors.map((floor) => floor.post.content).join(''));
    const charset = charsetProvenanceOf(context.response.headers);
    for (const floor of floors) {
      const isOpener = floor.postId === openerId;
      const result = await run.emit({
        ...floor.post,
        title: isOpener ? title : undefined,
        threadId,
        replyToId: isOpener ? undefined : openerId,
        language,
        charset,
      }, { isArticle: isOpener });
      if (result === 'full') return;
    }
    const nextUrl = declaration.nextPageSelector ? absoluteHttpUrl(readField($, undefined, hrefField(declaration.nextPageSelector)), pageUrl) : undefined;
    const hasNext = nextUrl !== undefined && data.threadPage < declaration.maxPages;
    run.state.rememberPage(data.pageUrl, {
      resumeUrl: request.url,
      openerId,
      publishedAt: isFirstPage ? floors[0]?.post.publishedAt ?? data.listedPublishedAt : undefined,
      // The activity marker is stored once the thread is read to its end, so an interrupted thread is read again.
      activity: hasNext ? undefined : data.activity,
    }, run.now);
    if (hasNext && !run.isStopping) {
      await context.addRequests(await run.admit([{ url: nextUrl, uniqueKey: nextUrl, userData: { ...data, threadPage: data.threadPage + 1 } satisfies DetailPageData }]));
    }
  }

  await crawlFromStartUrls(run, crawler, () => ({ role: 'list', page: 1 } satisfies ListPageData));
}
