import { CheerioCrawler, type CheerioCrawlingContext } from 'crawlee';
import type { HtmlSourceConfig } from '../../config/sources-schema.ts';
import { BrokenSourceError, SkippedPageError } from '../crawl-errors.ts';
import { charsetFromContentType } from '../detect-charset.ts';
import { detectLanguage } from '../detect-language.ts';
import { parseChineseTime, type TimeContext } from '../parse-chinese-time.ts';
import { declaredLanguage, readField } from '../read-html-field.ts';
import { boundedHttpClientFor, crawlFromStartUrls, domainThrottleHook, isolatedCrawleeConfiguration, politeCrawlerOptions } from '../polite-crawler-options.ts';
import type { SourceRun } from '../source-run.ts';
import { absoluteHttpUrl, extractArticle, extractThreadFloors, hrefField } from './html-pages.ts';

interface ListPageData { role: 'list'; page: number }
interface DetailPageData {
  role: 'article' | 'thread';
  /** The detail page as listed (a thread's first page): the key of its crawl state. */
  pageUrl: string;
  listedPublishedAt?: string | undefined;
  activity?: string | undefined;
  /** 1 for the page the list links to; a refreshed thread resumes at its last page read. */
  threadPage: number;
  resumed: boolean;
}
type PageData = ListPageData | DetailPageData;

/**
 * The `html` source type: list pages (next link or numbered pages) lead to detail pages read with
 * CSS selectors — one article each, or a forum thread whose floors each become a post linked by
 * `threadId`/`replyToId`, following the thread's own pagination. A thin layer over crawlee's
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
    const baseUrl = request.loadedUrl ?? request.url;
    const items = $(source.list.itemSelector);
    if (items.length === 0) {
      throw new BrokenSourceError('selector-matched-nothing', `list selector "${source.list.itemSelector}" matched nothing on ${request.url}`, request.url);
    }
    const detailRequests: { url: string; uniqueKey: string; userData: DetailPageData }[] = [];
    items.each((_, element) => {
      const item = $(element);
      const pageUrl = absoluteHttpUrl(readField($, item, hrefField(source.list.linkSelector)), baseUrl);
      if (!pageUrl) return;
      const listedPublishedAt = parseChineseTime(readField($, item, source.list.timeSelector), time);
      const activity = readField($, item, source.list.activitySelector);
      const decision = run.state.decidePage(pageUrl, { publishedAt: listedPublishedAt, activity }, run.now, source.refreshWindowHours);
      if (decision === 'known') return;
      const resumeUrl = source.thread && decision === 'refresh' ? run.state.page(pageUrl)?.resumeUrl : undefined;
      const url = resumeUrl ?? pageUrl;
      detailRequests.push({
        url, uniqueKey: url,
        userData: { role: source.thread ? 'thread' : 'article', pageUrl, listedPublishedAt, activity, threadPage: 1, resumed: resumeUrl !== undefined && resumeUrl !== pageUrl },
      });
    });
    if (run.isStopping) return;
    await context.addRequests(await run.admit(detailRequests));
    // A list page with nothing new means the pages after it hold only older items: stop paginating.
    if ((detailRequests.length === 0 && !run.state.fullScanNeeded) || data.page >= source.list.maxPages) return;
    const nextUrl = source.list.nextPageSelector
      ? absoluteHttpUrl(readField($, undefined, hrefField(source.list.nextPageSelector)), baseUrl)
      : source.list.pageUrlTemplate?.replace('{page}', String(data.page + 1));
    if (nextUrl) await context.addRequests(await run.admit([{ url: nextUrl, uniqueKey: nextUrl, userData: { role: 'list', page: data.page + 1 } satisfies ListPageData }]));
  }

  function languageOf(context: CheerioCrawlingContext, text: string): string | undefined {
    const charset = charsetFromContentType(context.response.headers['content-type']);
    return detectLanguage(text, declaredLanguage(context.$) ?? source.language, charset);
  }

  async function handleArticlePage(context: CheerioCrawlingContext, data: DetailPageData): Promise<void> {
    const { request } = context;
    const article = extractArticle(context.$, data.pageUrl, source.article!, time);
    run.countDetailPage(article !== undefined);
    if (!article) throw new SkippedPageError('selector-matched-nothing', `content selector matched nothing on ${request.url}`, request.url);
    const publishedAt = article.publishedAt ?? data.listedPublishedAt;
    await run.emit({ ...article, publishedAt, language: languageOf(context, `${article.title ?? ''}${article.content}`) });
    run.state.rememberPage(data.pageUrl, { publishedAt, activity: data.activity }, run.now);
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
    for (const floor of floors) {
      const isOpener = floor.postId === openerId;
      const result = await run.emit({
        ...floor.post,
        title: isOpener ? title : undefined,
        threadId,
        replyToId: isOpener ? undefined : openerId,
        language,
      });
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
