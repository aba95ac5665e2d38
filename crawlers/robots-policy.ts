import { RobotsTxtFile } from 'crawlee';
import { BoundedHttpClient } from './bounded-http-client.ts';
import { BlockedSourceError, SkippedPageError, TransientCrawlError, toCrawlError, type CrawlError } from './crawl-errors.ts';

type RobotsVerdict = RobotsTxtFile | 'allow-all' | CrawlError;

/**
 * robots.txt of the sites one run visits, fetched once per origin and run with our own User-Agent
 * (crawlee's built-in check fetches it with a generated browser identity) and read with crawlee's
 * RobotsTxtFile. Follows RFC 9309: a missing file (4xx) allows everything; a file that cannot be
 * fetched (5xx, network) disallows everything until the next run, reported with the fetch's own error.
 */
export class RobotsPolicy {
  private readonly verdicts = new Map<string, Promise<RobotsVerdict>>();
  private readonly client: BoundedHttpClient;

  constructor(private readonly userAgent: string, timeoutMillis: number, private readonly proxyUrl?: string) {
    this.client = new BoundedHttpClient({ userAgent, timeoutMillis, maxBodyBytes: 512 * 1024 });
  }

  private async fetchVerdict(robotsUrl: string): Promise<RobotsVerdict> {
    try {
      const response = await this.client.stream({ url: robotsUrl, method: 'GET', ...(this.proxyUrl ? { proxyUrl: this.proxyUrl } : {}) });
      const chunks: Buffer[] = [];
      for await (const chunk of response.stream) chunks.push(Buffer.from(chunk as Buffer));
      return RobotsTxtFile.from(robotsUrl, Buffer.concat(chunks).toString('utf8'));
    } catch (error) {
      const crawlError = toCrawlError(error, robotsUrl);
      // 4xx (including 401/403) means "no robots.txt": RFC 9309 lets crawlers access everything.
      if (crawlError instanceof SkippedPageError || (!(crawlError instanceof TransientCrawlError) && crawlError.reason === 'forbidden')) return 'allow-all';
      // Unreachable: the site's own failure (connection, timeout, 5xx) is the reason, not a robots rule.
      return crawlError;
    }
  }

  /** Undefined when robots.txt lets our User-Agent fetch the URL, else why not. */
  async refusal(url: string): Promise<CrawlError | undefined> {
    const robotsUrl = new URL('/robots.txt', url).href;
    let verdict = this.verdicts.get(robotsUrl);
    if (!verdict) {
      verdict = this.fetchVerdict(robotsUrl);
      this.verdicts.set(robotsUrl, verdict);
    }
    const resolved = await verdict;
    if (resolved === 'allow-all') return undefined;
    if (!(resolved instanceof RobotsTxtFile)) return resolved;
    return resolved.isAllowed(url, this.userAgent) ? undefined : new BlockedSourceError('robots-disallowed', `robots.txt disallows ${url}`, url);
  }
}
