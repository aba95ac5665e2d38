// npm run bench:crawl — 5,000 forum posts from the Discuz-style fixture site, crawled by yuqing's
// `html` source type and by a bare crawlee CheerioCrawler making the same requests, in one run.
// Prints pages/s for both and the ratio (target ≥ 0.8).
import { CheerioCrawler, Configuration, Log, LogLevel } from 'crawlee';
import { pino } from 'pino';
import { crawlSource } from '../crawlers/crawl-source.ts';
import { startFixtureSite } from '../tests/support/fixture-sites/fixture-site.ts';
import { crawlTestConfig, fixtureSources, readSegment, temporaryDataDir } from '../tests/support/fixture-sites/fixture-sources.ts';
import { hasDatasets } from '../tests/support/fixture-sites/fixture-texts.ts';

const threads = 250;
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

const site = await startFixtureSite({ forumThreads: threads, floorsPerThread, floorsPerPage: 10, threadsPerPage: 50, newsArticles: 1, weiboPosts: 1, apiPosts: 1 });
try {
  const bare: Measurement[] = [];
  const ours: Measurement[] = [];
  // Alternate, so neither side always runs on a cold or a warm process.
  for (let round = 0; round < rounds; round += 1) {
    bare.push(await crawlBare(site.origin));
    ours.push(await crawlWithSourceType(site.origin));
  }
  const total = (list: Measurement[]) => list.reduce((sum, item) => ({ pages: sum.pages + item.pages, posts: sum.posts + item.posts, seconds: sum.seconds + item.seconds }), { pages: 0, posts: 0, seconds: 0 });
  const bareTotal = total(bare);
  const oursTotal = total(ours);
  const rate = (measurement: Measurement) => measurement.pages / measurement.seconds;
  const row = (name: string, measurement: Measurement) =>
    `| ${name.padEnd(34)} | ${String(measurement.pages / rounds).padStart(5)} | ${String(measurement.posts / rounds).padStart(5)} | ${(measurement.seconds / rounds).toFixed(2).padStart(7)} | ${rate(measurement).toFixed(1).padStart(7)} |`;
  const ratio = rate(oursTotal) / rate(bareTotal);
  console.log(`bench:crawl — ${threads * floorsPerThread} forum posts (${threads} Discuz-style threads × ${floorsPerThread} floors, 10 floors a page), ${rounds} rounds each, alternating`);
  console.log(`texts: ${hasDatasets ? 'real Weibo posts from ../shared/datasets' : 'built-in fallback texts (../shared/datasets absent)'}`);
  console.log(`both: maxConcurrency ${maxConcurrency}, robots.txt respected; politeness delays DISABLED for both (local server: no per-domain spacing, no rate limit)`);
  console.log('');
  console.log('| crawler                            | pages | posts | seconds | pages/s |');
  console.log('| ---------------------------------- | ----: | ----: | ------: | ------: |');
  console.log(row('bare crawlee CheerioCrawler', bareTotal));
  console.log(row('yuqing html source type', oursTotal));
  console.log('');
  console.log(`ratio (html source type / bare): ${ratio.toFixed(2)}  (target ≥ 0.80: ${ratio >= 0.8 ? 'met' : 'NOT met'})`);
  if (oursTotal.posts / rounds !== threads * floorsPerThread) console.log(`warning: the html source type extracted ${oursTotal.posts / rounds} posts, expected ${threads * floorsPerThread}`);
} finally {
  await site.close();
}
