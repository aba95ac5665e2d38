import chardet from 'chardet';
import iconv from 'iconv-lite';
import { charsetFromContentType, normalizeCharset, sniffDocumentCharset } from './detect-charset.ts';

/** Where the charset a body was decoded with came from. */
export type CharsetOrigin = 'forced' | 'bom' | 'header' | 'document' | 'detected' | 'default';

/** How a body was decoded, recorded on every raw post read from it. */
export interface CharsetDecision {
  /** Canonical name decoded with, e.g. utf-8, gb18030, big5. */
  charset: string;
  decidedBy: CharsetOrigin;
  /** What the server and the document said, as written (undefined when silent). */
  declared: { header?: string | undefined; document?: string | undefined };
  /** True when the charset used is not the one declared first (header, else document): the declaration lied or was absent. */
  isFallback: boolean;
  /** True when even the best decoding shows replacement characters or mojibake: the text is not to be trusted. */
  isDoubtful: boolean;
  /** One line saying why, for logs and the health record. */
  reason: string;
}

interface Decoding { charset: string; origin: CharsetOrigin; text: string; badness: number; isClean: boolean }

const singleByteCharsets = /^(latin1|iso-?8859-\d+|windows-125\d|cp125\d|ascii|us-ascii|koi8-[ru]|macintosh)$/;

let commonHan: Set<string> | undefined;

/**
 * The characters of everyday Chinese: GB2312 level 1 (3,755 simplified characters, ~99.7 % of modern text)
 * and Big5 常用字 (5,401 traditional ones). UTF-8 bytes read as GBK or Big5 decode into valid but rare
 * characters (鍖椾含, 銆愭柊), so the share of rare ones tells a right decoding from a wrong one.
 */
function commonHanCharacters(): Set<string> {
  if (commonHan) return commonHan;
  const set = new Set<string>();
  const add = (bytes: number[], charset: string) => {
    const char = iconv.decode(Buffer.from(bytes), charset);
    if (char.length === 1 && char !== '\uFFFD') set.add(char);
  };
  for (let lead = 0xb0; lead <= 0xd7; lead += 1) for (let trail = 0xa1; trail <= 0xfe; trail += 1) add([lead, trail], 'gb18030');
  for (let lead = 0xa4; lead <= 0xc6; lead += 1) {
    for (let trail = 0x40; trail <= 0xfe; trail += 1) if (trail <= 0x7e || trail >= 0xa1) add([lead, trail], 'big5');
  }
  commonHan = set;
  return set;
}

/**
 * How wrong a decoding looks: replacement characters weigh most; for single-byte charsets, non-ASCII
 * characters standing in runs (CJK bytes read as Latin-1 come out as `Ã¤Â¸Â­`, accented letters in real
 * Latin text stand alone); for every charset, Han characters outside everyday use.
 */
export function decodingBadness(text: string, charset: string): { badness: number; isClean: boolean } {
  let replacements = 0;
  let nonAscii = 0;
  let runChars = 0;
  let han = 0;
  let rareHan = 0;
  let run = 0;
  const common = commonHanCharacters();
  const isSingleByte = singleByteCharsets.test(charset);
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) {
      if (run >= 2) runChars += run;
      run = 0;
      continue;
    }
    nonAscii += 1;
    if (code === 0xfffd) replacements += 1;
    else if (code >= 0x4e00 && code <= 0x9fff) {
      han += 1;
      if (!common.has(char)) rareHan += 1;
    }
    if (isSingleByte && code !== 0xa0) run += 1;
  }
  if (run >= 2) runChars += run;
  const badness = replacements * 3 + runChars + rareHan;
  // A stray bad byte in a long page, a few accented letters side by side, a few rare names: still clean.
  const isClean = replacements <= Math.floor(text.length / 20_000)
    && runChars <= Math.max(3, nonAscii * 0.05)
    && rareHan <= Math.max(3, han * 0.1);
  return { badness, isClean };
}

// Judging a decoding needs a sample, not the whole page: a wrong charset garbles every line alike.
const sampleChars = 40_000;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeWith(body: Buffer, charset: string, origin: CharsetOrigin): Decoding {
  if (charset === 'utf-8') {
    // The common case, checked by the platform's strict decoder: valid UTF-8 with everyday characters is clean.
    try {
      const text = strictUtf8.decode(body);
      return { charset, origin, text, ...decodingBadness(text.slice(0, sampleChars), charset) };
    } catch {
      // invalid bytes: decode with replacements and let the badness say how bad
    }
  }
  const text = iconv.decode(body, charset);
  return { charset, origin, text, ...decodingBadness(text.length > sampleChars ? text.slice(0, sampleChars) : text, charset) };
}

/** The charsets a statistical detector finds plausible, most confident first. */
function detectedCharsets(body: Buffer): string[] {
  const sample = body.length > 65_536 ? body.subarray(0, 65_536) : body;
  return chardet.analyse(sample)
    .filter((match) => match.confidence >= 10)
    .map((match) => normalizeCharset(match.name))
    .filter((name): name is string => name !== undefined)
    .slice(0, 4);
}

function hasByteOrderMark(body: Buffer): string | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * Decides the charset of a response body and decodes it, checking its own work: a byte-order mark wins;
 * else the HTTP header's charset, else the document's declaration (`<meta>`, XML), is tried first and kept
 * when the text it gives is clean. When it is not (replacement characters, Latin-1 mojibake, rare-character
 * soup), the other declaration, UTF-8 and a statistical detector (chardet) are tried too and the cleanest
 * decoding is kept, marked as a fallback. `forced` (the source's `charset:`) is used as given.
 */
export function decideCharset(body: Buffer, contentType: string | undefined, forced?: string): CharsetDecision & { text: string } {
  const headerLabel = charsetFromContentType(contentType);
  const documentLabel = sniffDocumentCharset(body.subarray(hasByteOrderMark(body) ? 3 : 0));
  const declared = { header: headerLabel, document: documentLabel };
  const forcedCharset = normalizeCharset(forced);
  if (forcedCharset) {
    const decoding = decodeWith(body, forcedCharset, 'forced');
    return { declared, text: decoding.text, charset: forcedCharset, decidedBy: 'forced', isFallback: false, isDoubtful: !decoding.isClean,
      reason: `forced by the source's charset: ${forced}${decoding.isClean ? '' : ' (the text still looks garbled)'}` };
  }
  const bom = hasByteOrderMark(body);
  if (bom) {
    return { declared, text: iconv.decode(body, bom), charset: bom, decidedBy: 'bom', isFallback: false, isDoubtful: false, reason: `byte-order mark (${bom})` };
  }
  const declarations: { charset: string; origin: CharsetOrigin; label: string }[] = [];
  const headerCharset = normalizeCharset(headerLabel);
  const documentCharset = normalizeCharset(documentLabel);
  if (headerCharset) declarations.push({ charset: headerCharset, origin: 'header', label: headerLabel! });
  if (documentCharset && documentCharset !== headerCharset) declarations.push({ charset: documentCharset, origin: 'document', label: documentLabel! });
  const first = declarations[0];
  if (first) {
    const decoding = decodeWith(body, first.charset, first.origin);
    if (decoding.isClean) {
      return { declared, text: decoding.text, charset: first.charset, decidedBy: first.origin, isFallback: false, isDoubtful: false, reason: `declared by the ${first.origin === 'header' ? 'HTTP header' : 'document'} (${first.label})` };
    }
  }
  const tried = new Map<string, Decoding>();
  const tryCharset = (charset: string, origin: CharsetOrigin) => {
    if (!tried.has(charset)) tried.set(charset, decodeWith(body, charset, origin));
  };
  for (const declaration of declarations) tryCharset(declaration.charset, declaration.origin);
  tryCharset('utf-8', first ? 'detected' : 'default');
  const utf8 = tried.get('utf-8')!;
  if (!first && utf8.isClean) {
    return { declared, text: utf8.text, charset: 'utf-8', decidedBy: 'default', isFallback: false, isDoubtful: false, reason: 'nothing declared; the bytes are clean UTF-8' };
  }
  for (const charset of detectedCharsets(body)) tryCharset(charset, 'detected');
  // Cleanest wins; on a tie, declarations (in order) before UTF-8 before the detector's guesses.
  const best = [...tried.values()].reduce((winner, candidate) => (candidate.badness < winner.badness ? candidate : winner));
  const said = declarations.map((declaration) => `${declaration.origin === 'header' ? 'header' : 'document'} said ${declaration.label}`).join(', ') || 'nothing declared';
  const isDoubtful = !best.isClean;
  return {
    declared, text: best.text, charset: best.charset, decidedBy: best.origin,
    isFallback: !first || best.charset !== first.charset, isDoubtful,
    reason: `${said}; decoded as ${best.charset} (${best.origin === 'detected' ? 'the bytes read cleanly as it' : best.origin})${isDoubtful ? ', but the text still looks garbled' : ''}`,
  };
}

