import { z } from 'zod';

const webProtocols = /^https?$/;

/** An absolute http(s) URL: `ftp:`, `file:`, `javascript:`, `data:` and relative URLs are refused. */
export function httpUrl(message = 'expected an absolute http(s) URL') {
  return z.url({ protocol: webProtocols, error: message });
}

/**
 * A URL with a `{name}` placeholder (e.g. `https://bbs.example.cn/forum-2-{page}.html`) that is an absolute
 * http(s) URL once the placeholder is filled.
 */
export function httpUrlTemplate(placeholder: string, sample = '1') {
  const token = `{${placeholder}}`;
  return z.string().superRefine((template, ctx) => {
    if (!template.includes(token)) {
      ctx.addIssue({ code: 'custom', message: `expected a URL with a ${token} placeholder` });
      return;
    }
    if (!httpUrl().safeParse(template.replaceAll(token, sample)).success) {
      ctx.addIssue({ code: 'custom', message: `expected an absolute http(s) URL with a ${token} placeholder, e.g. https://example.cn/list-${token}.html` });
    }
  });
}
