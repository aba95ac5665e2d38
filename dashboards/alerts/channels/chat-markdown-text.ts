/**
 * Crawled text inside chat markdown (企业微信, 钉钉). Neither platform documents backslash escapes, so characters
 * that open markup are replaced by their full-width twins: the text reads the same, and a title such as
 * `](http://evil)` or `<font color="info">` or `@all` cannot become a link, a tag or a mention.
 */
const fullWidth: Record<string, string> = {
  '\\': '＼', '*': '＊', _: '＿', '`': '｀', '[': '［', ']': '］', '(': '（', ')': '）', '#': '＃', '<': '＜', '>': '＞',
  '|': '｜', '~': '～', '!': '！', '@': '＠', '&': '＆',
};

// Control and line/paragraph-separator characters: a line break in crawled text could start a heading or quote.
const breaks = /[\u0000-\u001f\u007f\u2028\u2029]+/g;

/** Crawled text made inert for chat markdown: one line, markup characters replaced by full-width ones. */
export function chatMarkdownText(text: string): string {
  return text.replace(breaks, ' ').replace(/\s{2,}/g, ' ').trim().replace(/[\\*_`[\]()#<>|~!@&]/g, (char) => fullWidth[char]!);
}

/** A URL safe to put in `[text](url)`: http(s) only, with characters that end the link target percent-encoded; undefined otherwise. */
export function safeLinkUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  return parsed.href.replace(/[()<>\s"'`]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Cuts text to at most `maxChars` code points, marking the cut with an ellipsis. */
export function truncateText(text: string, maxChars: number): string {
  const chars = [...text];
  return chars.length <= maxChars ? text : `${chars.slice(0, Math.max(0, maxChars - 1)).join('')}…`;
}
