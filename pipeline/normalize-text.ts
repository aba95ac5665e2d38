import * as OpenCC from 'opencc-js';

// Full-width letters, digits and the ideographic space become ASCII so rules, PII patterns and search see one
// form; Chinese punctuation (，。！？) stays as written because readers see the stored text.
const fullWidthAlnum = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;
const invisible = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

/** Width, invisible characters and whitespace normalisation of crawled text. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(fullWidthAlnum, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(invisible, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00A0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

let toSimplified: ((text: string) => string) | undefined;

/** Traditional → simplified (OpenCC tables, Taiwan/Hong Kong variants included). Returns the input when nothing changes. */
export function convertToSimplified(text: string): string {
  const convert = (toSimplified ??= OpenCC.Converter({ from: 'hk', to: 'cn' }));
  return convert(text);
}
