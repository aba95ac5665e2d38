import { connect } from 'node:net';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { BlockedSourceError, BrokenSourceError, SkippedPageError, TransientCrawlError, errorForHttpStatus, toCrawlError } from './crawl-errors.ts';

/** The error Node raises when nothing listens on a port. */
async function refusedConnectionError(): Promise<Error> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return new Promise((resolve) => connect(port, '127.0.0.1').on('error', resolve));
}

describe('crawl error classes', () => {
  it('maps HTTP statuses to the policy they call for', () => {
    expect(errorForHttpStatus(200, 'http://a/')).toBeUndefined();
    expect(errorForHttpStatus(503, 'http://a/')).toBeInstanceOf(TransientCrawlError);
    for (const throttling of [418, 429, 432]) expect(errorForHttpStatus(throttling, 'http://a/')).toMatchObject({ reason: 'throttled', policy: 'blocked' });
    expect(errorForHttpStatus(403, 'http://a/')).toBeInstanceOf(BlockedSourceError);
    expect(errorForHttpStatus(404, 'http://a/')).toBeInstanceOf(SkippedPageError);
  });

  it('maps network errors by their code: a refused connection is transient', async () => {
    const error = toCrawlError(await refusedConnectionError(), 'http://127.0.0.1/');
    expect(error).toBeInstanceOf(TransientCrawlError);
    expect(error.reason).toBe('connection');
  });

  it('maps DNS failures (getaddrinfo ENOTFOUND / EAI_AGAIN) and timeouts to transient errors', () => {
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND news.example.invalid'), { code: 'ENOTFOUND' });
    expect(toCrawlError(dns)).toMatchObject({ reason: 'dns', policy: 'retry' });
    const timeout = Object.assign(new Error('Timeout awaiting \'request\' for 1000ms'), { name: 'TimeoutError', code: 'ETIMEDOUT' });
    expect(toCrawlError(timeout)).toMatchObject({ reason: 'timeout', policy: 'retry' });
  });

  it('treats an error the adapter does not understand as a broken source, and keeps crawl errors as they are', () => {
    expect(toCrawlError(new TypeError('Cannot read properties of undefined'))).toBeInstanceOf(BrokenSourceError);
    const skipped = new SkippedPageError('oversize', 'too big');
    expect(toCrawlError(skipped)).toBe(skipped);
  });
});
