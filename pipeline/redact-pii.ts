/** Kinds of personal identifiers removed before storage, with the placeholder each becomes. */
export const piiPlaceholders = {
  email: '[邮箱]',
  idCard: '[身份证号]',
  bankCard: '[银行卡号]',
  mobile: '[手机号]',
  landline: '[电话]',
} as const;

export type PiiKind = keyof typeof piiPlaceholders;

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

// Order matters: ID-card and bank-card numbers contain runs that would also look like phone numbers.
const patterns: { kind: PiiKind; pattern: RegExp; accept?: (match: string) => boolean }[] = [
  { kind: 'email', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g },
  { kind: 'idCard', pattern: /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g },
  { kind: 'bankCard', pattern: /(?<!\d)(?:62|4\d|5[1-5]|3[47])\d{14,17}(?!\d)/g, accept: passesLuhn },
  { kind: 'mobile', pattern: /(?<![\d])(?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}(?!\d)/g },
  { kind: 'landline', pattern: /(?<!\d)0\d{2,3}-\d{7,8}(?!\d)/g },
];

export interface Redaction { text: string; count: number; kinds: PiiKind[] }

/** Replaces phone numbers, ID-card numbers, bank-card numbers and e-mail addresses with placeholders. */
export function redactPii(text: string): Redaction {
  let count = 0;
  const kinds = new Set<PiiKind>();
  let out = text;
  for (const { kind, pattern, accept } of patterns) {
    out = out.replace(pattern, (match) => {
      if (accept && !accept(match)) return match;
      count += 1;
      kinds.add(kind);
      return piiPlaceholders[kind];
    });
  }
  return { text: out, count, kinds: [...kinds] };
}
