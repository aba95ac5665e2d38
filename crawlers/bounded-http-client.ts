import { Readable } from 'node:stream';
import { GotScrapingHttpClient } from 'crawlee';
import type { BaseHttpClient, HttpRequest, HttpResponse, RedirectHandler, ResponseTypes, StreamingHttpResponse } from 'crawlee';
import { SkippedPageError, errorForHttpStatus, toCrawlError } from './crawl-errors.ts';
import { decideCharset, type CharsetDecision } from './decide-charset.ts';
import { accessWallOf } from './detect-access-wall.ts';
import type { CharsetProvenance } from './raw-post.ts';
import { credentialHeadersFor, type SourceCredentials } from './source-credentials.ts';

/** Identity and limits every HTTP request of a source obeys. */
export interface BoundedHttpClientOptions {
  userAgent: string;
  maxBodyBytes: number;
  /** Whole request, headers and body. */
  timeoutMillis: number;
  /** A charset the source forces, for sites that declare none or a wrong one. */
  forcedCharset?: string | undefined;
  /** Cookies and headers sent to the source's own hosts only. */
  credentials?: SourceCredentials | undefined;
}

/**
 * crawlee's HTTP client (got-scraping) wrapped at the edge of the crawl layer: it sends our own
 * User-Agent instead of a generated browser identity, refuses bodies over the size limit (by header,
 * and while streaming for chunked responses), maps status codes and network errors to crawl errors,
 * and decodes the body itself (`decideCharset`: declarations checked against the bytes, a detector when
 * they lie), handing crawlee UTF-8 labelled as such. The decision travels with the response in the
 * `x-yuqing-charset` header, so every post read from it records which charset was used and why.
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
        ...credentialHeadersFor(this.options.credentials, String(request.url)),
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
    const raw = await readBounded(response.stream, this.options.maxBodyBytes, response.url);
    const contentType = firstValue(response.headers['content-type']);
    const { text, ...decision } = decideCharset(raw, contentType, this.options.forcedCharset);
    const type = contentType ?? guessContentType(text);
    // A login form or a captcha served with 200 is a refusal, not a page whose selectors stopped matching.
    if (/html/i.test(type)) {
      const wall = accessWallOf({ requestedUrl: url, finalUrl: response.url, html: text });
      if (wall) throw wall;
    }
    const body = Buffer.from(text, 'utf8');
    const headers = {
      ...response.headers,
      'content-type': `${type.replace(/;\s*charset=[^;]*/i, '')}; charset=utf-8`,
      'content-length': String(body.length),
      [charsetDecisionHeader]: JSON.stringify(decision),
    };
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

/** Response header carrying the charset decision (JSON) from the HTTP client to the source type's handler. */
export const charsetDecisionHeader = 'x-yuqing-charset';

/** The charset decision of a response made through the bounded client; undefined for other responses. */
export function charsetDecisionOf(headers: Record<string, string | string[] | undefined>): CharsetDecision | undefined {
  const value = firstValue(headers[charsetDecisionHeader]);
  return value ? JSON.parse(value) as CharsetDecision : undefined;
}

/** The charset decision of a response as recorded on the posts read from it. */
export function charsetProvenanceOf(headers: Record<string, string | string[] | undefined>): CharsetProvenance | undefined {
  const decision = charsetDecisionOf(headers);
  if (!decision) return undefined;
  const { charset, decidedBy, isFallback, isDoubtful, reason } = decision;
  return { charset, decidedBy, isFallback, isDoubtful, reason };
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A server that sends no Content-Type still sends a feed, a JSON document or a page: say which, from the text. */
function guessContentType(text: string): string {
  const start = text.trimStart().slice(0, 200);
  if (/^[[{]/.test(start)) return 'application/json';
  if (/^<\?xml|^<(rss|feed|rdf:RDF)[\s>]/i.test(start) && !/<html[\s>]/i.test(text.slice(0, 2000))) return 'application/xml';
  return 'text/html';
}
