import { Readable } from 'node:stream';
import { GotScrapingHttpClient } from 'crawlee';
import type { BaseHttpClient, HttpRequest, HttpResponse, RedirectHandler, ResponseTypes, StreamingHttpResponse } from 'crawlee';
import { SkippedPageError, errorForHttpStatus, toCrawlError } from './crawl-errors.ts';
import { charsetFromContentType, normalizeCharset, sniffDocumentCharset } from './detect-charset.ts';

/** Identity and limits every HTTP request of a source obeys. */
export interface BoundedHttpClientOptions {
  userAgent: string;
  maxBodyBytes: number;
  /** Whole request, headers and body. */
  timeoutMillis: number;
  /** A charset the source forces, for sites that declare none or a wrong one. */
  forcedCharset?: string | undefined;
}

/**
 * crawlee's HTTP client (got-scraping) wrapped at the edge of the crawl layer: it sends our own
 * User-Agent instead of a generated browser identity, refuses bodies over the size limit (by header,
 * and while streaming for chunked responses), maps status codes and network errors to crawl errors,
 * and labels the body with the charset the document declares in `<meta>` or its XML declaration,
 * so crawlee's own decoding turns GBK/GB18030/Big5 pages into correct text.
 */
export class BoundedHttpClient implements BaseHttpClient {
  private readonly inner = new GotScrapingHttpClient();

  constructor(private readonly options: BoundedHttpClientOptions) {}

  private withIdentity<T extends HttpRequest<keyof ResponseTypes>>(request: T): T {
    return {
      ...request,
      useHeaderGenerator: false,
      timeout: { request: this.options.timeoutMillis },
      headers: {
        accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,application/json;q=0.8,*/*;q=0.5',
        'accept-language': 'zh-CN,zh;q=0.9,zh-TW;q=0.8,en;q=0.5',
        ...request.headers,
        'user-agent': this.options.userAgent,
      },
    };
  }

  /** Used by crawlee for one-off requests (e.g. sitemaps); same identity, no body limit beyond got's. */
  async sendRequest<T extends keyof ResponseTypes = 'text'>(request: HttpRequest<T>): Promise<HttpResponse<T>> {
    try {
      return await this.inner.sendRequest(this.withIdentity(request));
    } catch (error) {
      throw toCrawlError(error, String(request.url));
    }
  }

  async stream(request: HttpRequest, onRedirect?: RedirectHandler): Promise<StreamingHttpResponse> {
    const url = String(request.url);
    let response: StreamingHttpResponse;
    try {
      response = await this.inner.stream(this.withIdentity(request), onRedirect);
    } catch (error) {
      throw toCrawlError(error, url);
    }
    const statusError = errorForHttpStatus(response.statusCode, response.url);
    if (statusError) {
      response.stream.destroy();
      throw statusError;
    }
    const declaredBytes = Number(response.headers['content-length'] ?? Number.NaN);
    if (declaredBytes > this.options.maxBodyBytes) {
      response.stream.destroy();
      throw oversize(response.url, declaredBytes, this.options.maxBodyBytes);
    }
    const body = await readBounded(response.stream, this.options.maxBodyBytes, response.url);
    const headers = { ...response.headers, 'content-type': labelCharset(response.headers['content-type'], body, this.options.forcedCharset) };
    const { stream: _consumed, ...rest } = response;
    return {
      ...rest,
      headers,
      complete: true,
      stream: Readable.from([body]),
      downloadProgress: { percent: 1, transferred: body.length, total: body.length },
      uploadProgress: response.uploadProgress,
    };
  }
}

function oversize(url: string, bytes: number, maxBytes: number): SkippedPageError {
  return new SkippedPageError('oversize', `response of ${bytes} bytes exceeds maxBodyBytes ${maxBytes}`, url);
}

async function readBounded(stream: Readable, maxBytes: number, url: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      size += buffer.length;
      if (size > maxBytes) {
        stream.destroy();
        throw oversize(url, size, maxBytes);
      }
      chunks.push(buffer);
    }
  } catch (error) {
    throw toCrawlError(error, url);
  }
  return Buffer.concat(chunks);
}

/** The Content-Type with the charset that actually applies: forced, else the header's, else the document's own. */
function labelCharset(contentType: string | string[] | undefined, body: Buffer, forced: string | undefined): string | undefined {
  const value = Array.isArray(contentType) ? contentType[0] : contentType;
  if (!value) return value;
  const charset = normalizeCharset(forced) ?? normalizeCharset(charsetFromContentType(value)) ?? normalizeCharset(sniffDocumentCharset(body));
  if (!charset) return value;
  return `${value.replace(/;\s*charset=[^;]*/i, '')}; charset=${charset}`;
}
