// The few error classes of the crawl layer. Site signals (status codes, network errors, empty
// selectors, robots.txt) are mapped to them at the edge; everything downstream branches on
// `instanceof`, never on message text.

/** What the crawl does about a failure. */
export type CrawlErrorPolicy = 'retry' | 'skip' | 'blocked' | 'fatal';

/** Short machine-readable reasons, shown in the source-health record and `yuqing sources`. */
export type CrawlErrorReason =
  | 'dns' | 'connection' | 'timeout' | 'server-error' | 'rate-limited' | 'not-found' | 'oversize'
  | 'unsupported-content' | 'malformed-markup' | 'selector-matched-nothing' | 'forbidden'
  | 'robots-disallowed' | 'unexpected' | 'interrupted'
  | 'throttled' | 'login-required' | 'captcha' | 'browser-missing' | 'every-detail-page-failed';

/** Base of every crawl failure; `policy` says what the crawl does about it. */
export abstract class CrawlError extends Error {
  abstract readonly policy: CrawlErrorPolicy;

  constructor(readonly reason: CrawlErrorReason, message: string, readonly url?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A failure that may pass: 5xx, timeouts, refused connections, DNS hiccups. Retried with backoff. */
export class TransientCrawlError extends CrawlError {
  readonly policy = 'retry';
}

/** One page is unusable (404, over the size limit, a deleted post); the rest of the source goes on. */
export class SkippedPageError extends CrawlError {
  readonly policy = 'skip';
}

/**
 * The site refuses us (robots.txt, 401/403/451, throttling answers 418/429/432, a login wall, a captcha) or
 * we cannot run the source at all (no Chromium): stop this source's run, do not retry, back off.
 */
export class BlockedSourceError extends CrawlError {
  readonly policy = 'blocked';
}

/** The source no longer matches its declaration (selectors match nothing, malformed feed): stop and report broken. */
export class BrokenSourceError extends CrawlError {
  readonly policy = 'fatal';
}

const dnsCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);
const timeoutCodes = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const connectionCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE', 'UND_ERR_SOCKET']);

/**
 * Maps any thrown value to a crawl error. Network errors carry a `code`; got, Playwright and
 * crawlee's internal timeouts are all named `TimeoutError`. Anything else means the adapter does
 * not understand the site any more, which is what "broken" means.
 */
export function toCrawlError(error: unknown, url?: string): CrawlError {
  if (error instanceof CrawlError) return error;
  const cause = error instanceof Error ? error : new Error(String(error));
  const code = (cause as { code?: unknown }).code;
  const detail = `${cause.message}${url ? ` (${url})` : ''}`;
  if (typeof code === 'string') {
    if (dnsCodes.has(code)) return new TransientCrawlError('dns', `DNS lookup failed: ${detail}`, url, { cause });
    if (timeoutCodes.has(code)) return new TransientCrawlError('timeout', `timed out: ${detail}`, url, { cause });
    if (connectionCodes.has(code)) return new TransientCrawlError('connection', `connection failed: ${detail}`, url, { cause });
  }
  if (cause.name === 'TimeoutError') return new TransientCrawlError('timeout', `timed out: ${detail}`, url, { cause });
  return new BrokenSourceError('unexpected', `unexpected failure: ${detail}`, url, { cause });
}

/** Maps an HTTP status to the error it means, or undefined for a usable response. */
export function errorForHttpStatus(statusCode: number, url: string): CrawlError | undefined {
  if (statusCode < 400) return undefined;
  const message = `HTTP ${statusCode} from ${url}`;
  // Throttling answers: retrying at once is what they punish. The source backs off for whole runs instead.
  if (statusCode === 418 || statusCode === 429 || statusCode === 432) return new BlockedSourceError('throttled', `${message} (the site is throttling us)`, url);
  if (statusCode >= 500) return new TransientCrawlError('server-error', message, url);
  if (statusCode === 401 || statusCode === 403 || statusCode === 451) return new BlockedSourceError('forbidden', message, url);
  if (statusCode === 404 || statusCode === 410) return new SkippedPageError('not-found', message, url);
  return new SkippedPageError('not-found', message, url);
}
