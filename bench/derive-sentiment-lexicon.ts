// Derives word weights for rules/sentiment/lexicon/derived.tsv from the allowed tuning splits
// only: weibo2018/train.txt, weibo_senti_100k/dev.tsv (emoticons stripped, since its labels follow
// the emoticons) and smp2020_ewect/virus_train.txt (happy → positive; angry/sad/fear → negative).
//
//   npx tsx bench/derive-sentiment-lexicon.ts                     regenerate derived.tsv
//   npx tsx bench/derive-sentiment-lexicon.ts --cross-validate    5-fold held-out estimate, writes nothing
//   npx tsx bench/derive-sentiment-lexicon.ts --cross-corpus      derive from two corpora, score the third
//
// Method (the numbers are the settings below; rules/README.md "Derived lexicon" explains the choices):
//  1. Segment every post with the production segmenter; count, per corpus and class, the posts
//     that contain each word (document frequency, so one long post cannot dominate).
//  2. Per corpus: log-odds ratio of the word's document rate in positive vs negative posts, with
//     +0.5 smoothing, and its variance 1/(n_pos+0.5) + 1/(n_neg+0.5).
//  3. Pool the corpora where the word occurs in ≥ minDocsPerCorpus posts by inverse-variance
//     weighting; a word seen in several corpora must lean the same way in each (topic words of one
//     corpus that flip elsewhere drop out).
//  4. Keep a word only if it can carry an opinion: in jieba's dictionary with an opinion-bearing
//     part of speech (adjectives, verbs, idioms and set phrases, adverbs, state words, interjections;
//     common nouns only when minCorporaNoun corpora agree — never person, place or organisation
//     names, numbers or times), or a word jieba does not know (new coinages) in ≥ minDocsUnknownWord
//     posts and minCorporaUnknownWord corpora; only Han characters, minWordChars or more; not a stop
//     word, negator, degree adverb or structure marker (rules handle those); not a negator fused to a
//     hand-written word (不差: the negation rule reads it); not on the curated exclusion list below
//     (topic words, narration verbs, people and groups); |z| ≥ minZ (minZSingleCorpus when only one
//     corpus has it) and |log-odds| ≥ minLogOdds.
//  5. weight = clamp(log-odds × weightScale, ±maxWeight), rounded to 0.1 — milder than the
//     hand-written lexicon, which overrides any derived entry. (singleCorpusScale and nounScale
//     scale those groups further; both are 1, kept as knobs because the estimates were flat.)
// Only words and weights are written; no row text reaches the repository.
//
// --cross-validate[=k] splits every tuning corpus into k folds (row index mod k), derives the
// lexicon from k−1 folds, scores the held-out fold with the production scorer and reports held-out
// accuracy per corpus (also with and without evidence); --cross-corpus holds out a whole corpus.
// They are the honest way to choose the settings, since the tuning splits' own figures are
// optimistic once the lexicon has been fitted on them. Any setting can be overridden for
// experiments, e.g. --minZ=2.5 --weightScale=0.7.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dict as jiebaDictionary } from '@node-rs/jieba/dict.js';
import { createJiebaSegmenter } from '../rules/segmentation/jieba-segmenter.ts';
import type { Token } from '../rules/segmentation/segmenter.ts';
import { builtInWordLexiconFiles, loadSentimentLexicon, parseWordLexicon, type SentimentLexicon } from '../rules/sentiment/sentiment-lexicon.ts';
import { scoreSentiment } from '../rules/sentiment/score-sentiment.ts';
import { readSmp2020, readWeibo2018, readWeiboSenti100k, smp2020ToPolarity, stripWeiboEmoticons, type PolarityRow } from './eval-datasets.ts';
import { percent, printTable } from './eval-metrics.ts';

const defaultSettings = {
  minDocsPerCorpus: 3,
  minCorpora: 1,
  minZ: 1,
  minZSingleCorpus: 1.5,
  minLogOdds: 0.2,
  weightScale: 0.6,
  maxWeight: 1.5,
  minDocsUnknownWord: 10,
  minCorporaUnknownWord: 2,
  includeNouns: 1,
  minCorporaNoun: 2,
  minCorporaVerb: 1,
  minWordChars: 2,
  singleCorpusScale: 1,
  nounScale: 1,
};
type DerivationSettings = typeof defaultSettings;

// Parts of speech (jieba tags) that can carry an opinion: adjectives, verbs, idioms and set phrases,
// adverbs, state words, and common nouns (骗子, 垃圾, 福利, 噩梦). Names of people, places and
// organisations (nr, ns, nt, nz), numbers (m) and times (t) never do.
const opinionPartsOfSpeech = new Set(['a', 'ad', 'an', 'ag', 'v', 'vd', 'vi', 'vg', 'i', 'l', 'z', 'zg', 'd', 'e', 'y', 'o']);
const nounPartsOfSpeech = new Set(['n', 'ng', 'vn']);
const verbPartsOfSpeech = new Set(['v', 'vd', 'vi', 'vg']);

// Curated out after reading the candidate list: topic words that co-occur with a label in these
// corpora (epidemic news, celebrities' fandom vocabulary, weather) without expressing an opinion.
const curatedExclusions = new Set([
  '疫情', '病毒', '肺炎', '新冠', '口罩', '确诊', '病例', '感染', '武汉', '医院', '医生', '患者', '隔离', '防控', '防疫', '新型', '冠状病毒',
  '今天', '明天', '昨天', '晚上', '早上', '天气', '下雨', '微博', '手机', '视频', '电影', '音乐', '时间', '工作', '考试', '学校', '老师', '同学',
  '妈妈', '爸爸', '孩子', '女儿', '儿子', '老公', '老婆', '朋友', '大家', '中国', '国家', '人民', '政府', '祖国', '城市', '北京', '上海',
  '我们', '你们', '他们', '自己', '一个', '什么', '怎么', '为什么', '这个', '那个', '还是', '就是', '已经', '还有', '一起', '一定',
  // verbs and adverbs of everyday narration, with no opinion of their own
  '互动', '攻略', '归来', '来到', '度过', '共同', '实现', '创造', '充满', '简单', '获得', '大概', '发现', '是不是', '告诉', '完全',
  '面对', '要求', '想想', '也许', '估计', '正常', '有时候', '解释', '理解', '回去', '认为', '说话', '放在', '公开', '提醒', '离开',
  '直接', '负责', '就算', '打电话', '进去', '出去', '通知', '发生', '看得', '行为', '真相', '甚至', '受到', '发现自己', '必要',
  '睡觉', '上班', '治疗', '导致', '造成',
  // people and groups: who a post is about is not how it feels, and a lexicon that scores 孕妇 or
  // 同性恋 as negative would mark every post about them as negative (and with risk)
  '同性恋', '同性', '异性恋', '已婚', '未婚', '独居', '离婚', '单身', '结婚', '怀孕', '孕妇', '老人', '老年人', '年轻人', '中年人',
  '女人', '男人', '女生', '男生', '女性', '男性', '女孩', '男孩', '女孩子', '男孩子', '小孩', '小孩子', '学生', '病人', '残疾人',
  '百姓', '老百姓', '群众', '人口', '同胞', '民族', '宗教', '农民', '农民工', '穷人', '富人', '外地人', '外国人', '网友', '粉丝',
  '大妈', '大爷', '阿姨', '叔叔', '奶奶', '爷爷', '姥姥', '姥爷', '父母', '爸妈', '我妈', '我爸', '母亲', '父亲', '妻子', '丈夫',
  '亲戚', '邻居', '同事', '领导', '老板', '员工', '男朋友', '女朋友', '对象', '家长', '家人', '兄弟', '姐姐', '弟弟', '妹妹', '哥哥',
]);

type Label = PolarityRow['label'];
interface TokenizedRow { tokens: Token[]; words: Set<string>; isPositive: boolean }
interface TokenizedCorpus { name: string; rows: TokenizedRow[] }
interface WordCounts { positiveDocs: number; negativeDocs: number; counts: Map<string, [number, number]> }
interface Candidate { word: string; logOdds: number; z: number; corpora: number; isNoun: boolean }

function readCorpora(): [string, PolarityRow[]][] {
  return [
    ['weibo2018/train', readWeibo2018('train')],
    ['weibo_senti_100k/dev (stripped)', readWeiboSenti100k('dev').map((row) => ({ ...row, text: stripWeiboEmoticons(row.text) }))],
    ['smp2020/virus_train', smp2020ToPolarity(readSmp2020('virus_train'))],
  ];
}

function partOfSpeechByWord(): Map<string, string> {
  const tags = new Map<string, string>();
  for (const line of new TextDecoder().decode(jiebaDictionary).split('\n')) {
    const [word, , tag] = line.split(' ');
    if (word && tag) tags.set(word, tag.trim());
  }
  return tags;
}

function countWords(rows: readonly TokenizedRow[]): WordCounts {
  const counts = new Map<string, [number, number]>();
  let positiveDocs = 0;
  for (const row of rows) {
    if (row.isPositive) positiveDocs += 1;
    for (const word of row.words) {
      const entry = counts.get(word) ?? [0, 0];
      entry[row.isPositive ? 0 : 1] += 1;
      counts.set(word, entry);
    }
  }
  return { positiveDocs, negativeDocs: rows.length - positiveDocs, counts };
}

/** The statistically supported opinion words of the given corpora (see the method above). */
function deriveCandidates(corpora: readonly WordCounts[], settings: DerivationSettings, isEligible: (word: string, documents: number, corporaSeen: number) => boolean, isNoun: (word: string) => boolean): Candidate[] {
  const candidates: Candidate[] = [];
  const vocabulary = new Set(corpora.flatMap((corpus) => [...corpus.counts.keys()]));
  for (const word of vocabulary) {
    let weightSum = 0;
    let weightedLogOdds = 0;
    let documents = 0;
    let corporaSeen = 0;
    const signs = new Set<number>();
    for (const corpus of corpora) {
      const [positive, negative] = corpus.counts.get(word) ?? [0, 0];
      documents += positive + negative;
      if (positive + negative < settings.minDocsPerCorpus) continue;
      const logOdds = Math.log((positive + 0.5) / (corpus.positiveDocs + 1)) - Math.log((negative + 0.5) / (corpus.negativeDocs + 1));
      const variance = 1 / (positive + 0.5) + 1 / (negative + 0.5);
      weightSum += 1 / variance;
      weightedLogOdds += logOdds / variance;
      signs.add(Math.sign(logOdds));
      corporaSeen += 1;
    }
    if (corporaSeen < settings.minCorpora || signs.size !== 1 || !isEligible(word, documents, corporaSeen)) continue;
    const logOdds = weightedLogOdds / weightSum;
    const z = logOdds * Math.sqrt(weightSum);
    const minZ = corporaSeen === 1 ? settings.minZSingleCorpus : settings.minZ;
    if (Math.abs(z) >= minZ && Math.abs(logOdds) >= settings.minLogOdds) candidates.push({ word, logOdds, z, corpora: corporaSeen, isNoun: isNoun(word) });
  }
  return candidates.sort((a, b) => b.logOdds - a.logOdds);
}

const weightOf = (candidate: Candidate, settings: DerivationSettings): number => {
  const scale = settings.weightScale * (candidate.corpora === 1 ? settings.singleCorpusScale : 1) * (candidate.isNoun ? settings.nounScale : 1);
  return Math.round(Math.max(-settings.maxWeight, Math.min(settings.maxWeight, candidate.logOdds * scale)) * 10) / 10;
};

/** The hand-written word files (everything but derived.tsv), which override derived weights. */
function readHandWrittenWeights(): Map<string, number> {
  const weights = new Map<string, number>();
  for (const name of builtInWordLexiconFiles.filter((file) => file !== 'derived.tsv')) {
    const text = readFileSync(new URL(`../rules/sentiment/lexicon/${name}`, import.meta.url), 'utf8');
    for (const [word, weight] of parseWordLexicon(text, name)) weights.set(word, weight);
  }
  return weights;
}

/** The production lexicon with its derived part replaced by `derived`. */
function withDerivedWeights(base: SentimentLexicon, handWritten: ReadonlyMap<string, number>, derived: ReadonlyMap<string, number>): SentimentLexicon {
  const weightByWord = new Map([...derived, ...handWritten]);
  let longestEntryChars = 0;
  for (const word of weightByWord.keys()) longestEntryChars = Math.max(longestEntryChars, word.length);
  return { ...base, weightByWord, longestEntryChars };
}

function parseSettings(): DerivationSettings {
  const settings = { ...defaultSettings };
  for (const key of Object.keys(settings) as (keyof DerivationSettings)[]) {
    const value = process.argv.find((arg) => arg.startsWith(`--${key}=`))?.split('=')[1];
    if (value !== undefined) settings[key] = Number(value);
  }
  return settings;
}

function main(): void {
  const settings = parseSettings();
  const segmenter = createJiebaSegmenter();
  const lexicon = loadSentimentLexicon();
  const handWritten = readHandWrittenWeights();
  const partOfSpeech = partOfSpeechByWord();
  const isRuleWord = (word: string): boolean => segmenter.isStopWord(word) || lexicon.negators.has(word) || lexicon.degreeByAdverb.has(word) || lexicon.roleByMarker.has(word);
  const isNoun = (word: string): boolean => nounPartsOfSpeech.has(partOfSpeech.get(word) ?? '') || !partOfSpeech.has(word);
  const isEligible = (word: string, documents: number, corporaSeen: number): boolean => {
    if (word.length < settings.minWordChars || !/^\p{Script=Han}+$/u.test(word) || curatedExclusions.has(word) || isRuleWord(word)) return false;
    // 不差, 没用 …: a negator fused to a hand-written word is read by the negation rule, not memorised.
    if (/^[不没无未别非]/u.test(word) && handWritten.has(word.slice(1))) return false;
    const tag = partOfSpeech.get(word);
    if (tag === undefined) return documents >= settings.minDocsUnknownWord && corporaSeen >= settings.minCorporaUnknownWord;
    if (verbPartsOfSpeech.has(tag)) return corporaSeen >= settings.minCorporaVerb;
    return opinionPartsOfSpeech.has(tag) || (settings.includeNouns > 0 && nounPartsOfSpeech.has(tag) && corporaSeen >= settings.minCorporaNoun);
  };

  const corpora: TokenizedCorpus[] = readCorpora().map(([name, rows]) => ({
    name,
    rows: rows.map((row) => {
      const tokens = segmenter.tokenize(row.text);
      const words = new Set(tokens.filter((token) => token.kind === 'word').map((token) => token.text));
      return { tokens, words, isPositive: row.label === ('positive' satisfies Label) };
    }),
  }));

  const crossValidate = process.argv.find((arg) => arg === '--cross-validate' || arg.startsWith('--cross-validate='));
  const crossCorpus = process.argv.includes('--cross-corpus');
  if (crossValidate || crossCorpus) {
    const folds = crossCorpus ? corpora.length : Number(crossValidate?.split('=')[1] ?? 5);
    // In k-fold mode a row is held out in fold (index mod k); in cross-corpus mode a whole corpus is.
    const isHeldOut = (fold: number, corpusIndex: number, index: number): boolean => (crossCorpus ? corpusIndex === fold : index % folds === fold);
    const correct = corpora.map(() => 0);
    const withoutEvidence = corpora.map(() => 0);
    const correctWithoutEvidence = corpora.map(() => 0);
    let lexiconSizes = 0;
    for (let fold = 0; fold < folds; fold += 1) {
      const training = corpora.map((corpus, corpusIndex) => countWords(corpus.rows.filter((_, index) => !isHeldOut(fold, corpusIndex, index))));
      const derived = new Map(deriveCandidates(training, settings, isEligible, isNoun).map((candidate) => [candidate.word, weightOf(candidate, settings)]));
      lexiconSizes += derived.size;
      const foldLexicon = withDerivedWeights(lexicon, handWritten, derived);
      corpora.forEach((corpus, corpusIndex) => {
        corpus.rows.forEach((row, index) => {
          if (!isHeldOut(fold, corpusIndex, index)) return;
          const sentiment = scoreSentiment(row.tokens, foldLexicon);
          const isCorrect = (sentiment.score < 0) !== row.isPositive;
          if (isCorrect) correct[corpusIndex] = (correct[corpusIndex] ?? 0) + 1;
          if (sentiment.evidence.length === 0) {
            withoutEvidence[corpusIndex] = (withoutEvidence[corpusIndex] ?? 0) + 1;
            if (isCorrect) correctWithoutEvidence[corpusIndex] = (correctWithoutEvidence[corpusIndex] ?? 0) + 1;
          }
        });
      });
    }
    const mode = crossCorpus ? 'cross-corpus (derived from the other corpora)' : `${folds}-fold`;
    console.log(`\n${mode} held-out accuracy (derived lexicon ≈ ${Math.round(lexiconSizes / folds)} words per fold; settings ${JSON.stringify(settings)})\n`);
    const rows = corpora.map((corpus, index) => {
      const total = corpus.rows.length;
      const bare = withoutEvidence[index] ?? 0;
      const withEvidenceAccuracy = ((correct[index] ?? 0) - (correctWithoutEvidence[index] ?? 0)) / Math.max(1, total - bare);
      return [corpus.name, total, percent((correct[index] ?? 0) / total), percent(withEvidenceAccuracy), percent(bare / total), percent((correctWithoutEvidence[index] ?? 0) / Math.max(1, bare))];
    });
    const mean = corpora.reduce((sum, corpus, index) => sum + (correct[index] ?? 0) / corpus.rows.length, 0) / corpora.length;
    printTable(['tuning corpus', 'rows', 'held-out accuracy', 'accuracy with evidence', 'no evidence', 'accuracy without evidence'], [...rows, ['mean', '', percent(mean), '', '', '']]);
    return;
  }

  const candidates = deriveCandidates(corpora.map((corpus) => countWords(corpus.rows)), settings, isEligible, isNoun);
  const lines = [
    '# Generated by bench/derive-sentiment-lexicon.ts from the allowed tuning splits (see that script and',
    '# rules/README.md for the method). Format: word<TAB>weight. Do not edit by hand: entries in core.tsv,',
    '# internet.tsv or a user file override these; regenerate after changing the method.',
    ...candidates.map((candidate) => `${candidate.word}\t${weightOf(candidate, settings).toFixed(1)}`),
  ];
  const target = fileURLToPath(new URL('../rules/sentiment/lexicon/derived.tsv', import.meta.url));
  writeFileSync(target, lines.join('\n') + '\n');
  const positives = candidates.filter((candidate) => candidate.logOdds > 0).length;
  console.log(`wrote ${candidates.length} words (${positives} positive, ${candidates.length - positives} negative) to rules/sentiment/lexicon/derived.tsv`);
}

main();
