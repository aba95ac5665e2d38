import { PlaywrightCrawler, type PlaywrightCrawlingContext } from 'crawlee';
import { chromium, errors as playwrightErrors, type Page, type Route } from 'playwright-core';
import type { BrowserSourceConfig, FieldSelector } from '../../config/sources-schema.ts';
import { BrokenSourceError, SkippedPageError, errorForHttpStatus } from '../crawl-errors.ts';
import { detectLanguage } from '../detect-language.ts';
import { parseChineseCount } from '../parse-chinese-count.ts';
import { parseChineseTime } from '../parse-chinese-time.ts';
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

async function readRenderedItems(page: Page, source: BrowserSourceConfig): Promise<RenderedItem[]> {
  const spec = {
    itemSelector: source.itemSelector,
    idAttribute: source.idAttribute ?? null,
    link: fieldSpec(source.linkSelector, 'href'),
    title: fieldSpec(source.titleSelector),
    content: fieldSpec(source.contentSelector),
    author: fieldSpec(source.authorSelector),
    time: fieldSpec(source.timeSelector),
    counts: Object.fromEntries(Object.entries(source.engagement).map(([key, field]) => [key, fieldSpec(field)])),
  };
  return page.evaluate(`(${readItemsScript})(${JSON.stringify(spec)})`) as Promise<RenderedItem[]>;
}

/** A rendered item as a post; undefined when it has neither id nor link, or no text. */
export function renderedItemToPost(item: RenderedItem, pageUrl: string, source: BrowserSourceConfig, now: Date): ExtractedPost | undefined {
  const single = (value: string | null) => (value === null ? undefined : tidyText(value).replace(/\n/g, ' ') || undefined);
  const content = item.content === null ? '' : tidyText(item.content);
  const link = absoluteHttpUrl(item.href ?? undefined, pageUrl);
  const id = single(item.id);
  if ((!id && !link) || (content === '' && !item.title)) return undefined;
  const counts = Object.fromEntries(Object.entries(item.counts)
    .map(([key, value]) => [key, parseChineseCount(value)])
    .filter(([, value]) => value !== undefined)) as Engagement;
  return {
    url: link ?? pageUrl,
    platformPostId: id,
    title: single(item.title),
    content,
    authorName: single(item.author),
    publishedAt: parseChineseTime(single(item.time), { timeZone: source.timeZone, now }),
    engagement: Object.keys(counts).length > 0 ? counts : undefined,
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

  async function handlePage({ page, request }: PlaywrightCrawlingContext): Promise<void> {
    const pageUrl = request.loadedUrl ?? request.url;
    try {
      await page.waitForSelector(source.itemSelector, { timeout: source.waitForSelectorMillis, state: 'attached' });
    } catch (error) {
      if (!(error instanceof playwrightErrors.TimeoutError)) throw error;
      throw new BrokenSourceError('selector-matched-nothing', `item selector "${source.itemSelector}" never appeared on ${pageUrl} within ${source.waitForSelectorMillis} ms`, pageUrl);
    }
    run.countPage();
    const handled = new Set<string>();
    const language = source.language ?? (await page.getAttribute('html', 'lang')) ?? undefined;
    for (let scrolls = 0; ; scrolls += 1) {
      const items = await readRenderedItems(page, source);
      let fresh = 0;
      for (const item of items) {
        const post = renderedItemToPost(item, pageUrl, source, run.now);
        if (!post) continue;
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
        await page.waitForFunction(`document.querySelectorAll(${JSON.stringify(source.itemSelector)}).length > ${before}`, undefined, { timeout: source.scroll.waitForMoreMillis });
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
        await page.route('**/*', (route: Route) => (['image', 'media', 'font'].includes(route.request().resourceType()) ? route.abort() : route.continue()));
      },
    ],
    postNavigationHooks: [
      async ({ response, request }) => {
        if (!response) return;
        const statusError = errorForHttpStatus(response.status(), request.url);
        if (statusError) throw statusError;
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
