// npm run eval:sentiment — accuracy, macro-F1 and confusion matrices of the rules/ sentiment scorer
// on every labelled set in ../shared/datasets, next to SnowNLP on the same rows.
// Flags: --sets=weibo2018,chnsenticorp (subset by name prefix), --no-baseline (skip SnowNLP),
// --tuning (the tuning splits instead, for development; in-sample for the derived lexicon, so use
// `npx tsx bench/derive-sentiment-lexicon.ts --cross-validate` for held-out figures),
// --summary (the summary table only: no confusion matrices, for measuring after a change without
// looking at how the evaluation sets fail).
// Binary sets are decided by the sign of the score: score < 0 → negative, otherwise positive
// (a post with no negative evidence is not negative). SnowNLP: probability < 0.5 → negative.
import { createJiebaSegmenter } from '../rules/segmentation/jieba-segmenter.ts';
import { loadSentimentLexicon } from '../rules/sentiment/sentiment-lexicon.ts';
import { scoreSentiment } from '../rules/sentiment/score-sentiment.ts';
import {
  hasDatasets, readChnSentiCorpHotel, readOnlineShopping, readSmp2020, readWaimai10k, readWeibo2018, readWeiboSenti100k,
  smp2020ToPolarity, stripWeiboEmoticons, type PolarityRow,
} from './eval-datasets.ts';
import { evaluateClassification, percent, printTable, type ClassificationReport } from './eval-metrics.ts';
import { ensurePythonBaseline, snowNlpPositiveProbabilities } from './eval-python-baseline.ts';

interface EvalSet { name: string; isWeibo: boolean; rows: () => PolarityRow[] }

const evalSets: EvalSet[] = [
  { name: 'weibo2018 test', isWeibo: true, rows: () => readWeibo2018('test') },
  { name: 'weibo_senti_100k test (emoticons kept)', isWeibo: true, rows: () => readWeiboSenti100k('test') },
  { name: 'weibo_senti_100k test (emoticons stripped)', isWeibo: true, rows: () => readWeiboSenti100k('test').map((row) => ({ ...row, text: stripWeiboEmoticons(row.text) })) },
  { name: 'smp2020 usual eval+test', isWeibo: true, rows: () => smp2020ToPolarity([...readSmp2020('usual_eval_labeled'), ...readSmp2020('usual_test_labeled')]) },
  { name: 'smp2020 virus eval+test', isWeibo: true, rows: () => smp2020ToPolarity([...readSmp2020('virus_eval_labeled'), ...readSmp2020('virus_test_labeled')]) },
  { name: 'chnsenticorp_htl', isWeibo: false, rows: readChnSentiCorpHotel },
  { name: 'waimai_10k', isWeibo: false, rows: readWaimai10k },
  { name: 'online_shopping_10_cats', isWeibo: false, rows: readOnlineShopping },
];

// The tuning splits, for development only (--tuning): the derived lexicon was fitted on them, so
// their figures are optimistic and are never reported as results.
const tuningSets: EvalSet[] = [
  { name: 'tuning: weibo2018 train', isWeibo: true, rows: () => readWeibo2018('train') },
  { name: 'tuning: weibo_senti_100k dev (emoticons stripped)', isWeibo: true, rows: () => readWeiboSenti100k('dev').map((row) => ({ ...row, text: stripWeiboEmoticons(row.text) })) },
  { name: 'tuning: smp2020 virus_train', isWeibo: true, rows: () => smp2020ToPolarity(readSmp2020('virus_train')) },
];

const labels = ['negative', 'positive'] as const;
const argument = (name: string): string | undefined => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const withBaseline = !process.argv.includes('--no-baseline');
const withConfusion = !process.argv.includes('--summary');

function printConfusion(title: string, report: ClassificationReport): void {
  console.log(`\n${title}`);
  printTable(['gold \\ predicted', ...labels], labels.map((gold) => [gold, ...labels.map((predicted) => report.confusion[gold]?.[predicted] ?? 0)]));
}

async function main(): Promise<void> {
  if (!hasDatasets) {
    console.error('eval:sentiment needs ../shared/datasets next to the repository; none found.');
    process.exit(1);
  }
  const wanted = argument('sets')?.split(',');
  const sets = (process.argv.includes('--tuning') ? tuningSets : evalSets).filter((set) => !wanted || wanted.some((prefix) => set.name.startsWith(prefix)));
  const segmenter = createJiebaSegmenter();
  const lexicon = loadSentimentLexicon();
  const python = withBaseline ? ensurePythonBaseline() : undefined;
  const summary: (string | number)[][] = [];
  const confusions: [string, ClassificationReport][] = [];
  for (const set of sets) {
    const rows = set.rows();
    const gold = rows.map((row) => row.label);
    let neutral = 0;
    const ours = rows.map((row) => {
      const sentiment = scoreSentiment(segmenter.tokenize(row.text), lexicon);
      if (sentiment.label === 'neutral') neutral += 1;
      return sentiment.score < 0 ? 'negative' : 'positive';
    });
    const oursReport = evaluateClassification(gold, ours, labels);
    confusions.push([`${set.name} — rules/`, oursReport]);
    let baselineCells: string[] = ['—', '—', '—'];
    if (python) {
      const probabilities = await snowNlpPositiveProbabilities(python, rows.map((row) => row.text));
      const baselineReport = evaluateClassification(gold, probabilities.map((p) => (p < 0.5 ? 'negative' : 'positive')), labels);
      confusions.push([`${set.name} — SnowNLP`, baselineReport]);
      const delta = (oursReport.accuracy - baselineReport.accuracy) * 100;
      baselineCells = [percent(baselineReport.accuracy), percent(baselineReport.macroF1), `${delta >= 0 ? '+' : ''}${delta.toFixed(1)}`];
    }
    summary.push([set.name, rows.length, percent(oursReport.accuracy), percent(oursReport.macroF1), ...baselineCells, percent(neutral / rows.length)]);
    console.error(`done: ${set.name}`);
  }
  console.log('\nSentiment polarity (score < 0 → negative) vs SnowNLP (p < 0.5 → negative)\n');
  printTable(['set', 'rows', 'accuracy', 'macro-F1', 'SnowNLP acc', 'SnowNLP F1', 'Δ acc (pts)', 'labelled neutral'], summary);
  if (withConfusion) for (const [title, report] of confusions) printConfusion(title, report);
}

await main();
