import iconv from 'iconv-lite';

// Chinese sites often label GBK pages as gb2312, whose table lacks many characters in daily use;
// GB18030 is a superset of both, so decoding with it never loses a character.
const charsetAliases: Record<string, string> = { gb2312: 'gb18030', gbk: 'gb18030', 'x-gbk': 'gb18030', gb_2312: 'gb18030', 'big5-hkscs': 'big5', 'utf8': 'utf-8' };

/** The canonical charset name to decode with, or undefined when iconv-lite does not know it. */
export function normalizeCharset(charset: string | undefined): string | undefined {
  if (!charset) return undefined;
  const name = charset.trim().toLowerCase().replace(/^["']|["']$/g, '');
  const canonical = charsetAliases[name] ?? name;
  return iconv.encodingExists(canonical) ? canonical : undefined;
}

/** The `charset` parameter of a Content-Type header value. */
export function charsetFromContentType(contentType: string | string[] | undefined): string | undefined {
  const value = Array.isArray(contentType) ? contentType[0] : contentType;
  return value ? /charset\s*=\s*["']?([\w.:-]+)/i.exec(value)?.[1] : undefined;
}

/**
 * The charset a document declares in its first bytes: a byte-order mark, `<meta charset>`,
 * `<meta http-equiv="Content-Type" content="…; charset=…">` or an XML declaration. Those markers
 * are ASCII in every charset we meet, so reading the head as latin1 is safe.
 */
export function sniffDocumentCharset(body: Buffer): string | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  const head = body.subarray(0, 4096).toString('latin1');
  const xml = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return xml[1];
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  return meta?.[1];
}

/** Decodes a response body: a declared `forced` charset wins, then the HTTP header, then the document itself, then UTF-8. */
export function decodeBody(body: Buffer, headerCharset: string | undefined, forced?: string): { text: string; charset: string } {
  const charset = normalizeCharset(forced) ?? normalizeCharset(headerCharset) ?? normalizeCharset(sniffDocumentCharset(body)) ?? 'utf-8';
  return { text: iconv.decode(body, charset), charset };
}
