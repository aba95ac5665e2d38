import { compileJsonPath } from '../config/field-types/json-path.ts';

// Paths come from the config (validated there with the same compiler); each is compiled once.
const compiledPaths = new Map<string, string[]>();

/**
 * Reads a value by a dot path with optional array indexes (`data.cards[0].mblog.text`, `items.0.id`, `$` for the
 * document itself). Returns undefined as soon as a step is missing.
 */
export function readJsonPath(value: unknown, path: string): unknown {
  let steps = compiledPaths.get(path);
  if (!steps) {
    steps = compileJsonPath(path);
    compiledPaths.set(path, steps);
  }
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
