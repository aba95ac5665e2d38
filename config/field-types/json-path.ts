import { z } from 'zod';

/** A JSON path that cannot be read: `position` is the 0-based character where reading stopped. */
export class JsonPathSyntaxError extends Error {
  override name = 'JsonPathSyntaxError';
  constructor(readonly path: string, readonly position: number, reason: string) {
    super(`${reason} at character ${position + 1} of "${path}"`);
  }
}

const keyCharacter = /[^.[\]*?()'"\s]/u;

/**
 * Compiles a dot path into its steps: keys separated by dots, array indexes as `[0]` or `.0`, an optional
 * leading `$` or `$.` for the root (`data.cards[0].mblog.text`, `$.items`, `items.0.id`). Wildcards, filters,
 * recursive descent and quoted keys are refused: the crawler reads exactly one value per path, and a path it
 * would silently read as "missing" must fail at config time instead.
 */
export function compileJsonPath(path: string): string[] {
  if (path.trim() === '') throw new JsonPathSyntaxError(path, 0, 'empty path');
  const steps: string[] = [];
  let at = path.startsWith('$') ? 1 : 0;
  let expectKey = at === 0;
  let afterDot = false;
  while (at < path.length) {
    const char = path[at]!;
    if (char === '.') {
      if (afterDot) throw new JsonPathSyntaxError(path, at, 'empty step (recursive descent ".." is not supported)');
      at += 1;
      expectKey = true;
      afterDot = true;
      if (at >= path.length) throw new JsonPathSyntaxError(path, at - 1, 'the path ends with a dot');
      continue;
    }
    if (char === '[') {
      const close = path.indexOf(']', at);
      const inside = close === -1 ? '' : path.slice(at + 1, close);
      if (!/^\d+$/.test(inside)) throw new JsonPathSyntaxError(path, at, 'expected an array index such as [0] (wildcards, filters and quoted keys are not supported)');
      steps.push(inside);
      at = close + 1;
      expectKey = false;
      afterDot = false;
      continue;
    }
    if (!keyCharacter.test(char)) throw new JsonPathSyntaxError(path, at, `unexpected "${char}" (wildcards, filters and recursive descent are not supported)`);
    if (!expectKey) throw new JsonPathSyntaxError(path, at, 'expected "." or "[" before the next key');
    let end = at;
    while (end < path.length && keyCharacter.test(path[end]!)) end += 1;
    steps.push(path.slice(at, end));
    at = end;
    expectKey = false;
    afterDot = false;
  }
  if (steps.length === 0 && path !== '$') throw new JsonPathSyntaxError(path, 0, 'no key in the path');
  return steps;
}

/** A dot path into a JSON document, compiled now with the reader the json source type uses. */
export function jsonPath() {
  return z.string().min(1, 'expected a path such as data.items').superRefine((path, ctx) => {
    try {
      compileJsonPath(path);
    } catch (error) {
      if (!(error instanceof JsonPathSyntaxError)) throw error;
      ctx.addIssue({ code: 'custom', message: `not a path the json source can read: ${error.message}; expected e.g. data.cards[0].mblog.text` });
    }
  });
}
