import { describe, expect, it } from 'vitest';
import { redactPii } from './redact-pii.ts';

describe('redacting personal identifiers', () => {
  it('replaces mobile numbers written with or without separators and country code', () => {
    expect(redactPii('电话13912345678，或 139-1234-5678，或 +86 139 1234 5678').text).toBe('电话[手机号]，或 [手机号]，或 [手机号]');
  });

  it('replaces ID-card numbers (18 digits or trailing X) before they can be mistaken for phone numbers', () => {
    const result = redactPii('身份证号11010519491231002X和110105199003071234');
    expect(result.text).toBe('身份证号[身份证号]和[身份证号]');
    expect(result.kinds).toEqual(['idCard']);
  });

  it('replaces e-mail addresses, landlines and Luhn-valid bank cards', () => {
    expect(redactPii('邮箱 li.ming@example.com.cn 座机 0571-87654321 卡号6222021234567890128').text)
      .toBe('邮箱 [邮箱] 座机 [电话] 卡号[银行卡号]');
  });

  it('leaves ordinary numbers alone: dates, amounts, counts, and card-like numbers failing the Luhn check', () => {
    const text = '2026年11月26日，涉案金额4.8万元，阅读12000次，订单号6222021234567890123';
    expect(redactPii(text)).toEqual({ text, count: 0, kinds: [] });
  });
});
