import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dataViewObjects, savedObjectsIndexPrefix } from './data-views.ts';
import type { SavedObject } from './lens-state.ts';
import { overviewDashboardObjects } from './overview-dashboard.ts';
import { riskDashboardObjects } from './risk-dashboard.ts';

/** Folder of the committed NDJSON files. */
export const kibanaDir = fileURLToPath(new URL('.', import.meta.url));

/** The NDJSON files this folder ships, each with the objects it is generated from. */
export function savedObjectFiles(): { file: string; objects: SavedObject[] }[] {
  return [
    { file: 'data-views.ndjson', objects: dataViewObjects() },
    { file: 'overview.ndjson', objects: overviewDashboardObjects() },
    { file: 'risk.ndjson', objects: riskDashboardObjects() },
  ];
}

/** One object per line, as Kibana's export writes and its import reads. */
export function toNdjson(objects: SavedObject[]): string {
  return objects.map((object) => JSON.stringify(object)).join('\n') + '\n';
}

/** Reads the committed NDJSON files (data views first). */
export function readSavedObjects(dir: string = kibanaDir): SavedObject[] {
  return savedObjectFiles().flatMap(({ file }) => readFileSync(`${dir}/${file}`, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as SavedObject));
}

/** Points the data views at the configured index prefix (the files are written with `yuqing-`). */
export function withIndexPrefix(objects: SavedObject[], prefix: string): SavedObject[] {
  if (prefix === savedObjectsIndexPrefix) return objects;
  return objects.map((object) => {
    if (object.type !== 'index-pattern') return object;
    const title = String(object.attributes.title);
    const renamed = title.startsWith(savedObjectsIndexPrefix) ? `${prefix}${title.slice(savedObjectsIndexPrefix.length)}` : title;
    return { ...object, attributes: { ...object.attributes, title: renamed } };
  });
}

/** Regenerates the NDJSON files from the builders (`npx tsx dashboards/kibana/saved-object-files.ts`). */
export function writeSavedObjectFiles(dir: string = kibanaDir): string[] {
  return savedObjectFiles().map(({ file, objects }) => {
    writeFileSync(`${dir}/${file}`, toNdjson(objects));
    return file;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(`written: ${writeSavedObjectFiles().join(', ')}\n`);
}
