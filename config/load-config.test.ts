import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from './load-config.ts';

function problemsOf(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('accepts the bundled default config', () => {
    const config = loadConfig(undefined, {});
    expect(config.demo.enabled).toBe(true);
    expect(config.sources.length).toBeGreaterThan(0);
  });

  it('lists every invalid field with its path and the expected form', () => {
    const problems = problemsOf(() => parseConfig({
      elasticsearch: { url: 'localhost:9200', shards: 0 },
      sources: [{ id: 'Bad Id', type: 'rss', name: 'x', startUrls: ['feed.xml'] }, { id: 'ok', type: 'nope' }],
    }, 'test.yaml', {}));
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^elasticsearch\.url: expected an http\(s\) URL/),
      expect.stringMatching(/^elasticsearch\.shards: .*>=1/),
      expect.stringMatching(/^sources\[0\]\.id: expected a lowercase id/),
      expect.stringMatching(/^sources\[0\]\.startUrls\[0\]: expected an absolute http\(s\) URL/),
      expect.stringMatching(/^sources\[1\]\.type: /),
    ]));
  });

  it('rejects unknown fields instead of ignoring a typo', () => {
    expect(problemsOf(() => parseConfig({ storage: { retentionDay: 30 } }, 't', {})).join('\n')).toMatch(/storage.*retentionDay/);
  });

  it('rejects duplicate source ids', () => {
    const source = { id: 'dup', name: 'x', type: 'rss', startUrls: ['https://example.com/feed.xml'] };
    expect(problemsOf(() => parseConfig({ sources: [source, source] }, 't', {}))).toEqual([expect.stringMatching(/^sources\[1\]\.id: duplicate source id "dup"/)]);
  });

  it('takes values from bound environment variables and names the variable when one is wrong', () => {
    expect(parseConfig({}, 't', { ES_URL: 'http://es.internal:9200', YUQING_LOG_LEVEL: 'debug' })).toMatchObject({
      logLevel: 'debug', elasticsearch: { url: 'http://es.internal:9200' },
    });
    expect(problemsOf(() => parseConfig({}, 't', { ES_URL: 'not a url' }))).toEqual([expect.stringMatching(/^elasticsearch\.url \(from ES_URL\): expected an http\(s\) URL/)]);
  });

  it('explains an unreadable or unparsable file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yuqing-config-'));
    writeFileSync(join(dir, 'broken.yaml'), 'sources: [unclosed\n');
    expect(problemsOf(() => loadConfig(join(dir, 'broken.yaml'), {}))[0]).toMatch(/not valid YAML/);
    expect(problemsOf(() => loadConfig(join(dir, 'missing.yaml'), {}))[0]).toMatch(/cannot read the file/);
  });
});
