import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load-config.ts';

const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]!);

describe('crawlers/README.md "Declaring a source"', () => {
  it('has a worked example for every source type', () => {
    const types = blocks.flatMap((block) => [...block.matchAll(/^\s+type: (\w+)/gm)].map((match) => match[1]));
    expect(new Set(types)).toEqual(new Set(['rss', 'html', 'json', 'browser']));
  });

  it.each(blocks.map((block, index) => [index, block] as const))('example %i is a valid source declaration', (_index, block) => {
    const text = block.startsWith('sources:') ? block : `sources:\n${block}`;
    const config = parseConfig(parse(text), 'README example', {});
    expect(config.sources.length).toBeGreaterThan(0);
  });
});
