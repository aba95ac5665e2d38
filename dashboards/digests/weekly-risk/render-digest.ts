import type { DigestConfig, DigestFormat } from '../../../config/digest-schema.ts';
import { printPdf } from '../print-pdf.ts';
import type { DigestData } from './digest-data.ts';
import { renderDigestMarkdown } from './render-markdown.ts';
import { renderDigestHtml } from './template.ts';

/** The digest in the requested formats (PDF printed from the HTML by Chromium). */
export async function renderDigest(data: DigestData, settings: Pick<DigestConfig, 'chromiumPath' | 'pdfTimeoutSeconds'>, formats: readonly DigestFormat[]): Promise<Partial<Record<DigestFormat, string | Buffer>>> {
  const html = renderDigestHtml(data);
  const out: Partial<Record<DigestFormat, string | Buffer>> = {};
  if (formats.includes('html')) out.html = html;
  if (formats.includes('markdown')) out.markdown = renderDigestMarkdown(data);
  if (formats.includes('pdf')) {
    out.pdf = await printPdf(html, { chromiumPath: settings.chromiumPath, timeoutSeconds: settings.pdfTimeoutSeconds, footerText: `${data.title} · ${data.period.name}` });
  }
  return out;
}
