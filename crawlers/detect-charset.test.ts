import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetFromContentType, decodeBody, normalizeCharset, sniffDocumentCharset } from './detect-charset.ts';
import { detectLanguage, isTraditionalTag } from './detect-language.ts';

const gbkPage = (label: string) => iconv.encode(`<html><head><meta charset="${label}"><title>市民热线</title></head><body>供暖温度偏低，请尽快处理。</body></html>`, 'gbk');

describe('charset detection', () => {
  it('reads the charset from a Content-Type header', () => {
    expect(charsetFromContentType('text/html; charset=GB2312')).toBe('GB2312');
    expect(charsetFromContentType('text/html')).toBeUndefined();
  });

  it('sniffs <meta charset>, <meta http-equiv> and the XML declaration', () => {
    expect(sniffDocumentCharset(gbkPage('gbk'))).toBe('gbk');
    expect(sniffDocumentCharset(Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=big5">'))).toBe('big5');
    expect(sniffDocumentCharset(Buffer.from('<?xml version="1.0" encoding="GB18030"?><rss/>'))).toBe('GB18030');
  });

  it('decodes gb2312-labelled pages as GB18030, which has every character GBK has', () => {
    expect(normalizeCharset('gb2312')).toBe('gb18030');
    const body = iconv.encode('<meta charset="gb2312"><p>镕</p>', 'gbk');
    expect(decodeBody(body, undefined).text).toContain('镕');
  });

  it('prefers a forced charset, then the header, then the document', () => {
    const big5 = iconv.encode('<meta charset="utf-8"><p>臺灣</p>', 'big5');
    expect(decodeBody(big5, undefined, 'big5').text).toContain('臺灣');
    expect(decodeBody(big5, 'big5').text).toContain('臺灣');
    expect(decodeBody(gbkPage('gbk'), undefined).text).toContain('供暖温度偏低');
  });
});

describe('language tag', () => {
  it('keeps what the page declares', () => {
    expect(detectLanguage('任何文字', 'zh-TW')).toBe('zh-TW');
  });

  it('tags traditional-script text zh-Hant when nothing is declared', () => {
    expect(detectLanguage('市議會今天審查預算，議員關心捷運與學校經費的分配問題。', undefined)).toBe('zh-Hant');
    expect(detectLanguage('市人大今天审查预算，代表关心地铁与学校经费的分配问题。', undefined)).toBeUndefined();
  });

  it('tags Big5 pages zh-TW', () => {
    expect(detectLanguage('短', undefined, 'big5')).toBe('zh-TW');
    expect(isTraditionalTag('zh-HK')).toBe(true);
    expect(isTraditionalTag('zh-CN')).toBe(false);
  });
});
