import type { Messages } from '../../i18n/messages-zh-cn.ts';
import type { UiLanguage } from '../../i18n/ui-language.ts';
import { html, type SafeHtml } from '../../view/html.ts';
import { renderBarePage } from '../../view/page-layout.ts';

/** The sign-in page. `next` is where to go afterwards (already checked to be a local path). */
export function renderLoginPage(t: Messages, language: UiLanguage, options: { next: string; notice?: 'expired' | 'signedOut' | undefined }): SafeHtml {
  const other = t.common.languageCode;
  const notice = options.notice === 'expired' ? t.login.expired : options.notice === 'signedOut' ? t.login.signedOut : undefined;
  return renderBarePage(language, `${t.login.title} · ${t.appName}`, html`
<div class="login-card">
  <span class="brand-mark">舆</span>
  <h1>${t.appName}</h1>
  <p class="muted small">${t.appTagline}</p>
  <form data-action="/api/session" data-redirect="${options.next}" autocomplete="on">
    <input type="hidden" name="next" value="${options.next}">
    <div class="field"><label for="username">${t.login.username}</label><input id="username" name="username" autocomplete="username" required autofocus></div>
    <div class="field"><label for="password">${t.login.password}</label><input id="password" name="password" type="password" autocomplete="current-password" required></div>
    <button class="button button-primary" type="submit">${t.login.submit}</button>
  </form>
  <div class="flash login-flash${notice ? ' flash-ok' : ''}" role="status" aria-live="polite"${notice ? '' : html` hidden`}>${notice ? html`<p>${notice}</p>` : ''}</div>
  <div class="login-foot"><span>${t.login.hint}</span><a href="/login?lang=${other}" lang="${other}">${t.common.language}</a></div>
</div>`);
}
