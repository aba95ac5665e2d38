// Readers for the labelled data sets in ../shared/datasets (see its README for provenance and
// formats). Shared by the eval and bench scripts; rows are read at run time, never copied.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Root of the shared data sets, relative to the repository (`../shared/datasets`). */
export const datasetsRoot = fileURLToPath(new URL('../../shared/datasets/', import.meta.url));

/** True when the shared data sets are present (a fresh clone has none). */
export const hasDatasets = existsSync(datasetsRoot);

/** A text with a binary polarity label. */
export interface PolarityRow {
  text: string;
  label: 'positive' | 'negative';
}

/** SMP2020-EWECT emotion labels. */
export type EmotionLabel = 'happy' | 'angry' | 'sad' | 'fear' | 'surprise' | 'neutral';

function readDatasetFile(relativePath: string): string {
  return readFileSync(datasetsRoot + relativePath, 'utf8').replace(/^\uFEFF/, '');
}

/** RFC 4180 records (quoted fields, doubled quotes, embedded separators and newlines). */
export function parseDelimited(text: string, separator: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (inQuotes) {
      if (char === '"' && text[index + 1] === '"') { field += '"'; index += 1; }
      else if (char === '"') inQuotes = false;
      else field += char;
    } else if (char === '"' && field === '') inQuotes = true;
    else if (char === separator) { fields.push(field); field = ''; }
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      fields.push(field);
      records.push(fields);
      fields = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || fields.length > 0) { fields.push(field); records.push(fields); }
  return records.filter((record) => record.length > 1 || record[0] !== '');
}

const polarity = (value: string | undefined): PolarityRow['label'] => (value?.trim() === '1' ? 'positive' : 'negative');

/** weibo2018 `train` or `test`: `mid,label,text`, split on the first two commas only. */
export function readWeibo2018(split: 'train' | 'test'): PolarityRow[] {
  return readDatasetFile(`weibo2018/${split}.txt`).split('\n').filter((line) => line.trim() !== '').map((line) => {
    const first = line.indexOf(',');
    const second = line.indexOf(',', first + 1);
    return { label: polarity(line.slice(first + 1, second)), text: line.slice(second + 1).trim() };
  });
}

/** weibo_senti_100k `dev` or `test` (TSV, `label<TAB>review`, no header). */
export function readWeiboSenti100k(split: 'dev' | 'test'): PolarityRow[] {
  return parseDelimited(readDatasetFile(`weibo_senti_100k/${split}.tsv`), '\t').map((record) => ({ label: polarity(record[0]), text: record[1] ?? '' }));
}

/** A CSV with a header, returned as objects keyed by column name. */
function readCsvObjects(relativePath: string): Record<string, string>[] {
  const [header, ...records] = parseDelimited(readDatasetFile(relativePath), ',');
  return records.map((record) => Object.fromEntries((header ?? []).map((name, index) => [name, record[index] ?? ''])));
}

/** ChnSentiCorp hotel reviews (empty reviews dropped). */
export function readChnSentiCorpHotel(): PolarityRow[] {
  return readCsvObjects('chnsenticorp_htl/ChnSentiCorp_htl_all.csv').map((row) => ({ label: polarity(row.label), text: (row.review ?? '').trim() })).filter((row) => row.text !== '');
}

/** waimai_10k food-delivery reviews. */
export function readWaimai10k(): PolarityRow[] {
  return readCsvObjects('waimai_10k/waimai_10k.csv').map((row) => ({ label: polarity(row.label), text: (row.review ?? '').trim() })).filter((row) => row.text !== '');
}

/** online_shopping_10_cats reviews (stray BOMs removed, empty reviews dropped). */
export function readOnlineShopping(): PolarityRow[] {
  return readCsvObjects('online_shopping_10_cats/online_shopping_10_cats.csv')
    .map((row) => ({ label: polarity(row.label), text: (row.review ?? '').replace(/\uFEFF/g, '').trim() }))
    .filter((row) => row.text !== '');
}

/** One SMP2020-EWECT file (`usual_eval_labeled`, `virus_train`, …). */
export function readSmp2020(file: string): { text: string; emotion: EmotionLabel }[] {
  const rows = JSON.parse(readDatasetFile(`smp2020_ewect/${file}.txt`)) as { content: string; label: EmotionLabel }[];
  return rows.map((row) => ({ text: row.content, emotion: row.label }));
}

/**
 * SMP2020 emotions mapped to polarity: happy → positive; angry, sad, fear → negative;
 * neutral and surprise are dropped (surprise is positive or negative depending on context).
 */
export function smp2020ToPolarity(rows: { text: string; emotion: EmotionLabel }[]): PolarityRow[] {
  const mapped: PolarityRow[] = [];
  for (const row of rows) {
    if (row.emotion === 'happy') mapped.push({ text: row.text, label: 'positive' });
    else if (row.emotion === 'angry' || row.emotion === 'sad' || row.emotion === 'fear') mapped.push({ text: row.text, label: 'negative' });
  }
  return mapped;
}

/** A CCF BDCI 2019 financial row: text, candidate entities, and whether it is negative about a key entity. */
export interface FinancialNegativeRow {
  id: string;
  text: string;
  entities: string[];
  isNegative: boolean;
  keyEntities: string[];
}

/** ccf_bdci2019_fin_negative/Clean_Train_Data.csv. */
export function readCcfFinancialNegative(): FinancialNegativeRow[] {
  const split = (value: string | undefined): string[] => (value ?? '').split(';').map((name) => name.trim()).filter((name) => name !== '');
  return readCsvObjects('ccf_bdci2019_fin_negative/Clean_Train_Data.csv').map((row) => ({
    id: row.id ?? '',
    text: row.text ?? '',
    entities: split(row.entity),
    isNegative: row.negative?.trim() === '1',
    keyEntities: split(row.key_entity),
  }));
}

/** Weibo emoticons such as `[泪]`, removed for the "stripped" evaluation of weibo_senti_100k. */
export function stripWeiboEmoticons(text: string): string {
  return text.replace(/\[[\p{Script=Han}A-Za-z0-9]{1,8}\]/gu, '').trim();
}
