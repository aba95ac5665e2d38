import type { Messages } from '../i18n/messages-zh-cn.ts';
import { isUiLanguage } from '../i18n/ui-language.ts';
import { html, type SafeHtml } from './html.ts';
import { renderBarePage } from './page-layout.ts';

/** A plain error page (403, 404, 500) with a way back to the queue. */
export function renderErrorPage(t: Messages, status: number, message: string): SafeHtml {
  const language = isUiLanguage(t.lang) ? t.lang : 'zh-CN';
  return renderBarePage(language, `${status} · ${t.appName}`, html`<div class="error-card">
    <span class="brand-mark">舆</span>
    <h1>${status}</h1>
    <p>${message}</p>
    <p><a class="button" href="/queue">${t.nav.queue}</a></p>
  </div>`);
}
