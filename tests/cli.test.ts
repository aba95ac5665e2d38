import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = new URL('../bin/yuqing.mjs', import.meta.url).pathname;

function yuqing(args: string[], env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'yuqing-cli-'));
  const result = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8', timeout: 60_000, env: { ...process.env, YUQING_DATA_DIR: dataDir, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the yuqing command line', () => {
  it('refuses a bad config before starting anything, naming every field at fault, with exit code 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yuqing-cli-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'elasticsearch:\n  shards: 0\nsources:\n  - id: Bad Id\n    type: rss\n    startUrls: [feed.xml]\n');
    const result = yuqing(['--config', file, 'start']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`Invalid configuration in ${file}`);
    expect(result.stderr).toMatch(/elasticsearch\.shards: /);
    expect(result.stderr).toMatch(/sources\[0\]\.id: expected a lowercase id/);
    expect(result.stderr).toMatch(/sources\[0\]\.name: /);
    expect(result.stderr).toMatch(/sources\[0\]\.startUrls\[0\]: expected an absolute http\(s\) URL/);
    expect(result.stderr).toContain('Nothing was started');
    expect(result.stderr).not.toMatch(/starting Elasticsearch|demo site/);
  });

  it('says which Elasticsearch URL failed and why, and exits non-zero', () => {
    const result = yuqing(['pipeline'], { ES_URL: 'http://127.0.0.1:9', YUQING_LOG_LEVEL: 'error' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Elasticsearch at http:\/\/127\.0\.0\.1:9 is not usable: cannot connect/);
  });

  it('names the environment variable when a value from it is invalid', () => {
    const result = yuqing(['config', 'check'], { ES_URL: 'localhost:9200' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/elasticsearch\.url \(from ES_URL\): expected an http\(s\) URL/);
  });

  it('accepts the bundled config and documents every command', () => {
    expect(yuqing(['config', 'check'])).toMatchObject({ status: 0, stdout: expect.stringMatching(/valid \(\d+ sources/) });
    const help = yuqing(['--help']).stdout;
    for (const command of ['start', 'crawl', 'pipeline', 'sources', 'analyze', 'retention', 'es', 'config']) expect(help).toMatch(new RegExp(`\\n  ${command}\\b`));
    expect(yuqing(['es', '--help']).stdout).toMatch(/install[\s\S]*up[\s\S]*down[\s\S]*status/);
  });
});
