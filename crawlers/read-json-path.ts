/**
 * Reads a value by a dot path with optional array indexes (`data.cards[0].mblog.text`, `items.0.id`).
 * Returns undefined as soon as a step is missing.
 */
export function readJsonPath(value: unknown, path: string): unknown {
  const steps = path.replace(/\[(\d+)\]/g, '.$1').split('.').filter((step) => step !== '');
  let current = value;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

/** A JSON scalar as text (ids and counts come as numbers or strings); undefined for objects and empty strings. */
export function jsonScalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}
