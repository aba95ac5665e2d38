// Derives candidate word weights for rules/sentiment/lexicon/derived.tsv from the allowed tuning
// splits only: weibo2018/train.txt, weibo_senti_100k/dev.tsv (emoticons stripped, since its labels
// follow the emoticons) and smp2020_ewect/virus_train.txt (happy → positive; angry/sad/fear → negative).
//
// Method (reproducible: `npx tsx bench/derive-sentiment-lexicon.ts`):
//  1. Segment every post with the production segmenter; count, per corpus and class, the posts
//     that contain each word (document frequency, so one long post cannot dominate).
//  2. Per corpus: log-odds ratio of the word's document rate in positive vs negative posts, with
//     +0.5 smoothing, and its variance 1/(n_pos+0.5) + 1/(n_neg+0.5).
//  3. Pool corpora where the word occurs in ≥ minDocsPerCorpus posts by inverse-variance weighting.
//  4. Keep a word only if it is a general opinion word: in jieba's dictionary tagged as an adjective,
//     verb, idiom/set phrase, adverb or state word (no nouns, names, places, numbers); two or more characters; not a stop word,
//     negator, degree adverb or structure marker (rules handle those); present in ≥ 2 corpora with
//     the same sign in each (topic words of one corpus drop out); |z| ≥ minZ; |log-odds| ≥ minLogOdds;
//     and not on the curated exclusion list below (topic words that correlate with labels by accident).
//  5. weight = clamp(log-odds × weightScale, ±maxWeight), rounded to 0.1 — milder than the
//     hand-written core lexicon, which overrides any derived entry.
// Only words and weights are written; no row text reaches the repository.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dict as jiebaDictionary } from '@node-rs/jieba/dict.js';
import { createJiebaSegmenter } from '../rules/segmentation/jieba-segmenter.ts';
import { loadSentimentLexicon } from '../rules/sentiment/sentiment-lexicon.ts';
import { readSmp2020, readWeibo2018, readWeiboSenti100k, smp2020ToPolarity, stripWeiboEmoticons, type PolarityRow } from './eval-datasets.ts';

const minDocsPerCorpus = 8;
const minCorpora = 2;
const minZ = 3;
const minLogOdds = 0.5;
const weightScale = 0.6;
const maxWeight = 1.5;

// Parts of speech (jieba tags) that can carry an opinion: adjectives, verbs, idioms and set phrases,
// adverbs and state words. Nouns are left to the hand-written lexicon: statistically they are
// mostly topics (樱花, 地铁, 医院) that happen to co-occur with a label in these corpora.
const opinionPartsOfSpeech = new Set(['a', 'ad', 'an', 'ag', 'v', 'vd', 'vi', 'vg', 'i', 'l', 'z', 'd']);

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
]);

type Label = PolarityRow['label'];

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

interface CorpusCounts { positiveDocs: number; negativeDocs: number; counts: Map<string, [number, number]> }

function main(): void {
  const segmenter = createJiebaSegmenter();
  const lexicon = loadSentimentLexicon();
  const partOfSpeech = partOfSpeechByWord();
  const isRuleWord = (word: string): boolean => segmenter.isStopWord(word) || lexicon.negators.has(word) || lexicon.degreeByAdverb.has(word) || lexicon.roleByMarker.has(word);

  const corpora: CorpusCounts[] = readCorpora().map(([name, rows]) => {
    const counts = new Map<string, [number, number]>();
    let positiveDocs = 0;
    for (const row of rows) {
      const isPositive = row.label === ('positive' satisfies Label);
      if (isPositive) positiveDocs += 1;
      const words = new Set(segmenter.tokenize(row.text).filter((token) => token.kind === 'word' && token.text.length >= 2).map((token) => token.text));
      for (const word of words) {
        const entry = counts.get(word) ?? [0, 0];
        entry[isPositive ? 0 : 1] += 1;
        counts.set(word, entry);
      }
    }
    console.error(`${name}: ${rows.length} posts, ${counts.size} distinct words`);
    return { positiveDocs, negativeDocs: rows.length - positiveDocs, counts };
  });

  const candidates: { word: string; logOdds: number; z: number; corpora: number }[] = [];
  const vocabulary = new Set(corpora.flatMap((corpus) => [...corpus.counts.keys()]));
  for (const word of vocabulary) {
    const tag = partOfSpeech.get(word);
    if (tag === undefined || !opinionPartsOfSpeech.has(tag) || curatedExclusions.has(word) || isRuleWord(word) || !/^\p{Script=Han}+$/u.test(word)) continue;
    let weightSum = 0;
    let weightedLogOdds = 0;
    const signs = new Set<number>();
    for (const corpus of corpora) {
      const [positive, negative] = corpus.counts.get(word) ?? [0, 0];
      if (positive + negative < minDocsPerCorpus) continue;
      const logOdds = Math.log((positive + 0.5) / (corpus.positiveDocs + 1)) - Math.log((negative + 0.5) / (corpus.negativeDocs + 1));
      const variance = 1 / (positive + 0.5) + 1 / (negative + 0.5);
      weightSum += 1 / variance;
      weightedLogOdds += logOdds / variance;
      signs.add(Math.sign(logOdds));
    }
    const corporaSeen = signs.size === 0 ? 0 : corpora.filter((corpus) => { const [p, n] = corpus.counts.get(word) ?? [0, 0]; return p + n >= minDocsPerCorpus; }).length;
    if (corporaSeen < minCorpora || signs.size !== 1) continue;
    const logOdds = weightedLogOdds / weightSum;
    const z = logOdds * Math.sqrt(weightSum);
    if (Math.abs(z) >= minZ && Math.abs(logOdds) >= minLogOdds) candidates.push({ word, logOdds, z, corpora: corporaSeen });
  }
  candidates.sort((a, b) => b.logOdds - a.logOdds);

  const lines = [
    '# Generated by bench/derive-sentiment-lexicon.ts from the allowed tuning splits (see that script and',
    '# rules/README.md for the method). Format: word<TAB>weight. Do not edit by hand: entries in core.tsv,',
    '# internet.tsv or a user file override these; regenerate after changing the method.',
    ...candidates.map(({ word, logOdds }) => `${word}\t${(Math.round(Math.max(-maxWeight, Math.min(maxWeight, logOdds * weightScale)) * 10) / 10).toFixed(1)}`),
  ];
  const target = fileURLToPath(new URL('../rules/sentiment/lexicon/derived.tsv', import.meta.url));
  writeFileSync(target, lines.join('\n') + '\n');
  const positives = candidates.filter((candidate) => candidate.logOdds > 0).length;
  console.log(`wrote ${candidates.length} words (${positives} positive, ${candidates.length - positives} negative) to rules/sentiment/lexicon/derived.tsv`);
}

main();
