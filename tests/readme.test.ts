import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderConfigReference } from '../config/config-reference.ts';
import { replaceConfigReference } from '../bin/readme-config-section.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('gives the two commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });

  it('carries the configuration reference generated from the current schemas (run npm run docs:config)', () => {
    expect(replaceConfigReference(readme, renderConfigReference())).toBe(readme);
  });
});
