import { chromium } from 'playwright-core';
import { escapeHtml } from '../alerts/channels/escape-html.ts';

/** Flags for a headless print job with nothing to fetch: no sandbox as root, no GPU, no background traffic. */
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/**
 * Prints a self-contained HTML page to an A4 PDF with Chromium, page numbers in the footer. Every request the
 * page would make is refused, so a report can never fetch anything, whatever crawled text it holds.
 */
export async function printPdf(html: string, options: { chromiumPath: string; timeoutSeconds: number; footerText: string }): Promise<Buffer> {
  // Playwright's own signal handlers would exit(130) on Ctrl-C, before `yuqing start` stops cleanly.
  const browser = await chromium.launch({ executablePath: options.chromiumPath, args: chromiumArgs, timeout: options.timeoutSeconds * 1000, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    page.setDefaultTimeout(options.timeoutSeconds * 1000);
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    const footer = `<div style="width:100%;font-size:8px;color:#667085;padding:0 12mm;display:flex;justify-content:space-between;font-family:'Noto Sans CJK SC',sans-serif">`
      + `<span>${escapeHtml(options.footerText)}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`;
    return await page.pdf({
      format: 'A4', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: footer,
      margin: { top: '14mm', bottom: '16mm', left: '12mm', right: '12mm' },
    });
  } finally {
    await browser.close();
  }
}
