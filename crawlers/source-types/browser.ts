import { existsSync } from 'node:fs';
import { PlaywrightCrawler, type PlaywrightCrawlingContext } from 'crawlee';
import { chromium, errors as playwrightErrors, type Page, type Route } from 'playwright-core';
import type { BrowserSourceConfig, FieldSelector } from '../../config/sources-schema.ts';
import { BlockedSourceError, BrokenSourceError, SkippedPageError, errorForHttpStatus } from '../crawl-errors.ts';
import { accessWallOf } from '../detect-access-wall.ts';
import { detectLanguage } from '../detect-language.ts';
import { extractArticle } from '../extract-article.ts';
import { parseChineseCount } from '../parse-chinese-count.ts';
import { readPublishedTime } from '../parse-published-time.ts';
import { credentialHeadersFor } from '../source-credentials.ts';
import { crawlFromStartUrls, domainThrottleHook, isolatedCrawleeConfiguration, politeCrawlerOptions } from '../polite-crawler-options.ts';
import type { Engagement } from '../raw-post.ts';
import { tidyText } from '../read-html-field.ts';
import type { ExtractedPost, SourceRun } from '../source-run.ts';
import { absoluteHttpUrl } from './html-pages.ts';

/**
 * Flags for Debian's Chromium on a machine without outside network: no background traffic to
 * Google services, no component updates, no QUIC. `--no-sandbox` only when running as root, where
 * Chromium's sandbox cannot start.
 */
export function chromiumArgs(): string[] {
  const args = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'];
  if (process.getuid?.() === 0) args.unshift('--no-sandbox');
  return args;
}

/** One item as read in the page, before parsing times and counts. */
interface RenderedItem {
  id: string | null;
  href: string | null;
  title: string | null;
  content: string | null;
  author: string | null;
  time: string | null;
  counts: Record<string, string | null>;
}

type FieldSpec = { selector: string; attribute: string | null } | null;

function fieldSpec(field: FieldSelector | undefined, defaultAttribute: string | null = null): FieldSpec {
  if (!field) return null;
  return typeof field === 'string' ? { selector: field, attribute: defaultAttribute } : { selector: field.selector, attribute: field.attribute ?? defaultAttribute };
}

// Runs inside Chromium. Kept as source text rather than a function so no bundler helper (e.g.
// esbuild's keep-names `__name`) is ever injected into code the page has to run.
const readItemsScript = String.raw`(spec) => {
  const read = (root, field, block) => {
    if (!field) return null;
    const element = field.selector === ':scope' ? root : root.querySelector(field.selector);
    if (!element) return null;
    if (field.attribute) return element.getAttribute(field.attribute);
    return block ? element.innerText : element.textContent;
  };
  return Array.from(document.querySelectorAll(spec.itemSelector)).map((item) => ({
    id: spec.idAttribute ? item.getAttribute(spec.idAttribute) : null,
    href: read(item, spec.link, false),
    title: read(item, spec.title, false),
    content: read(item, spec.content, true),
    author: read(item, spec.author, false),
    time: read(item, spec.time, false),
    counts: Object.fromEntries(Object.entries(spec.counts).map(([key, field]) => [key, read(item, field, false)])),
  }));
}`;

async function readRenderedItems(page: Page, source: BrowserSourceConfig & { itemSelector: string }): Promise<RenderedItem[]> {
  const spec = {
    itemSelector: source.itemSelector,
    idAttribute: source.idAttribute ?? null,
    link: fieldSpec(source.linkSelector, 'href'),
    title: fieldSpec(source.titleSelector),
    content: fieldSpec(source.contentSelector ?? ':scope'),
    author: fieldSpec(source.authorSelector),
    time: fieldSpec(source.timeSelector),
    counts: Object.fromEntries(Object.entries(source.engagement).map(([key, field]) => [key, fieldSpec(field)])),
  };
  return page.evaluate(`(${readItemsScript})(${JSON.stringify(spec)})`) as Promise<RenderedItem[]>;
}

/** A rendered item as a post, or why it cannot be one (no id nor link, no text). */
export function renderedItemToPost(item: RenderedItem, pageUrl: string, source: BrowserSourceConfig, now: Date): ExtractedPost | 'no-id' | 'no-text' {
  const single = (value: string | null) => (value === null ? undefined : tidyText(value).replace(/\n/g, ' ') || undefined);
  const content = item.content === null ? '' : tidyText(item.content);
  const link = absoluteHttpUrl(item.href ?? undefined, pageUrl);
  const id = single(item.id);
  if (!id && !link) return 'no-id';
  if (content === '' && !item.title) return 'no-text';
  const time = readPublishedTime(single(item.time), { timeZone: source.timeZone, now });
  const counts = Object.fromEntries(Object.entries(item.counts)
    .map(([key, value]) => [key, parseChineseCount(value)])
    .filter(([, value]) => value !== undefined)) as Engagement;
  return {
    url: link ?? pageUrl,
    platformPostId: id,
    title: single(item.title),
    content,
    authorName: single(item.author),
    ...time,
    engagement: Object.keys(counts).length > 0 ? counts : undefined,
    fieldOrigins: {
      content: 'selector', ...(item.title !== null ? { title: 'selector' as const } : {}),
      ...(item.author !== null ? { authorName: 'selector' as const } : {}), ...(time.publishedAt ? { publishedAt: 'selector' as const } : {}),
    },
  };
}

/**
 * The `browser` source type: pages that render their posts with JavaScript, read in real Chromium
 * (Debian's, through playwright-core) by crawlee's PlaywrightCrawler. Waits for the item selector,
 * then scrolls to load more until nothing new appears, `scroll.maxScrolls` is reached, or a batch
 * holds only posts already known.
 */
export async function crawlBrowserSource(run: SourceRun<BrowserSourceConfig>): Promise<void> {
  const { source, politeness } = run;
  // Without Chromium nothing can run: one clear line and a blocked source, not a launch stack trace every run.
  if (!existsSync(politeness.chromiumPath)) {
    run.failRun(new BlockedSourceError('browser-missing', `Chromium not found at ${politeness.chromiumPath}: install Debian's chromium or set CHROMIUM_PATH`));
    return;
  }

  async function checkForWall(page: Page, requestedUrl: string): Promise<void> {
    const wall = accessWallOf({ requestedUrl, finalUrl: page.url(), html: await page.content() });
    if (wall) throw wall;
  }

  /** A start URL declared without an item selector is one article, read once rendered. */
  async function handleArticle(page: Page, pageUrl: string): Promise<void> {
    await checkForWall(page, pageUrl);
    run.countPage();
    run.markDetail(pageUrl);
    const article = extractArticle(await page.content(), pageUrl, { timeZone: source.timeZone, now: run.now });
    run.countDetailPage(article.content !== undefined);
    if (!article.content) throw new SkippedPageError('selector-matched-nothing', `automatic extraction found no article body on ${pageUrl}`, pageUrl);
    const post = { url: pageUrl, title: article.title, content: article.content, authorName: article.authorName, ...article.time };
    if (run.decidePost(post) === 'known') return;
    const language = source.language ?? (await page.getAttribute('html', 'lang')) ?? undefined;
    await run.emit({
      ...post, language: detectLanguage(`${post.title ?? ''}${post.content}`, language),
      fieldOrigins: { content: 'extracted', ...(post.title ? { title: 'extracted' } : {}), ...(post.authorName ? { authorName: 'extracted' } : {}), ...(post.publishedAt ? { publishedAt: 'extracted' } : {}) },
    }, { isArticle: true });
  }

  async function handlePage({ page, request }: PlaywrightCrawlingContext): Promise<void> {
    const pageUrl = request.loadedUrl ?? request.url;
    if (!source.itemSelector) return handleArticle(page, pageUrl);
    const listSource = { ...source, itemSelector: source.itemSelector };
    try {
      await page.waitForSelector(listSource.itemSelector, { timeout: source.waitForSelectorMillis, state: 'attached' });
    } catch (error) {
      if (!(error instanceof playwrightErrors.TimeoutError)) throw error;
      // A login wall or a captcha where the feed should be is a refusal, not a redesign.
      await checkForWall(page, request.url);
      throw new BrokenSourceError('selector-matched-nothing', `item selector "${listSource.itemSelector}" never appeared on ${pageUrl} within ${source.waitForSelectorMillis} ms`, pageUrl);
    }
    run.countPage();
    const handled = new Set<string>();
    const language = source.language ?? (await page.getAttribute('html', 'lang')) ?? undefined;
    for (let scrolls = 0; ; scrolls += 1) {
      const items = await readRenderedItems(page, listSource);
      let fresh = 0;
      for (const item of items) {
        const post = renderedItemToPost(item, pageUrl, source, run.now);
        if (typeof post === 'string') {
          const key = `${item.id ?? ''}\u0000${item.href ?? ''}\u0000${item.content ?? ''}`;
          if (!handled.has(key)) {
            handled.add(key);
            run.tally.see();
            run.tally.drop(post);
          }
          continue;
        }
        const key = post.platformPostId ?? post.url;
        if (handled.has(key)) continue;
        handled.add(key);
        if (run.decidePost(post) === 'known') continue;
        fresh += 1;
        if (await run.emit({ ...post, language: detectLanguage(`${post.title ?? ''}${post.content}`, language) }) === 'full') return;
      }
      // Feeds list newest first: a batch with nothing new means what loads below is older still.
      if (scrolls >= source.scroll.maxScrolls || (fresh === 0 && !run.state.fullScanNeeded) || run.isStopping) return;
      const before = items.length;
      await page.evaluate('window.scrollTo(0, document.body.scrollHeight)');
      try {
        await page.waitForFunction(`document.querySelectorAll(${JSON.stringify(listSource.itemSelector)}).length > ${before}`, undefined, { timeout: source.scroll.waitForMoreMillis });
      } catch (error) {
        if (error instanceof playwrightErrors.TimeoutError) return; // the end of the feed
        throw error;
      }
    }
  }

  const crawler = new PlaywrightCrawler({
    ...politeCrawlerOptions(run),
    headless: true,
    launchContext: {
      launcher: chromium,
      userAgent: politeness.userAgent,
      // Playwright's own signal handlers would exit(130) on Ctrl-C, before `yuqing start` stops cleanly.
      launchOptions: { executablePath: politeness.chromiumPath, args: chromiumArgs(), handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false },
    },
    // Fingerprints disguise the crawler as a random desktop browser; we say who we are instead.
    browserPoolOptions: { useFingerprints: false },
    navigationTimeoutSecs: politeness.requestTimeoutSeconds,
    requestHandlerTimeoutSecs: politeness.requestTimeoutSeconds + (source.waitForSelectorMillis + source.scroll.maxScrolls * source.scroll.waitForMoreMillis) / 1000 + 30,
    preNavigationHooks: [
      domainThrottleHook(run),
      async ({ page }) => {
        // Images, media and fonts are not read; not loading them halves the load we put on the site.
        await page.route('**/*', (route: Route) => {
          const request = route.request();
          if (['image', 'media', 'font'].includes(request.resourceType())) return route.abort();
          // The source's cookies and headers go to its own hosts only, never to third-party scripts or CDNs.
          const credentials = credentialHeadersFor(run.credentials, request.url());
          return Object.keys(credentials).length > 0 ? route.continue({ headers: { ...request.headers(), ...credentials } }) : route.continue();
        });
      },
    ],
    postNavigationHooks: [
      async ({ response, request, page }) => {
        if (!response) return;
        const statusError = errorForHttpStatus(response.status(), request.url);
        if (statusError) throw statusError;
        if (page.url() !== request.url) {
          const wall = accessWallOf({ requestedUrl: request.url, finalUrl: page.url(), html: '' });
          if (wall) throw wall;
        }
        const declaredBytes = Number((await response.allHeaders())['content-length'] ?? Number.NaN);
        if (declaredBytes > politeness.maxBodyBytes) {
          throw new SkippedPageError('oversize', `page of ${declaredBytes} bytes exceeds maxBodyBytes ${politeness.maxBodyBytes}`, request.url);
        }
      },
    ],
    requestHandler: handlePage,
  }, isolatedCrawleeConfiguration());

  await crawlFromStartUrls(run, crawler);
}
