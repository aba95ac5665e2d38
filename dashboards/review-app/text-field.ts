import { z } from 'zod';

// Exactly the characters String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator), spelled out
// so the OpenAPI pattern means the same to any client — Python's `\s`, for one, also counts U+0085 and U+001C–1F.
const trimmedAway = '\\t\\n\\x0b\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
const somethingBesidesSpace = new RegExp(`[^${trimmedAway}]`);

/**
 * Text a person must write (a note, a title, a comment): at most `max` characters, not only spaces, stored
 * trimmed. The "not only spaces" rule is a documented pattern, so what the document calls valid is accepted.
 */
export function textField(max: number) {
  return z.string().max(max).regex(somethingBesidesSpace, 'expected some text, not only spaces').trim();
}
