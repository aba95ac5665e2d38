import type { HttpCrawlingContext } from 'crawlee';

/** The body of an HttpCrawler response as text; crawlee has already decoded it to `contentType.encoding`. */
export function responseText(context: Pick<HttpCrawlingContext, 'body' | 'contentType'>): string {
  const { body, contentType } = context;
  return typeof body === 'string' ? body : body.toString(Buffer.isEncoding(contentType.encoding) ? contentType.encoding : 'utf8');
}
