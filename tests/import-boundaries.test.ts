import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function boundaryErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'import-x/no-restricted-paths').map((message) => message.message);
}

// npm test lints the whole tree; these cases prove the rule really bites on each line of the import table.
describe('the one-way import table', () => {
  it.each([
    ['rules/engine.ts', "import { Pipeline } from '../pipeline/run-pipeline.ts';"],
    ['config/x.ts', "import { rawPostSchema } from '../crawlers/raw-post.ts';"],
    ['crawlers/x.ts', "import { redactPii } from '../pipeline/redact-pii.ts';"],
    ['pipeline/x.ts', "import { RawSpoolWriter } from '../crawlers/raw-spool-writer.ts';"],
    ['dashboards/x.ts', "import { bulkIndex } from '../pipeline/bulk-index.ts';"],
    ['dashboards/x.ts', "import { createJiebaSegmenter } from '../rules/segmentation/jieba-segmenter.ts';"],
    ['pipeline/x.ts', "import { createLogger } from '../bin/logger.ts';"],
  ])('forbids %s to import %s', async (file, source) => {
    expect(await boundaryErrors(file, source)).toEqual([expect.stringMatching(/import boundary/)]);
  });

  it.each([
    ['pipeline/x.ts', "import { rawPostSchema } from '../crawlers/raw-post.ts';"],
    ['dashboards/x.ts', "import { indexNames } from '../pipeline/post-document.ts';"],
    ['crawlers/x.ts', "import { sourceSchema } from '../config/sources-schema.ts';"],
    ['bin/x.ts', "import { Pipeline } from '../pipeline/run-pipeline.ts';"],
  ])('allows %s to import %s', async (file, source) => {
    expect(await boundaryErrors(file, source)).toEqual([]);
  });
});
