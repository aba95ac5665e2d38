// npx tsx bench/eval-segmenters.ts — @node-rs/jieba (the project's segmenter) vs nodejieba on the
// same real posts: clean install on this machine, speed, and token agreement. nodejieba is installed
// into .cache/nodejieba-bench (gitignored), never into the project's dependencies.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { hasDatasets, readSmp2020, readWeibo2018, readWeiboSenti100k } from './eval-datasets.ts';
import { percent, printTable } from './eval-metrics.ts';

const nodejiebaVersion = '3.5.8';
const benchDirectory = fileURLToPath(new URL('../.cache/nodejieba-bench/', import.meta.url));

interface InstallAttempt { how: string; ok: boolean; seconds: number; note: string }

function tryInstall(directory: string, how: string, extraEnv: Record<string, string>): InstallAttempt {
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, 'package.json'), '{"name":"nodejieba-bench","private":true}\n');
  const started = performance.now();
  const result = spawnSync('npm', ['install', `nodejieba@${nodejiebaVersion}`, '--no-audit', '--no-fund'], { cwd: directory, encoding: 'utf8', env: { ...process.env, ...extraEnv } });
  const seconds = (performance.now() - started) / 1000;
  const lines = `${result.stdout}\n${result.stderr}`.split('\n');
  const errorLine = lines.find((line) => /canceled|refus/i.test(line)) ?? lines.find((line) => /gyp ERR|error/i.test(line)) ?? '';
  return { how, ok: result.status === 0, seconds, note: result.status === 0 ? 'installed (native build from source)' : errorLine.trim().slice(0, 110) };
}

function boundaries(tokens: readonly string[]): Set<number> {
  const ends = new Set<number>();
  let position = 0;
  for (const token of tokens) ends.add((position += token.length));
  return ends;
}

function main(): void {
  if (!hasDatasets) {
    console.error('needs ../shared/datasets next to the repository; none found.');
    process.exit(1);
  }
  const attempts: InstallAttempt[] = [];
  // A plain install, as on a fresh machine: the finding that matters for "clean install".
  const scratch = mkdtempSync(join(tmpdir(), 'nodejieba-plain-'));
  attempts.push(tryInstall(scratch, 'npm install (plain, npm 11)', {}));
  rmSync(scratch, { recursive: true, force: true });
  if (!existsSync(join(benchDirectory, 'node_modules/nodejieba/build/Release'))) {
    attempts.push(tryInstall(benchDirectory, 'npm install with npm_config_yes=true', { npm_config_yes: 'true' }));
  } else {
    attempts.push({ how: 'npm install with npm_config_yes=true', ok: true, seconds: Number.NaN, note: 'already built in .cache/nodejieba-bench (delete it to re-measure)' });
  }
  const nodeRsStarted = performance.now();
  execFileSync(process.execPath, ['-e', "require('@node-rs/jieba')"]);
  attempts.push({ how: '@node-rs/jieba (project dependency)', ok: true, seconds: Number.NaN, note: `prebuilt N-API binary from the npm registry, no install script; require() ${Math.round(performance.now() - nodeRsStarted)} ms` });
  console.log('\nClean install on this machine\n');
  printTable(['package / method', 'ok', 'seconds', 'note'], attempts.map((attempt) => [attempt.how, attempt.ok ? 'yes' : 'no', Number.isNaN(attempt.seconds) ? '—' : attempt.seconds.toFixed(1), attempt.note]));

  const nodejieba = createRequire(join(benchDirectory, 'package.json'))('nodejieba') as { cut(text: string, hmm?: boolean): string[]; load(options?: object): void };
  const texts = [...readWeibo2018('train').map((row) => row.text), ...readWeiboSenti100k('dev').map((row) => row.text), ...readSmp2020('virus_train').map((row) => row.text)].slice(0, 20_000);
  const characters = texts.reduce((sum, text) => sum + text.length, 0);

  const loadStarted = performance.now();
  const nodeRs = Jieba.withDict(dict);
  const nodeRsLoad = performance.now() - loadStarted;
  const nodejiebaLoadStarted = performance.now();
  nodejieba.load();
  const nodejiebaLoad = performance.now() - nodejiebaLoadStarted;

  const time = (cut: (text: string) => string[]): { millis: number; output: string[][] } => {
    for (const text of texts.slice(0, 500)) cut(text); // warm-up
    const started = performance.now();
    const output = texts.map(cut);
    return { millis: performance.now() - started, output };
  };
  const a = time((text) => nodeRs.cut(text, true));
  const b = time((text) => nodejieba.cut(text, true));

  let identical = 0;
  let shared = 0;
  let boundariesA = 0;
  let boundariesB = 0;
  let tokensA = 0;
  let tokensB = 0;
  a.output.forEach((tokens, index) => {
    const other = b.output[index] ?? [];
    tokensA += tokens.length;
    tokensB += other.length;
    if (tokens.length === other.length && tokens.every((token, position) => token === other[position])) identical += 1;
    const endsA = boundaries(tokens);
    const endsB = boundaries(other);
    boundariesA += endsA.size;
    boundariesB += endsB.size;
    for (const end of endsA) if (endsB.has(end)) shared += 1;
  });
  const precision = shared / boundariesB;
  const recall = shared / boundariesA;

  console.log(`\nSpeed on ${texts.length} real posts (${characters} characters), HMM on, one thread\n`);
  printTable(['segmenter', 'dictionary load ms', 'total ms', 'posts/s', '≈MB/s (UTF-8)', 'tokens'], [
    ['@node-rs/jieba 2.0.3', nodeRsLoad.toFixed(0), a.millis.toFixed(0), Math.round(texts.length / (a.millis / 1000)), ((characters * 3) / 1e6 / (a.millis / 1000)).toFixed(2), tokensA],
    [`nodejieba ${nodejiebaVersion}`, nodejiebaLoad.toFixed(0), b.millis.toFixed(0), Math.round(texts.length / (b.millis / 1000)), ((characters * 3) / 1e6 / (b.millis / 1000)).toFixed(2), tokensB],
  ]);
  console.log('\nAgreement (nodejieba measured against @node-rs/jieba)\n');
  printTable(['measure', 'value'], [
    ['posts cut identically', `${identical} / ${texts.length} (${percent(identical / texts.length)})`],
    ['word-boundary precision', percent(precision)],
    ['word-boundary recall', percent(recall)],
    ['word-boundary F1', percent((2 * precision * recall) / (precision + recall))],
  ]);
}

main();
