import * as cheerio from 'cheerio';
import { schedule } from 'node-cron';
import { describe, expect, it } from 'vitest';
import { cronExpression } from './cron-expression.ts';
import { cssSelector } from './css-selector.ts';
import { httpUrl, httpUrlTemplate } from './http-url.ts';
import { compileJsonPath, jsonPath } from './json-path.ts';
import { regexWithGroup } from './regex-pattern.ts';
import { timeZoneName } from './time-zone.ts';

const accepts = (schema: { safeParse(value: unknown): { success: boolean } }, value: unknown) => schema.safeParse(value).success;
const messageOf = (schema: { safeParse(value: unknown): { success: boolean; error?: { issues: { message: string }[] } } }, value: unknown) =>
  schema.safeParse(value).error?.issues.map((issue) => issue.message).join('; ') ?? '';

function schedulerAccepts(expression: string): boolean {
  try {
    const task = schedule(expression, () => undefined);
    void task.destroy();
    return true;
  } catch {
    return false;
  }
}

describe('checked config field types', () => {
  it('accepts exactly the cron expressions the scheduler (node-cron) can schedule', () => {
    const expressions = ['*/15 * * * *', '0 8 * * 1', '0 0 29 2 *', '0 0 31 * *', '*/30 * * * * *', '0 9-18/2 * * 1-5',
      '61 * * * *', '* * 31 2 *', '*/0 * * * *', '* 24 * * *', '0 0 31 4,6 *', '* * * * * * *', '* * * *', 'every minute', ''];
    for (const expression of expressions) expect(accepts(cronExpression(), expression), expression).toBe(schedulerAccepts(expression));
    expect(messageOf(cronExpression(), '* * 31 2 *')).toMatch(/impossible day of month/);
    expect(messageOf(cronExpression(), '61 * * * *')).toMatch(/^"61 \* \* \* \*" is not a schedule node-cron accepts \(61 .*minute\)/);
  });

  it('accepts absolute http(s) URLs only', () => {
    for (const url of ['https://www.example.cn/news/', 'http://127.0.0.1:8790/feed.xml', 'https://例子.中国/路径?q=1']) expect(accepts(httpUrl(), url), url).toBe(true);
    for (const url of ['ftp://example.cn/feed.xml', 'javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', '/news/', 'example.cn/feed', 'http://']) {
      expect(accepts(httpUrl(), url), url).toBe(false);
    }
    expect(accepts(httpUrlTemplate('page'), 'https://bbs.example.cn/forum-2-{page}.html')).toBe(true);
    expect(messageOf(httpUrlTemplate('page'), 'https://bbs.example.cn/forum-2.html')).toMatch(/\{page\} placeholder/);
    expect(accepts(httpUrlTemplate('page'), 'ftp://bbs.example.cn/{page}')).toBe(false);
    expect(accepts(httpUrlTemplate('id', '123'), 'https://m.weibo.cn/status/{id}')).toBe(true);
  });

  it('compiles CSS selectors with cheerio, the engine of the static-page crawlers', () => {
    const $ = cheerio.load('<div class="item"><a href="/x">x</a></div>');
    const cheerioAccepts = (selector: string) => {
      try {
        $.root().find(selector);
        return true;
      } catch {
        return false;
      }
    };
    const selectors = ['div.news-item', 'a.next-page', 'ul > li:nth-child(2n+1) a[href^="/thread"]', ':scope', 'div:has(> a)', 'p:contains(热线)', 'li:first',
      'div[[[', 'a[href=', 'div::', 'p:bogus', '>>>', 'div,'];
    for (const selector of selectors) expect(accepts(cssSelector('cheerio'), selector), selector).toBe(cheerioAccepts(selector));
    expect(messageOf(cssSelector(), 'div[[[')).toMatch(/^"div\[\[\[" is not a valid CSS selector: /);
    expect(accepts(cssSelector(), '')).toBe(false);
  });

  it('refuses cheerio-only pseudo-classes in selectors Chromium will run', () => {
    expect(accepts(cssSelector('chromium'), 'div.weibo-card:not(.ad) > a[data-mid]')).toBe(true);
    expect(messageOf(cssSelector('chromium'), 'p:contains(热线)')).toMatch(/:contains, which Chromium does not understand/);
    expect(messageOf(cssSelector('chromium'), 'div:not(li:first)')).toMatch(/:first/);
    expect(accepts(cssSelector('cheerio'), 'p:contains(热线)')).toBe(true);
  });

  it('compiles JSON paths into the steps the json crawler reads, and refuses what it cannot read', () => {
    expect(compileJsonPath('data.cards[0].mblog.text')).toEqual(['data', 'cards', '0', 'mblog', 'text']);
    expect(compileJsonPath('items.0.id')).toEqual(['items', '0', 'id']);
    expect(compileJsonPath('$.data.items')).toEqual(['data', 'items']);
    expect(compileJsonPath('$[2].标题')).toEqual(['2', '标题']);
    expect(compileJsonPath('$')).toEqual([]);
    expect(compileJsonPath('@graph.0.@id')).toEqual(['@graph', '0', '@id']);
    for (const path of ['data..items', '$..text', 'items[*].id', "data['title']", 'items[?(@.id)]', 'data.', 'a[0', 'a[]', 'a b', '$items', '', 'items.*']) {
      expect(accepts(jsonPath(), path), path).toBe(false);
    }
    expect(messageOf(jsonPath(), 'data..items')).toMatch(/recursive descent.*at character 6 of "data\.\.items"/);
  });

  it('wants a regular expression with a capturing group, and a known time zone', () => {
    expect(accepts(regexWithGroup(), '/news/([a-z0-9]+)\\.html$')).toBe(true);
    expect(messageOf(regexWithGroup(), '\\d+')).toMatch(/no capturing group/);
    expect(messageOf(regexWithGroup(), '(\\d+')).toMatch(/not a valid regular expression/);
    expect(accepts(timeZoneName(), 'Asia/Shanghai')).toBe(true);
    expect(accepts(timeZoneName(), 'UTC')).toBe(true);
    expect(messageOf(timeZoneName(), 'Asia/Shangai')).toMatch(/unknown time zone "Asia\/Shangai"/);
  });
});
