// npm run eval:risk — precision/recall/F1 of the organisation-mentions template pack on
// ccf_bdci2019_fin_negative (is the post negative about one of its named entities?).
// One analyzer is built with every row's entity names as organisation names (the product case of
// many names in one automaton); a row is predicted negative when a negative rule of the template
// (negative-mention, risk-near-mention, complaint-near-mention, service-complaint) hits with one of that row's own entities
// among its matched terms. The plain `mention` rule is reported as a recall ceiling.
import { createAnalyzer } from '../rules/analyzer.ts';
import { hasDatasets, readCcfFinancialNegative } from './eval-datasets.ts';
import { percent, precisionRecallF1, printTable } from './eval-metrics.ts';

const negativeRules = ['organisation-mentions/negative-mention', 'organisation-mentions/risk-near-mention', 'organisation-mentions/complaint-near-mention', 'organisation-mentions/service-complaint'];

function main(): void {
  if (!hasDatasets) {
    console.error('eval:risk needs ../shared/datasets next to the repository; none found.');
    process.exit(1);
  }
  const rows = readCcfFinancialNegative();
  const names = [...new Set(rows.flatMap((row) => row.entities))];
  const started = performance.now();
  const analyzer = createAnalyzer({ organisationNames: names });
  const buildMillis = performance.now() - started;

  const counts = new Map<string, { tp: number; fp: number; fn: number; tn: number }>();
  const tally = (key: string, predicted: boolean, gold: boolean): void => {
    const entry = counts.get(key) ?? { tp: 0, fp: 0, fn: 0, tn: 0 };
    if (predicted && gold) entry.tp += 1;
    else if (predicted) entry.fp += 1;
    else if (gold) entry.fn += 1;
    else entry.tn += 1;
    counts.set(key, entry);
  };
  const analyseStarted = performance.now();
  for (const row of rows) {
    const entities = new Set(row.entities.map((name) => name.toLowerCase()));
    const hits = analyzer.analyze({ content: row.text }).risk.hits
      .filter((hit) => hit.packId === 'organisation-mentions' && hit.matches.some((match) => entities.has(match.term)));
    const fired = new Set(hits.map((hit) => hit.ruleId));
    tally('any negative rule (prediction)', negativeRules.some((rule) => fired.has(rule)), row.isNegative);
    for (const rule of [...negativeRules, 'organisation-mentions/mention']) tally(rule.replace('organisation-mentions/', 'only '), fired.has(rule), row.isNegative);
  }
  const analyseMillis = performance.now() - analyseStarted;

  console.log(`\nccf_bdci2019_fin_negative: ${rows.length} rows (${rows.filter((row) => row.isNegative).length} negative), ${names.length} distinct entity names in one automaton (${analyzer.ruleSet.termCount} terms)\n`);
  printTable(['decision', 'TP', 'FP', 'FN', 'TN', 'precision', 'recall', 'F1'], [...counts].map(([name, c]) => {
    const metrics = precisionRecallF1(c.tp, c.fp, c.fn);
    return [name, c.tp, c.fp, c.fn, c.tn, percent(metrics.precision), percent(metrics.recall), percent(metrics.f1)];
  }));
  console.log(`\nbuild ${(buildMillis / 1000).toFixed(1)} s; analyse ${(rows.length / (analyseMillis / 1000)).toFixed(0)} rows/s`);
}

main();
