// Runs the Python baselines (SnowNLP, jieba) from the virtualenv that bench/python/ensure-venv.sh
// creates under .cache/, and caches SnowNLP scores per text set so re-running an eval is cheap.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repositoryRoot = fileURLToPath(new URL('../', import.meta.url));
const cacheDirectory = `${repositoryRoot}.cache/`;

/** Creates the baseline virtualenv on first use and returns its python executable. */
export function ensurePythonBaseline(): string {
  return execFileSync('bash', [`${repositoryRoot}bench/python/ensure-venv.sh`, `${cacheDirectory}python-baseline`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

/** Runs a Python script with JSON lines of `{text}` on stdin and returns its stdout. */
export function runPythonOnTexts(python: string, script: string, texts: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [`${repositoryRoot}bench/python/${script}`], { stdio: ['pipe', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`${script} exited with ${code}`))));
    child.stdin.end(texts.map((text) => JSON.stringify({ text })).join('\n') + '\n');
  });
}

/** SnowNLP positive probabilities for the texts, in order; computed in two processes (two cores) and cached. */
export async function snowNlpPositiveProbabilities(python: string, texts: readonly string[]): Promise<number[]> {
  const key = createHash('sha256').update(texts.join('\u0000')).digest('hex').slice(0, 24);
  const cacheFile = `${cacheDirectory}snownlp-scores/${key}.json`;
  if (existsSync(cacheFile)) return JSON.parse(readFileSync(cacheFile, 'utf8')) as number[];
  const half = Math.ceil(texts.length / 2);
  const shards = await Promise.all([texts.slice(0, half), texts.slice(half)].map((shard) => runPythonOnTexts(python, 'snownlp_sentiments.py', shard)));
  const scores = shards.flatMap((output) => output.trim().split('\n').filter((line) => line !== '').map(Number));
  if (scores.length !== texts.length) throw new Error(`SnowNLP returned ${scores.length} scores for ${texts.length} texts`);
  mkdirSync(`${cacheDirectory}snownlp-scores`, { recursive: true });
  writeFileSync(cacheFile, JSON.stringify(scores));
  return scores;
}
