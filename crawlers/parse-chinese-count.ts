const multipliers: Record<string, number> = { 千: 1_000, k: 1_000, K: 1_000, 万: 10_000, w: 10_000, W: 10_000, 亿: 100_000_000 };

/**
 * Parses an engagement count as sites write it: `1,234`, `1.2万`, `3千+`, `10万+`, `2亿`, `评论 56`.
 * Returns undefined for text without a number (e.g. a bare `评论` button shown for zero).
 */
export function parseChineseCount(input: string | number | undefined | null): number | undefined {
  if (input === undefined || input === null) return undefined;
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? Math.round(input) : undefined;
  const text = input.replace(/[\uFF10-\uFF19]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0)).replace(/[,，\s]/g, '');
  const match = /(\d+(?:\.\d+)?)([千kK万wW亿]?)/.exec(text);
  if (!match) return undefined;
  return Math.round(Number(match[1]) * (multipliers[match[2] ?? ''] ?? 1));
}
