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
  /** Display name of a user name (张晓 for zhang); the name itself for an unknown one. */
  nameOf(username: string | undefined): string;
  /** Page routes that are registered: navigation shows only screens that exist (e.g. /sources once added). */
  screens: ReadonlySet<string>;
  /** Warnings the signed-in person should see on every page (alerts without a channel, an unstaffed chain). */
  banners: string[];
}

const everyone: readonly ReviewRole[] = ['commentator', 'reviewer', 'analyst', 'leader', 'admin'];

/** The screens in the top navigation and who sees them (the server checks again on every route). */
const navigation: { key: keyof Messages['nav']; href: string; roles: readonly ReviewRole[] }[] = [
  { key: 'queue', href: '/queue', roles: everyone },
  { key: 'templates', href: '/templates', roles: ['commentator', 'reviewer', 'leader', 'admin'] },
  { key: 'rules', href: '/rules', roles: ['analyst', 'admin'] },
  { key: 'alerts', href: '/alerts', roles: ['reviewer', 'leader', 'admin'] },
  // Source health (its screen lives in screens/sources/); shown once that route is registered.
  { key: 'sources', href: '/sources', roles: everyone },
  { key: 'audit', href: '/audit', roles: ['admin'] },
  { key: 'users', href: '/users', roles: ['admin'] },
  { key: 'apiDocs', href: '/api/docs', roles: ['admin'] },
];

/** The personal inboxes under the top bar; `approve` only for roles that decide some stage. */
function inboxBar(context: PageContext): SafeHtml {
  const { t, user } = context;
  const decides = context.review.approvalStages.some((stage) => stage.roles.includes(user.role));
  const works = user.role !== 'analyst' && user.role !== 'leader';
  const boxes = [
    ...(works ? [{ key: 'todo', label: t.inbox.todo }] : []),
    ...(decides ? [{ key: 'approve', label: t.inbox.approve }] : []),
    ...(works ? [{ key: 'submitted', label: t.inbox.submitted }] : []),
    { key: 'overdue', label: t.inbox.overdue },
  ];
  const current = new URLSearchParams(context.path.split('?')[1] ?? '').get('inbox');
  return html`<nav class="inbox-bar" aria-label="${t.inbox.todo}">
    ${boxes.map((box) => html`<a class="inbox-link${current === box.key ? ' is-active' : ''}" href="/queue?inbox=${box.key}" data-inbox="${box.key}">${box.label}<span class="count" data-count="${box.key}">·</span></a>`)}
    <a class="inbox-link notifications-link${context.path.startsWith('/notifications') ? ' is-active' : ''}" href="/notifications" data-inbox="notifications">${t.nav.notifications}<span class="count count-alert" data-count="notifications">·</span></a>
  </nav>`;
}

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
export function renderPage(context: PageContext, options: { title: string; active: keyof Messages['nav'] | undefined; body: HtmlValue; pageClass?: string }): SafeHtml {
  const { t, user } = context;
  const other = t.common.languageCode as UiLanguage;
  const links = navigation.filter((item) => item.roles.includes(user.role) && (item.href.startsWith('/api/') || context.screens.has(item.href))).map((item) => html`
    <a class="nav-link${item.key === options.active ? ' is-active' : ''}" href="${item.href}">${t.nav[item.key]}</a>`);
  const bar = html`
<header class="top-bar" data-live-seconds="${context.review.liveUpdateSeconds}" data-text-ok="${t.confirm.ok}" data-text-cancel="${t.confirm.cancel}"
  data-text-expired="${t.draft.expired}" data-text-saving="${t.draft.saving}" data-text-placeholders="${t.draft.placeholders}">
  <a class="brand" href="/queue"><span class="brand-mark">舆</span><span class="brand-name">${t.appName}</span></a>
  <nav class="nav">${links}</nav>
  <div class="top-bar-user">
    <form class="inline" data-action="/api/account/language" data-reload="true">
      <input type="hidden" name="language" value="${other}">
      <button type="submit" class="link-button" lang="${other}">${t.common.language}</button>
    </form>
    <a class="user-chip" href="/account" title="${t.nav.account}"><span class="user-name">${user.displayName}</span><span class="role-tag role-${user.role}">${t.roles[user.role] ?? user.role}</span></a>
    <form class="inline" data-action="/api/session" data-method="DELETE" data-redirect="/login?signedOut=1">
      <button type="submit" class="link-button">${t.nav.signOut}</button>
    </form>
  </div>
</header>
${inboxBar(context)}
${context.banners.map((banner) => html`<div class="banner banner-warning" role="alert">${banner}</div>`)}
<div class="flash" id="flash" role="status" aria-live="polite" hidden></div>
<main class="page${options.pageClass ? ` ${options.pageClass}` : ''}">${options.body}</main>`;
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
