import { Configuration, ProxyConfiguration, type Request, type RequestOptions } from 'crawlee';
import { BoundedHttpClient } from './bounded-http-client.ts';
import { toCrawlError } from './crawl-errors.ts';
import { crawleeLogFor } from './crawlee-log-bridge.ts';
import { sharedDomainThrottle, sleepUnlessAborted } from './domain-throttle.ts';
import type { SourceRun } from './source-run.ts';

const maxBackoffMillis = 60_000;

/**
 * A crawlee configuration private to one run: in-memory storage that is never written to disk and
 * dropped with the run, so request queues, statistics and sessions never leak between runs or tests.
 */
export function isolatedCrawleeConfiguration(): Configuration {
  return new Configuration({ persistStorage: false, purgeOnStart: true, headless: true });
}

/** Waits for the host's next politeness slot before every request; shared by all source types as a pre-navigation hook. */
export function domainThrottleHook(run: SourceRun): (context: { request: Request }) => Promise<void> {
  return async ({ request }) => sharedDomainThrottle.wait(request.url, run.politeness.maxRequestsPerMinute, run.signal);
}

/**
 * The crawlee options every source type shares, built from crawlee's public options: concurrency, rate limit, retries with exponential backoff, proxies, logging into pino, and the
 * mapping of every failure to a crawl error that decides whether a request is retried.
 */
export function politeCrawlerOptions(run: SourceRun) {
  const { politeness } = run;
  return {
    maxConcurrency: politeness.maxConcurrency,
    autoscaledPoolOptions: { desiredConcurrency: politeness.maxConcurrency },
    maxRequestsPerMinute: politeness.maxRequestsPerMinute,
    maxRequestRetries: politeness.maxRetries,
    // robots.txt is checked by the run (SourceRun.admit) before requests reach crawlee: crawlee's own
    // check would fetch robots.txt under a generated browser User-Agent instead of ours.
    respectRobotsTxtFile: false,
    // Sessions exist to rotate identities against blocking; a polite crawler keeps one identity.
    useSessionPool: false,
    requestHandlerTimeoutSecs: politeness.requestTimeoutSeconds * 2,
    proxyConfiguration: politeness.proxyUrls.length > 0 ? new ProxyConfiguration({ proxyUrls: politeness.proxyUrls }) : undefined,
    log: crawleeLogFor(run.logger),
    statusMessageLoggingInterval: 3600,
    errorHandler: async ({ request }: { request: Request }, error: Error) => {
      const crawlError = toCrawlError(error, request.url);
      if (crawlError.policy !== 'retry' || run.isStopping) {
        request.noRetry = true;
        return;
      }
      const backoffMillis = Math.min(maxBackoffMillis, politeness.retryBackoffMillis * 2 ** request.retryCount);
      run.logger.debug({ url: request.url, reason: crawlError.reason, retry: request.retryCount + 1, backoffMillis }, 'retrying after backoff');
      await sleepUnlessAborted(backoffMillis, run.signal);
    },
    failedRequestHandler: async ({ request }: { request: Request }, error: Error) => {
      run.recordFailure(toCrawlError(error, request.url), request.url);
    },
  };
}

/** The HTTP client of the HTTP-based source types: our User-Agent, the body size limit, the timeout, a forced charset, the source's credentials. */
export function boundedHttpClientFor(run: SourceRun): BoundedHttpClient {
  const { politeness, source } = run;
  return new BoundedHttpClient({
    userAgent: politeness.userAgent, maxBodyBytes: politeness.maxBodyBytes,
    timeoutMillis: politeness.requestTimeoutSeconds * 1000, forcedCharset: source.charset, credentials: run.credentials,
  });
}

/**
 * Runs a crawler over the source's start URLs: they are marked as entries (their failure fails the run),
 * checked against robots.txt, and the crawler stops when the run does.
 */
export async function crawlFromStartUrls(
  run: SourceRun, crawler: { run(requests: RequestOptions[]): Promise<unknown>; stop(message?: string): void },
  userDataFor: (url: string) => Record<string, unknown> = () => ({}),
): Promise<void> {
  const stop = run.onStop(() => crawler.stop('source run stopping'));
  try {
    for (const url of run.source.startUrls) run.markEntry(url);
    const startRequests = await run.admit(run.source.startUrls.map((url) => ({ url, uniqueKey: url, userData: userDataFor(url) })));
    // crawlee's run() clears an earlier stop(), so a run aborted before it starts must not start.
    if (!run.isStopping) await crawler.run(startRequests);
  } finally {
    stop();
  }
}
