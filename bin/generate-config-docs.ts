// Regenerates the configuration reference inside README.md from the zod schemas (npm run docs:config).
import { readFileSync, writeFileSync } from 'node:fs';
import { renderConfigReference } from '../config/config-reference.ts';
import { replaceConfigReference } from './readme-config-section.ts';

const path = new URL('../README.md', import.meta.url);
writeFileSync(path, replaceConfigReference(readFileSync(path, 'utf8'), renderConfigReference()));
process.stdout.write('README.md: configuration reference regenerated\n');
