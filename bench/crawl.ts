// npm run bench:crawl — two comparisons in one run, each yuqing's `html` source type against a bare
// crawlee CheerioCrawler making the same requests: 5,000 forum posts read with selectors, and news
// articles in seven CMS layouts read with no selectors at all (automatic extraction on both sides: the
// bare crawler runs Mozilla Readability on linkedom on every article). Prints pages/s and the ratios (target ≥ 0.8).
import { Readability } from '@mozilla/readability';
import { CheerioCrawler, Configuration, Log, LogLevel } from 'crawlee';
import { parseHTML } from 'linkedom';
import { articleLayouts } from '../tests/support/fixture-sites/article-layouts.ts';
import { pino } from 'pino';
import { crawlSource } from '../crawlers/crawl-source.ts';
import { startFixtureSite } from '../tests/support/fixture-sites/fixture-site.ts';
import { crawlTestConfig, fixtureSources, readSegment, temporaryDataDir } from '../tests/support/fixture-sites/fixture-sources.ts';
import { hasDatasets } from '../tests/support/fixture-sites/fixture-texts.ts';

const threads = 250;
const articlesPerLayout = Number(process.env.BENCH_ARTICLES_PER_LAYOUT ?? 60);
const floorsPerThread = 20;
const maxConcurrency = 4;
// Each round is only a few seconds on a local server: more rounds keep one slow round from deciding the ratio.
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);

interface Measurement { pages: number; posts: number; seconds: number }

/** The bare baseline: the same list → thread → thread-page requests, extracting each floor's text. */
async function crawlBare(origin: string): Promise<Measurement> {
  let posts = 0;
  let pages = 0;
  const crawler = new CheerioCrawler({
    maxConcurrency,
    autoscaledPoolOptions: { desiredConcurrency: maxConcurrency },
    respectRobotsTxtFile: true,
    useSessionPool: false,
    log: new Log({ level: LogLevel.OFF }),
    requestHandler: async ({ $, request, enqueueLinks }) => {
      pages += 1;
      if (request.label === 'THREAD') {
        $('div[id^=post_]').each((_, floor) => {
          if ($(floor).find('td.t_f').text().trim() !== '') posts += 1;
        });
        await enqueueLinks({ selector: 'div.pg a.nxt', label: 'THREAD' });
      } else {
        await enqueueLinks({ selector: 'tbody[id^=normalthread_] a.xst', label: 'THREAD' });
        await enqueueLinks({ selector: 'div.pg a.nxt', label: 'LIST' });
      }
    },
  }, new Configuration({ persistStorage: false }));
  const started = performance.now();
  await crawler.run([{ url: `${origin}/bbs/forum-2-1.html`, label: 'LIST' }]);
  return { pages, posts, seconds: (performance.now() - started) / 1000 };
}

/** The bare baseline with extraction on: list pages → articles, Readability on every article. */
async function crawlArticlesBare(origin: string): Promise<Measurement> {
  let posts = 0;
  let pages = 0;
  const crawler = new CheerioCrawler({
    maxConcurrency, autoscaledPoolOptions: { desiredConcurrency: maxConcurrency }, respectRobotsTxtFile: true, useSessionPool: false,
    log: new Log({ level: LogLevel.OFF }),
    requestHandler: async ({ body, request, enqueueLinks }) => {
      pages += 1;
      if (request.label === 'ARTICLE') {
        const article = new Readability(parseHTML(String(body)).document as unknown as Document).parse();
        if (article?.textContent?.trim()) posts += 1;
      } else {
        await enqueueLinks({ selector: 'ul.news-list-v3 a', label: 'ARTICLE' });
        await enqueueLinks({ selector: 'div.pages a', label: 'LIST' });
      }
    },
  }, new Configuration({ persistStorage: false }));
  const started = performance.now();
  await crawler.run(articleLayouts.map((layout) => ({ url: `${origin}/articles/${layout.name}/`, label: 'LIST' })));
  return { pages, posts, seconds: (performance.now() - started) / 1000 };
}

/** yuqing's `html` source declared with list URLs only: article links found and every article extracted automatically. */
async function crawlArticlesWithSourceType(origin: string): Promise<Measurement> {
  const data = temporaryDataDir();
  try {
    const config = crawlTestConfig(data.dataDir, [{
      id: 'bench-articles', name: 'articles', type: 'html', maxItemsPerRun: 1_000_000, list: { maxPages: 100 },
      startUrls: articleLayouts.map((layout) => `${origin}/articles/${layout.name}/`),
    }], { maxConcurrency, maxRequestsPerMinute: 1_000_000, requestTimeoutSeconds: 30 });
    const started = performance.now();
    const report = await crawlSource(config.sources[0]!, config, { logger: pino({ level: 'silent' }) });
    const seconds = (performance.now() - started) / 1000;
    if (report?.status !== 'ok') throw new Error(`html source run ended ${report?.status}: ${report?.error?.message}`);
    return { pages: report.pagesFetched, posts: readSegment(report.segmentPath).length, seconds };
  } finally {
    data.remove();
  }
}

/** yuqing's `html` source type: the same requests, plus extraction of every field, state, and the spool. */
async function crawlWithSourceType(origin: string): Promise<Measurement> {
  const data = temporaryDataDir();
  try {
    const config = crawlTestConfig(data.dataDir, [{ ...fixtureSources(origin).forum, maxItemsPerRun: 1_000_000, list: { ...fixtureSources(origin).forum.list, maxPages: 100 } }], {
      maxConcurrency, maxRequestsPerMinute: 1_000_000, requestTimeoutSeconds: 30,
    });
    const started = performance.now();
    const report = await crawlSource(config.sources[0]!, config, { logger: pino({ level: 'silent' }) });
    const seconds = (performance.now() - started) / 1000;
    if (report?.status !== 'ok') throw new Error(`html source run ended ${report?.status}: ${report?.error?.message}`);
    return { pages: report.pagesFetched, posts: readSegment(report.segmentPath).length, seconds };
  } finally {
    data.remove();
  }
}

const site = await startFixtureSite({
  forumThreads: threads, floorsPerThread, floorsPerPage: 10, threadsPerPage: 50, newsArticles: 1, weiboPosts: 1, apiPosts: 1,
  layoutArticles: articlesPerLayout, layoutArticlesPerListPage: 20,
});
try {
  const total = (list: Measurement[]) => list.reduce((sum, item) => ({ pages: sum.pages + item.pages, posts: sum.posts + item.posts, seconds: sum.seconds + item.seconds }), { pages: 0, posts: 0, seconds: 0 });
  const rate = (measurement: Measurement) => measurement.pages / measurement.seconds;
  const row = (name: string, measurement: Measurement) =>
    `| ${name.padEnd(44)} | ${String(measurement.pages / rounds).padStart(5)} | ${String(measurement.posts / rounds).padStart(5)} | ${(measurement.seconds / rounds).toFixed(2).padStart(7)} | ${rate(measurement).toFixed(1).padStart(7)} |`;
  /** Alternates the two crawlers, so neither always runs on a cold or a warm process; prints their table and ratio. */
  const compare = async (title: string, bare: (origin: string) => Promise<Measurement>, ours: (origin: string) => Promise<Measurement>, labels: [string, string], expectedPosts: number) => {
    const bareRuns: Measurement[] = [];
    const ourRuns: Measurement[] = [];
    for (let round = 0; round < rounds; round += 1) {
      bareRuns.push(await bare(site.origin));
      ourRuns.push(await ours(site.origin));
    }
    const bareTotal = total(bareRuns);
    const oursTotal = total(ourRuns);
    const ratio = rate(oursTotal) / rate(bareTotal);
    console.log(title);
    console.log('');
    console.log('| crawler                                      | pages | posts | seconds | pages/s |');
    console.log('| -------------------------------------------- | ----: | ----: | ------: | ------: |');
    console.log(row(labels[0], bareTotal));
    console.log(row(labels[1], oursTotal));
    console.log('');
    console.log(`ratio (html source type / bare): ${ratio.toFixed(2)}  (target ≥ 0.80: ${ratio >= 0.8 ? 'met' : 'NOT met'})`);
    if (oursTotal.posts / rounds !== expectedPosts) console.log(`warning: the html source type stored ${oursTotal.posts / rounds} posts, expected ${expectedPosts}`);
    console.log('');
  };
  console.log(`bench:crawl — ${rounds} rounds each, alternating; maxConcurrency ${maxConcurrency}, robots.txt respected; politeness delays DISABLED for both (local server)`);
  console.log(`texts: ${hasDatasets ? 'real Weibo posts from ../shared/datasets' : 'built-in fallback texts (../shared/datasets absent)'}`);
  console.log('');
  await compare(`1. ${threads * floorsPerThread} forum posts (${threads} Discuz-style threads × ${floorsPerThread} floors, 10 floors a page), read with selectors`,
    crawlBare, crawlWithSourceType, ['bare crawlee CheerioCrawler', 'yuqing html source type'], threads * floorsPerThread);
  await compare(`2. ${articlesPerLayout * articleLayouts.length} news articles in ${articleLayouts.length} CMS layouts (one GBK), no selectors: automatic extraction on both sides`,
    crawlArticlesBare, crawlArticlesWithSourceType, ['bare CheerioCrawler + Readability (linkedom)', 'yuqing html source, list URLs only'], articlesPerLayout * articleLayouts.length);
} finally {
  await site.close();
}
