import { z } from 'zod';

/** Sort values of the last post of a page: where the next page starts (`search_after`). */
export type SortValues = (string | number | null)[];

const sortValuesSchema = z.array(z.union([z.string().max(300), z.number(), z.null()])).min(1).max(4);

/** Encodes sort values as an opaque, URL-safe cursor. */
export function encodeCursor(values: SortValues): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Decodes a cursor; undefined for anything that is not one we made (never passed to Elasticsearch as is). */
export function decodeCursor(cursor: string | undefined): SortValues | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = sortValuesSchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
