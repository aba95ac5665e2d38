/**
 * Spans the word segmenter must not split: Weibo emoticons such as `[泪]`, links and @mentions.
 * jieba would cut `[泪]` into `[`, `泪`, `]` and a URL into a dozen pieces, which would feed noise
 * into keywords, SimHash and sentiment.
 */
export interface ProtectedSpan {
  start: number;
  end: number;
  kind: 'emoticon' | 'url' | 'mention';
}

// Emoticons are short bracketed names: [哈哈], [doge], [笑cry], [good]. Longer brackets are ordinary text.
const emoticonPattern = /\[[\p{Script=Han}A-Za-z0-9]{1,8}\]/gu;
const urlPattern = /https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/g;
// A mention runs until whitespace or punctuation (Weibo ends them with a space or a colon).
const mentionPattern = /@[\p{L}\p{N}_-]{1,30}/gu;

/** Finds non-overlapping protected spans, earliest first; URLs win over emoticons and mentions inside them. */
export function findProtectedSpans(text: string): ProtectedSpan[] {
  const spans: ProtectedSpan[] = [];
  for (const [pattern, kind] of [[urlPattern, 'url'], [emoticonPattern, 'emoticon'], [mentionPattern, 'mention']] as const) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (!spans.some((span) => start < span.end && end > span.start)) spans.push({ start, end, kind });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}
