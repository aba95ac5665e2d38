import { readFileSync } from 'node:fs';

const builtInStopWordsUrl = new URL('./stop-words.txt', import.meta.url);

/** Reads a word list file: one entry per line, `#` starts a comment line, blank lines ignored. */
export function readWordListFile(path: string | URL): string[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** The built-in stop words plus any configured extras. */
export function loadStopWords(extraStopWords: readonly string[] = []): Set<string> {
  return new Set([...readWordListFile(builtInStopWordsUrl), ...extraStopWords]);
}
