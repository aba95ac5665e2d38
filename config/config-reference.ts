import { z } from 'zod';
import { configSchema } from './config-schema.ts';

interface JsonSchemaNode {
  type?: string | string[];
  description?: string;
  default?: unknown;
  env?: string;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  anyOf?: JsonSchemaNode[];
  oneOf?: JsonSchemaNode[];
  additionalProperties?: JsonSchemaNode | boolean;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function describeType(node: JsonSchemaNode): string {
  if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``;
  if (node.enum) return node.enum.map((value) => `\`${String(value)}\``).join(', ');
  const union = node.anyOf ?? node.oneOf;
  if (union) return union.map(describeType).join(' or ');
  if (node.type === 'array') return `list of ${node.items ? describeType(node.items) : 'values'}`;
  let type = Array.isArray(node.type) ? node.type.join(' or ') : node.type ?? 'any';
  if (node.format) type += ` (${node.format})`;
  const bounds = [node.minimum !== undefined && node.minimum > -9e15 ? `≥ ${node.minimum}` : '', node.maximum !== undefined && node.maximum < 9e15 ? `≤ ${node.maximum}` : ''].filter(Boolean);
  return bounds.length ? `${type} ${bounds.join(', ')}` : type;
}

function rows(node: JsonSchemaNode, path: string, out: string[]): void {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const childPath = path ? `${path}.${key}` : key;
    const isSection = child.type === 'object' && child.properties;
    if (!isSection) {
      const fallback = child.default === undefined ? '' : `\`${JSON.stringify(child.default)}\``;
      out.push(`| \`${childPath}\` | ${cell(describeType(child))} | ${cell(fallback)} | ${child.env ? `\`${child.env}\`` : ''} | ${cell(child.description ?? '')} |`);
    }
    if (child.type === 'object' && child.properties) rows(child, childPath, out);
  }
}

const header = '| field | type | default | env | description |\n| --- | --- | --- | --- | --- |';

/** The configuration reference in Markdown, generated from the zod schemas (the README embeds it). */
export function renderConfigReference(): string {
  const root = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchemaNode;
  const { sources, ...rest } = root.properties ?? {};
  const main: string[] = [];
  rows({ properties: rest }, '', main);
  const sections = [header, ...main].join('\n');
  const sourceTypes = (sources?.items?.oneOf ?? sources?.items?.anyOf ?? (sources?.items ? [sources.items] : []));
  const perType = sourceTypes.map((variant) => {
    const type = variant.properties?.type?.const ?? variant.properties?.type?.enum?.[0] ?? '?';
    const out: string[] = [];
    rows(variant, `sources[]`, out);
    return `#### Source type \`${String(type)}\`\n\n${variant.description ?? ''}\n\n${header}\n${out.join('\n')}`;
  });
  return `${sections}\n\n### Sources\n\n${sources?.description ?? ''}\n\n${perType.join('\n\n')}\n`;
}
