// npm run eval:dedupe — precision and recall of near-duplicate detection (SimHash, Hamming ≤ 3)
// on pairs built at run time from real posts in ../shared/datasets with realistic edits:
// an added comment, a `//@user:` repost chain, trimmed text, punctuation/width changes,
// a shortened-link swap; negatives are pairs of unrelated posts. Also checks that the banded
// index (4 × 16-bit keys) retrieves every pair within the threshold.
import { createAnalyzer } from '../rules/analyzer.ts';
import { hammingDistance } from '../rules/dedupe/simhash.ts';
import { hasDatasets, readSmp2020, readWeibo2018 } from './eval-datasets.ts';
import { percent, precisionRecallF1, printTable } from './eval-metrics.ts';

const maxHamming = 3;
// Reported alongside, for choosing a band count: 8 bands of 8 bits guarantee lookup up to distance 7.
const looseHamming = 7;
const postsPerEdit = 600;
const unrelatedPairs = 20_000;

// Deterministic pseudo-random numbers (mulberry32) so every run builds the same pairs.
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = createRandom(20_240_601);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

// Edits written for this evaluation (no dataset text): what reposters and copy sites typically add.
const comments = ['太可怕了', '转发', '支持！', '这也太离谱了吧', '求扩散', '关注后续', '心疼', '真的假的？', '大家注意安全', '转需', '哈哈哈哈', '无语了', '已转', '顶一下', '震惊'];
const userNames = ['小王同学', '今日热点', '城市观察者', '吃瓜群众甲', 'news_daily', '路人乙', '本地生活', '热心网友'];

const edits: Record<string, (text: string) => string> = {
  'added comment': (text) => (random() < 0.5 ? `${pick(comments)}！${text}` : `${text} ${pick(comments)}`),
  'repost chain': (text) => `${pick(comments)}//@${pick(userNames)}:${pick(comments)}//@${pick(userNames)}:${text}`,
  'trimmed text': (text) => {
    const cut = Math.max(1, Math.round(text.length * (0.05 + random() * 0.1)));
    return random() < 0.5 ? text.slice(0, text.length - cut) : text.slice(cut);
  },
  'punctuation and width': (text) => text.replace(/，/g, ', ').replace(/。/g, '. ').replace(/！/g, '!!').replace(/[0-9A-Za-z]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0)),
  'link and mention swap': (text) => `${text.replace(/https?:\/\/\S+/g, '')} https://t.cn/${Math.floor(random() * 1e8).toString(36)} @${pick(userNames)}`,
};

function main(): void {
  if (!hasDatasets) {
    console.error('eval:dedupe needs ../shared/datasets next to the repository; none found.');
    process.exit(1);
  }
  // Real posts long enough to be worth de-duplicating, distinct after trimming.
  const posts = [...new Set([...readWeibo2018('train').map((row) => row.text), ...readSmp2020('virus_train').map((row) => row.text)]
    .map((text) => text.trim()).filter((text) => text.length >= 40))];
  const analyzer = createAnalyzer();
  const signature = new Map<string, { simhash: string; bands: string[] }>();
  const signatureOf = (text: string) => {
    let cached = signature.get(text);
    if (!cached) {
      const analysis = analyzer.analyze({ content: text });
      cached = { simhash: analysis.simhash, bands: analysis.simhashBands };
      signature.set(text, cached);
    }
    return cached;
  };

  const rows: (string | number)[][] = [];
  let looseFound = 0;
  let looseFalsePositives = 0;
  let allTruePositives = 0;
  let allFalseNegatives = 0;
  let bandMisses = 0;
  let distanceSum = 0;
  for (const [name, edit] of Object.entries(edits)) {
    let found = 0;
    let distances = 0;
    for (let index = 0; index < postsPerEdit; index += 1) {
      const original = pick(posts);
      const a = signatureOf(original);
      const b = signatureOf(edit(original));
      const distance = hammingDistance(a.simhash, b.simhash);
      distances += distance;
      if (distance <= looseHamming) looseFound += 1;
      if (distance <= maxHamming) {
        found += 1;
        if (!a.bands.some((key) => b.bands.includes(key))) bandMisses += 1;
      }
    }
    allTruePositives += found;
    allFalseNegatives += postsPerEdit - found;
    distanceSum += distances;
    rows.push([name, postsPerEdit, found, percent(found / postsPerEdit), (distances / postsPerEdit).toFixed(1)]);
  }

  let falsePositives = 0;
  let bandCandidates = 0;
  for (let index = 0; index < unrelatedPairs; index += 1) {
    const a = pick(posts);
    const b = pick(posts);
    if (a === b) continue;
    const sa = signatureOf(a);
    const sb = signatureOf(b);
    const distance = hammingDistance(sa.simhash, sb.simhash);
    if (distance <= maxHamming) falsePositives += 1;
    if (distance <= looseHamming) looseFalsePositives += 1;
    if (sa.bands.some((key) => sb.bands.includes(key))) bandCandidates += 1;
  }
  const overall = precisionRecallF1(allTruePositives, falsePositives, allFalseNegatives);
  const nearPairs = allTruePositives + allFalseNegatives;
  const loose = precisionRecallF1(looseFound, looseFalsePositives, nearPairs - looseFound);

  console.log(`\nNear-duplicate detection: SimHash (64-bit, content words) at Hamming ≤ ${maxHamming}; ${posts.length} real posts ≥ 40 chars as sources\n`);
  printTable(['edit', 'pairs', 'found', 'recall', 'mean Hamming'], rows);
  console.log('');
  printTable(['metric', 'value'], [
    ['near-duplicate pairs', allTruePositives + allFalseNegatives],
    ['unrelated pairs', unrelatedPairs],
    ['false positives among unrelated pairs', falsePositives],
    ['precision', percent(overall.precision)],
    ['recall', percent(overall.recall)],
    ['F1', percent(overall.f1)],
    ['mean Hamming of near-duplicates', (distanceSum / (allTruePositives + allFalseNegatives)).toFixed(2)],
    ['pairs within threshold missed by band lookup', bandMisses],
    ['unrelated pairs sharing a band key (lookup candidates)', `${bandCandidates} (${percent(bandCandidates / unrelatedPairs)})`],
  ]);
  console.log(`\nFor comparison, Hamming ≤ ${looseHamming} (needs 8 bands of 8 bits): precision ${percent(loose.precision)}, recall ${percent(loose.recall)}, F1 ${percent(loose.f1)}`);
}

main();
