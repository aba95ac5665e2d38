import { describe, expect, it } from 'vitest';
import { highlightText } from './highlight-text.ts';
import { escapeHtml, html, safeLinkUrl } from './html.ts';

describe('highlighting matched terms in crawled text', () => {
  it('marks rule hits by their offsets and escapes everything around them', () => {
    const text = '<b>市民</b>投诉供暖不热，要求退款';
    const start = text.indexOf('投诉');
    expect(highlightText(text, [{ start, end: start + 2, kind: 'hit', term: '投诉', label: '投诉举报渠道' }]).value)
      .toBe('&lt;b&gt;市民&lt;/b&gt;<mark class="hit" title="投诉举报渠道">投诉</mark>供暖不热，要求退款');
  });

  it('cuts overlapping hit and sentiment ranges into pieces that carry both', () => {
    const text = '服务态度极差';
    const out = highlightText(text, [
      { start: 2, end: 6, kind: 'hit', term: '态度极差' },
      { start: 4, end: 6, kind: 'sent-neg', term: '极差' },
    ]).value;
    expect(out).toBe('服务<mark class="hit" title="">态度</mark><mark class="hit" title=""><span class="sent-neg" title="">极差</span></mark>');
  });

  it('repairs stale offsets from the term and drops ranges it cannot place', () => {
    const text = '小区供暖温度偏低';
    expect(highlightText(text, [{ start: 0, end: 2, kind: 'hit', term: '供暖' }]).value).toBe('小区<mark class="hit" title="">供暖</mark>温度偏低');
    expect(highlightText(text, [{ start: 50, end: 60, kind: 'hit', term: '不存在' }, { start: -1, end: 2, kind: 'hit' }]).value).toBe(text);
  });

  it('escapes quotes in tooltips taken from stored data', () => {
    expect(highlightText('ab', [{ start: 0, end: 1, kind: 'hit', label: '" onmouseover="alert(1)' }]).value)
      .toBe('<mark class="hit" title="&quot; onmouseover=&quot;alert(1)">a</mark>b');
  });
});

describe('escaping', () => {
  it('escapes every interpolated value and keeps nested safe fragments', () => {
    const inner = html`<i>${'<script>'}</i>`;
    expect(html`<p title="${'"x\' `'}">${inner}${['<a>', 1, null, undefined, false]}</p>`.value)
      .toBe('<p title="&quot;x&#39; &#96;"><i>&lt;script&gt;</i>&lt;a&gt;1</p>');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });

  it('links only absolute http(s) URLs', () => {
    expect(safeLinkUrl('https://news.example.cn/a?b=1')).toBe('https://news.example.cn/a?b=1');
    expect(safeLinkUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeLinkUrl(' JaVaScRiPt:alert(1)')).toBeUndefined();
    expect(safeLinkUrl('data:text/html,<script>alert(1)</script>')).toBeUndefined();
    expect(safeLinkUrl('/relative')).toBeUndefined();
    expect(safeLinkUrl(undefined)).toBeUndefined();
  });
});
