import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { packExamplesSchema, rulePackSchema, type PackExample, type RulePack } from './pack-schema.ts';

/** Folder of the packs shipped with yuqing. */
export const builtInPacksDirectory = fileURLToPath(new URL('../packs/', import.meta.url));

/** A pack as loaded from disk, with the folder it came from. */
export interface LoadedPack {
  pack: RulePack;
  directory: string;
}

/** Thrown when a pack file is missing, not YAML, or fails validation; lists every problem. */
export class RulePackError extends Error {
  override readonly name = 'RulePackError';
}

function readYamlFile(path: string): unknown {
  try {
    return parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new RulePackError(`${path}: ${(error as Error).message}`);
  }
}

function validate<T>(schema: z.ZodType<T>, data: unknown, path: string): T {
  const result = schema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`).join('\n');
    throw new RulePackError(`${path} is not a valid rule pack file:\n${problems}`);
  }
  return result.data;
}

/** Reads and validates one pack folder (`pack.yaml`). */
export function loadPack(directory: string): LoadedPack {
  const path = join(directory, 'pack.yaml');
  if (!existsSync(path)) throw new RulePackError(`${directory}: no pack.yaml`);
  return { pack: validate(rulePackSchema, readYamlFile(path), path), directory };
}

/** Reads and validates a pack folder's `examples.yaml`. */
export function loadPackExamples(directory: string): PackExample[] {
  const path = join(directory, 'examples.yaml');
  return validate(packExamplesSchema, readYamlFile(path), path);
}

/** Every pack under each folder (one sub-folder per pack); later folders may not reuse a pack id. */
export function loadPacks(directories: readonly string[]): LoadedPack[] {
  const packs: LoadedPack[] = [];
  const seen = new Map<string, string>();
  for (const root of directories) {
    if (!existsSync(root)) throw new RulePackError(`pack folder ${root} does not exist`);
    for (const entry of readdirSync(root, { withFileTypes: true }).filter((item) => item.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
      const loaded = loadPack(join(root, entry.name));
      const previous = seen.get(loaded.pack.id);
      if (previous) throw new RulePackError(`pack id ${loaded.pack.id} is defined twice: ${previous} and ${loaded.directory}`);
      seen.set(loaded.pack.id, loaded.directory);
      packs.push(loaded);
    }
  }
  return packs;
}
