import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { configSchema, type Config } from './config-schema.ts';

/** The configuration that ships with the project: the demo site and its sources. */
export const defaultConfigPath = fileURLToPath(new URL('./default.yaml', import.meta.url));

/** Raised when the config file is missing, unparsable or invalid; `problems` names every field at fault. */
export class ConfigError extends Error {
  constructor(readonly source: string, readonly problems: string[]) {
    super(`Invalid configuration in ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

interface EnvBinding { path: string[]; env: string; type: string | undefined }

/** Walks the JSON Schema generated from the zod schema to find every field bound to an environment variable. */
function collectEnvBindings(schema: unknown, path: string[] = [], out: EnvBinding[] = []): EnvBinding[] {
  if (!schema || typeof schema !== 'object') return out;
  const node = schema as { env?: string; type?: string; properties?: Record<string, unknown> };
  if (typeof node.env === 'string') out.push({ path, env: node.env, type: node.type });
  for (const [key, child] of Object.entries(node.properties ?? {})) collectEnvBindings(child, [...path, key], out);
  return out;
}

const envBindings = collectEnvBindings(z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }));

function coerceEnvValue(raw: string, type: string | undefined): unknown {
  if (type === 'integer' || type === 'number') return raw.trim() === '' ? raw : Number(raw);
  if (type === 'boolean') return raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : raw;
  return raw;
}

function applyEnv(raw: Record<string, unknown>, env: NodeJS.ProcessEnv): void {
  for (const binding of envBindings) {
    const value = env[binding.env];
    if (value === undefined || value === '') continue;
    let target = raw;
    for (const key of binding.path.slice(0, -1)) {
      if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
      target = target[key] as Record<string, unknown>;
    }
    target[binding.path.at(-1)!] = coerceEnvValue(value, binding.type);
  }
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '') || '(root)';
}

/** Settings given on the command line (`--port`): they win over the file and the environment. */
export type ConfigOverrides = { [key: string]: ConfigOverrides | string | number | boolean | undefined };

function applyOverrides(target: Record<string, unknown>, overrides: ConfigOverrides): void {
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    if (typeof value === 'object') {
      if (typeof target[key] !== 'object' || target[key] === null || Array.isArray(target[key])) target[key] = {};
      applyOverrides(target[key] as Record<string, unknown>, value);
    } else target[key] = value;
  }
}

/** Validates an already-parsed config object (env and command-line overrides applied) and lists every problem at once. */
export function parseConfig(raw: unknown, source = 'config', env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  if (raw === null || raw === undefined) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(source, ['(root): expected a mapping of settings']);
  const withEnv = structuredClone(raw) as Record<string, unknown>;
  applyEnv(withEnv, env);
  applyOverrides(withEnv, overrides);
  const result = configSchema.safeParse(withEnv);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const where = formatPath(issue.path);
    const binding = envBindings.find((b) => b.path.join('.') === issue.path.join('.'));
    const fromEnv = binding && env[binding.env] ? ` (from ${binding.env})` : '';
    return `${where}${fromEnv}: ${issue.message}`;
  });
  throw new ConfigError(source, problems);
}

/** Reads and validates a YAML or JSON config file; without a path, the bundled default. */
export function loadConfig(path: string = defaultConfigPath, env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, [`cannot read the file: ${(error as Error).message}`]);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text, { prettyErrors: true });
  } catch (error) {
    throw new ConfigError(path, [`not valid YAML/JSON: ${(error as Error).message}`]);
  }
  // An empty file is almost always a mistake (a wrong path, a truncated copy), never "run with nothing".
  if (raw === null || raw === undefined) throw new ConfigError(path, ['(root): the file is empty; start from config/default.yaml (see "Configuration reference" in README.md)']);
  return parseConfig(raw, path, env, overrides);
}
