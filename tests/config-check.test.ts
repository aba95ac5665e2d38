// `yuqing config check` is the start check: every config `start` refuses, the check refuses first, with the same
// field paths, the same message and exit code 2 — and `start` refuses it before anything starts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cssSelector } from '../config/field-types/css-selector.ts';

const cli = new URL('../bin/yuqing.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'yuqing-config-check-'));

function yuqing(args: string[]) {
  const { YUQING_CONFIG: _config, ES_URL: _esUrl, ...env } = process.env;
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 90_000, env: { ...env, YUQING_DATA_DIR: join(dir, 'data') } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function configFile(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

// What the issue found `config check` passing and `start` then rejecting (or never noticing).
const badSources = `
sources:
  - { id: minute-61, name: a, type: rss, startUrls: ['ftp://example.cn/feed.xml'], schedule: '61 * * * *' }
  - { id: feb-31, name: b, type: rss, startUrls: ['javascript:alert(1)'], schedule: '* * 31 2 *' }
  - { id: step-0, name: c, type: rss, startUrls: ['file:///etc/passwd'], schedule: '*/0 * * * *' }
  - id: bad-selector
    name: d
    type: html
    startUrls: [https://news.example.cn/]
    list: { itemSelector: 'div[[[' }
    article: { contentSelector: div.content }
  - id: bad-path
    name: e
    type: json
    startUrls: [https://api.example.cn/posts]
    itemsPath: data..items
    fields: { id: id, content: 'text[*]', url: url }
`;

describe('yuqing config check is the start check', () => {
  it('refuses impossible schedules, non-http(s) URLs, broken selectors and JSON paths with field paths, exit 2 — and start says the same', () => {
    const file = configFile('bad-sources.yaml', badSources);
    const check = yuqing(['--config', file, 'config', 'check']);
    expect(check.status).toBe(2);
    for (const line of [
      /sources\[0\]\.startUrls\[0\]: expected an absolute http\(s\) URL/,
      /sources\[0\]\.schedule: "61 \* \* \* \*" is not a schedule node-cron accepts/,
      /sources\[1\]\.startUrls\[0\]: expected an absolute http\(s\) URL/,
      /sources\[1\]\.schedule: .*impossible day of month/,
      /sources\[2\]\.startUrls\[0\]: expected an absolute http\(s\) URL/,
      /sources\[2\]\.schedule: "\*\/0 \* \* \* \*" is not a schedule/,
      /sources\[3\]\.list\.itemSelector: "div\[\[\[" is not a valid CSS selector/,
      /sources\[4\]\.itemsPath: not a path the json source can read/,
      /sources\[4\]\.fields\.content: not a path the json source can read/,
    ]) expect(check.stderr).toMatch(line);
    const validate = yuqing(['--config', file, 'config', 'validate']);
    expect(validate).toEqual(check);
    const start = yuqing(['--config', file, 'start']);
    expect(start.status).toBe(2);
    expect(start.stderr).toBe(check.stderr);
    expect(start.stdout).toBe('');
  });

  it('refuses an empty file', () => {
    const file = configFile('empty.yaml', '# nothing here yet\n');
    const check = yuqing(['--config', file, 'config', 'check']);
    expect(check.status).toBe(2);
    expect(check.stderr).toMatch(/\(root\): the file is empty/);
    expect(yuqing(['--config', file, 'start'])).toMatchObject({ status: 2, stderr: check.stderr });
  });

  it('builds the rule engine start would build, and knows the rule packs the config names', () => {
    const file = configFile('bad-analysis.yaml', `
demo: { enabled: true }
sources:
  - { id: feed, name: feed, type: rss, startUrls: ['http://127.0.0.1:8790/feed.xml'] }
analysis:
  disabledPacks: [no-such-pack]
  extraPackDirectories: [${join(dir, 'missing-packs')}]
alerts:
  routes: [{ packIds: [public-hea1th], channels: [webhook] }]
delivery:
  webhook: { url: 'http://127.0.0.1:9/hook' }
`);
    const check = yuqing(['--config', file, 'config', 'check']);
    expect(check.status).toBe(2);
    expect(check.stderr).toMatch(/analysis: the rule engine cannot be built: pack folder .*missing-packs does not exist/);
    expect(yuqing(['--config', file, 'start'])).toMatchObject({ status: 2, stderr: check.stderr });

    const packs = configFile('unknown-packs.yaml', `
sources: []
analysis: { disabledPacks: [no-such-pack] }
alerts: { routes: [{ packIds: [public-hea1th], channels: [webhook] }] }
delivery: { webhook: { url: 'http://127.0.0.1:9/hook' } }
`);
    const unknown = yuqing(['--config', packs, 'config', 'check']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/analysis\.disabledPacks\[0\]: unknown rule pack "no-such-pack" \(known: .*public-health/);
    expect(unknown.stderr).toMatch(/alerts\.routes\[0\]\.packIds\[0\]: unknown rule pack "public-hea1th"; this route would never match/);
  });

  it('passes the bundled config and warns when nothing would be crawled', () => {
    expect(yuqing(['config', 'check'])).toMatchObject({ status: 0, stdout: expect.stringMatching(/valid \(3 sources, 3 enabled\)/), stderr: '' });
    const file = configFile('no-sources.yaml', 'sources: []\nreview: { host: 0.0.0.0, trustProxy: true }\n');
    const checked = yuqing(['--config', file, 'config', 'check']);
    expect(checked.status).toBe(0);
    expect(checked.stderr).toMatch(/^warning: review\.trustProxy is true while the app listens on 0\.0\.0\.0/m);
    expect(checked.stderr).toMatch(/^warning: sources: none declared/m);
  });

  it('accepts for browser sources exactly the selectors Chromium can run', async () => {
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      await page.setContent('<div class="card" data-mid="1"><a href="/p/1">x</a><p>热线</p></div>');
      const selectors = ['div.card', 'div.card > a[href^="/p/"]', 'div:has(> a)', ':scope', 'p:not(.ad)', 'li:nth-child(2n+1)', 'div[data-mid]',
        'div[[[', 'p:contains(热线)', 'div:first', 'a:eq(0)', 'p:bogus', 'div,'];
      const chromiumRuns = await page.evaluate((list) => list.map((selector) => {
        try {
          document.querySelector(selector);
          return true;
        } catch {
          return false;
        }
      }), selectors);
      expect(selectors.map((selector) => cssSelector('chromium').safeParse(selector).success)).toEqual(chromiumRuns);
    } finally {
      await browser.close();
    }
  });
});
