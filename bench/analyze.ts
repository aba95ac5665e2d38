// npm run bench:analyze — 20,000 real posts through segmentation + sentiment + rules + hashes in one
// process (docs/s, p99 per post, peak RSS), the same texts through Python jieba + SnowNLP in the
// same run, and the rule matcher with 100 vs 10,000 terms. Flag: --posts=N (default 20000).
import { dict as jiebaDictionary } from '@node-rs/jieba/dict.js';
import { createAnalyzer } from '../rules/analyzer.ts';
import { compileRulePacks } from '../rules/risk/compile-rules.ts';
import { rulePackSchema } from '../rules/risk/pack-schema.ts';
import { hasDatasets, readSmp2020, readWeibo2018, readWeiboSenti100k } from './eval-datasets.ts';
import { printTable } from './eval-metrics.ts';
import { ensurePythonBaseline, runPythonOnTexts } from './eval-python-baseline.ts';

const postCount = Number(process.argv.find((arg) => arg.startsWith('--posts='))?.split('=')[1] ?? 20_000);

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

function loadPosts(): string[] {
  const texts = [
    ...readWeibo2018('train').map((row) => row.text),
    ...readWeiboSenti100k('test').map((row) => row.text),
    ...readSmp2020('usual_test_labeled').map((row) => row.text),
    ...readSmp2020('virus_train').map((row) => row.text),
  ].filter((text) => text.trim() !== '');
  return texts.slice(0, postCount);
}

/** Dictionary words used as synthetic rule terms: real vocabulary, so the automaton has realistic shape. */
function vocabulary(count: number): string[] {
  const words: string[] = [];
  for (const line of new TextDecoder().decode(jiebaDictionary).split('\n')) {
    const word = line.split(' ')[0] ?? '';
    if (word.length >= 2 && /^\p{Script=Han}+$/u.test(word)) words.push(word);
  }
  // Every k-th word, so the 10,000 terms span the whole dictionary rather than one prefix.
  const step = Math.floor(words.length / count);
  return Array.from({ length: count }, (_, index) => words[index * step] ?? '');
}

function timeMatcher(termCount: number, texts: readonly string[]): (string | number)[] {
  const terms = vocabulary(termCount);
  const rulesCount = Math.max(1, termCount / 100);
  const buildStarted = performance.now();
  const ruleSet = compileRulePacks([rulePackSchema.parse({
    id: 'synthetic', name: 'synthetic', version: '1.0.0', category: 'bench', severity: 'low',
    rules: Array.from({ length: rulesCount }, (_, rule) => ({ id: `r${rule}`, name: `r${rule}`, match: { any: terms.slice(rule * 100, rule * 100 + 100) } })),
  })]);
  const buildMillis = performance.now() - buildStarted;
  for (const text of texts.slice(0, 2000)) ruleSet.match({ content: text }, 0); // warm-up (JIT)
  let hits = 0;
  const started = performance.now();
  for (const text of texts) hits += ruleSet.match({ content: text }, 0).length;
  const seconds = (performance.now() - started) / 1000;
  return [termCount, rulesCount, buildMillis.toFixed(0), Math.round(texts.length / seconds), ((seconds * 1e6) / texts.length).toFixed(1), hits];
}

async function main(): Promise<void> {
  if (!hasDatasets) {
    console.error('bench:analyze needs ../shared/datasets next to the repository; none found.');
    process.exit(1);
  }
  const texts = loadPosts();
  const rssBefore = process.memoryUsage().rss;
  const buildStarted = performance.now();
  const analyzer = createAnalyzer();
  const buildMillis = performance.now() - buildStarted;
  for (const text of texts.slice(0, 200)) analyzer.analyze({ content: text }); // warm-up (JIT)
  const durations = new Float64Array(texts.length);
  const started = performance.now();
  texts.forEach((text, index) => {
    const postStarted = performance.now();
    analyzer.analyze({ content: text });
    durations[index] = performance.now() - postStarted;
  });
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...durations].sort((a, b) => a - b);
  const peakRssMib = process.resourceUsage().maxRSS / 1024;

  console.error(`running the Python baseline on ${texts.length} posts (jieba + SnowNLP; takes minutes)…`);
  const python = ensurePythonBaseline();
  const baseline = JSON.parse(await runPythonOnTexts(python, 'jieba_snownlp_bench.py', texts)) as { docs: number; seconds: number; p99Millis: number; peakRssMib: number };
  const ours = texts.length / seconds;
  const theirs = baseline.docs / baseline.seconds;

  console.log(`\nAnalysis throughput on ${texts.length} real posts (one process, one thread; analyzer build ${buildMillis.toFixed(0)} ms, RSS before build ${(rssBefore / 2 ** 20).toFixed(0)} MiB)\n`);
  printTable(['pipeline', 'docs/s', 'p50 ms/post', 'p99 ms/post', 'peak RSS MiB'], [
    [`rules/ createAnalyzer: jieba + sentiment + ${analyzer.packs.length} packs (${analyzer.ruleSet.ruleCount} rules) + hashes`, Math.round(ours), percentile(sorted, 0.5).toFixed(3), percentile(sorted, 0.99).toFixed(3), peakRssMib.toFixed(0)],
    ['Python jieba 0.42.1 + SnowNLP 0.12.3', Math.round(theirs), '—', baseline.p99Millis.toFixed(3), baseline.peakRssMib.toFixed(0)],
  ]);
  console.log(`\nspeed ratio: ${(ours / theirs).toFixed(1)}× (target ≥ 20×)\n`);

  console.log('Rule matcher alone (one Aho-Corasick automaton; terms are jieba dictionary words, 100 per rule)\n');
  printTable(['terms', 'rules', 'build ms', 'posts/s', 'µs/post', 'hits'], [timeMatcher(100, texts), timeMatcher(10_000, texts)]);
}

await main();
