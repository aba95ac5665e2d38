import type { ReviewConfig, ReviewRole } from '../../../config/review-schema.ts';
import type { PublicUser } from '../auth/review-user.ts';
import type { Messages } from '../i18n/messages-zh-cn.ts';
import type { UiLanguage } from '../i18n/ui-language.ts';
import { html, type HtmlValue, type SafeHtml } from './html.ts';

/** What every signed-in page knows about the request. */
export interface PageContext {
  t: Messages;
  language: UiLanguage;
  user: PublicUser;
  csrfToken: string;
  review: ReviewConfig;
  timeZone: string;
  /** Path and query of the current page (for links back). */
  path: string;
}

/** The screens in the top navigation and who sees them (the server checks again on every route). */
const navigation: { key: keyof Messages['nav']; href: string; roles: readonly ReviewRole[] }[] = [
  { key: 'queue', href: '/queue', roles: ['commentator', 'reviewer', 'analyst', 'admin'] },
  { key: 'rules', href: '/rules', roles: ['analyst', 'admin'] },
  { key: 'sources', href: '/sources', roles: ['commentator', 'reviewer', 'analyst', 'admin'] },
  { key: 'audit', href: '/audit', roles: ['admin'] },
  { key: 'users', href: '/users', roles: ['admin'] },
  { key: 'apiDocs', href: '/api/docs', roles: ['commentator', 'reviewer', 'analyst', 'admin'] },
];

function documentShell(language: UiLanguage, title: string, csrfToken: string | undefined, body: HtmlValue, bodyClass = ''): SafeHtml {
  return html`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${csrfToken ? html`<meta name="csrf-token" content="${csrfToken}">` : ''}
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/review-app.css">
<script type="module" src="/assets/review-app.js"></script>
</head>
<body class="${bodyClass}">
${body}
</body>
</html>`;
}

/** A signed-in page: top bar with navigation, user, language switch and sign-out, then the screen. */
export function renderPage(context: PageContext, options: { title: string; active: keyof Messages['nav'] | undefined; body: HtmlValue }): SafeHtml {
  const { t, user } = context;
  const other = t.common.languageCode as UiLanguage;
  const links = navigation.filter((item) => item.roles.includes(user.role)).map((item) => html`
    <a class="nav-link${item.key === options.active ? ' is-active' : ''}" href="${item.href}">${t.nav[item.key]}</a>`);
  const bar = html`
<header class="top-bar">
  <a class="brand" href="/queue"><span class="brand-mark">舆</span><span class="brand-name">${t.appName}</span></a>
  <nav class="nav">${links}</nav>
  <div class="top-bar-user">
    <form class="inline" data-action="/api/account/language" data-reload="true">
      <input type="hidden" name="language" value="${other}">
      <button type="submit" class="link-button" lang="${other}">${t.common.language}</button>
    </form>
    <a class="user-chip" href="/account" title="${t.nav.account}">${user.displayName}<span class="role-tag role-${user.role}">${t.roles[user.role] ?? user.role}</span></a>
    <form class="inline" data-action="/api/session" data-method="DELETE" data-redirect="/login?signedOut=1">
      <button type="submit" class="link-button">${t.nav.signOut}</button>
    </form>
  </div>
</header>
<div class="flash" id="flash" role="status" aria-live="polite" hidden></div>
<main class="page">${options.body}</main>`;
  return documentShell(context.language, `${options.title} · ${t.appName}`, context.csrfToken, bar);
}

/** A page without a signed-in user (sign-in, errors before sign-in). */
export function renderBarePage(language: UiLanguage, title: string, body: HtmlValue): SafeHtml {
  return documentShell(language, title, undefined, body, 'bare');
}

/** A small labelled badge, e.g. a risk level or status. */
export function badge(kind: string, value: string, label: string): SafeHtml {
  return html`<span class="badge ${kind}-${value}">${label}</span>`;
}
