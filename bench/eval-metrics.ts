// Classification metrics and table printing shared by the eval scripts.

/** Accuracy, macro-F1 and the confusion matrix of predictions against gold labels. */
export interface ClassificationReport {
  rows: number;
  accuracy: number;
  macroF1: number;
  /** confusion[gold][predicted] = count */
  confusion: Record<string, Record<string, number>>;
}

/** Computes accuracy, macro-F1 (over `labels`) and the confusion matrix. */
export function evaluateClassification(gold: readonly string[], predicted: readonly string[], labels: readonly string[]): ClassificationReport {
  const confusion: Record<string, Record<string, number>> = {};
  for (const g of labels) confusion[g] = Object.fromEntries(labels.map((p) => [p, 0]));
  let correct = 0;
  gold.forEach((g, index) => {
    const p = predicted[index] ?? '';
    const row = confusion[g];
    if (row) row[p] = (row[p] ?? 0) + 1;
    if (g === p) correct += 1;
  });
  const f1s = labels.map((label) => {
    const truePositives = confusion[label]?.[label] ?? 0;
    const predictedCount = labels.reduce((sum, g) => sum + (confusion[g]?.[label] ?? 0), 0);
    const goldCount = labels.reduce((sum, p) => sum + (confusion[label]?.[p] ?? 0), 0);
    const precision = predictedCount === 0 ? 0 : truePositives / predictedCount;
    const recall = goldCount === 0 ? 0 : truePositives / goldCount;
    return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  });
  return { rows: gold.length, accuracy: gold.length === 0 ? 0 : correct / gold.length, macroF1: f1s.reduce((a, b) => a + b, 0) / Math.max(1, f1s.length), confusion };
}

/** Precision, recall and F1 of a binary decision. */
export function precisionRecallF1(truePositives: number, falsePositives: number, falseNegatives: number): { precision: number; recall: number; f1: number } {
  const precision = truePositives + falsePositives === 0 ? 0 : truePositives / (truePositives + falsePositives);
  const recall = truePositives + falseNegatives === 0 ? 0 : truePositives / (truePositives + falseNegatives);
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

/** Formats a ratio as a percentage with one decimal (EVAL_DECIMALS=2 for comparing close settings). */
export const percent = (value: number): string => `${(value * 100).toFixed(Number(process.env.EVAL_DECIMALS ?? 1))}%`;

/** Prints a Markdown table (also readable in a terminal and pasteable into READMEs). */
export function printTable(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): void {
  const cells = [headers.map(String), ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => [...(row[column] ?? '')].length)));
  const line = (row: readonly string[]): string => `| ${row.map((cell, column) => cell + ' '.repeat(Math.max(0, (widths[column] ?? 0) - [...cell].length))).join(' | ')} |`;
  console.log(line(cells[0] ?? []));
  console.log(`| ${widths.map((width) => '-'.repeat(Math.max(3, width))).join(' | ')} |`);
  for (const row of cells.slice(1)) console.log(line(row));
}
