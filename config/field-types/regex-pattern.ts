import { z } from 'zod';

function capturingGroups(pattern: string): number {
  // A regex that matches the empty string at the end reports how many groups the pattern has.
  return new RegExp(`${pattern}|`).exec('')!.length - 1;
}

/** A JavaScript regular expression with at least one capturing group (the part that is taken). */
export function regexWithGroup() {
  return z.string().superRefine((pattern, ctx) => {
    try {
      if (capturingGroups(pattern) < 1) ctx.addIssue({ code: 'custom', message: `"${pattern}" has no capturing group; wrap the part to take in (…), e.g. "(\\d+)"` });
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(error as Error).message}` });
    }
  });
}
