import { Log, Logger as CrawleeLogger, LogLevel } from 'crawlee';
import type { Logger } from 'pino';

/**
 * Routes crawlee's own log lines into our pino logger at debug level: the crawl layer logs every
 * failure itself, classified, so crawlee's retries and statistics are detail, not news.
 */
class PinoCrawleeLogger extends CrawleeLogger {
  constructor(private readonly target: Logger) {
    super({});
  }

  override _log(level: LogLevel, message: string, data?: unknown, exception?: unknown): void {
    if (!this.target.isLevelEnabled(level <= LogLevel.ERROR ? 'debug' : 'trace')) return;
    const fields = { crawleeLevel: LogLevel[level], ...(data && typeof data === 'object' ? { data } : {}), ...(exception ? { err: exception } : {}) };
    if (level <= LogLevel.WARNING) this.target.debug(fields, message);
    else this.target.trace(fields, message);
  }
}

/** A crawlee `Log` that writes through the given pino logger. */
export function crawleeLogFor(logger: Logger): Log {
  return new Log({ level: LogLevel.DEBUG, logger: new PinoCrawleeLogger(logger) });
}
