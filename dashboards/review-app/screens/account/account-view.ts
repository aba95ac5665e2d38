import { html, type SafeHtml } from '../../view/html.ts';
import { renderPage, type PageContext } from '../../view/page-layout.ts';

/** The signed-in user's own account: who they are, change password, language. */
export function renderAccountPage(context: PageContext): SafeHtml {
  const { t, user } = context;
  const body = html`<div class="page-head"><h1>${t.account.title}</h1></div>
    <section class="panel"><dl class="kv"><dt>${t.users.username}</dt><dd>${user.username}</dd><dt>${t.users.displayName}</dt><dd>${user.displayName}</dd>
      <dt>${t.users.role}</dt><dd>${t.roles[user.role] ?? user.role}</dd></dl></section>
    <section class="panel"><h2>${t.account.changePassword}</h2>
      <form data-action="/api/account/password" data-redirect="/login" class="field-row">
        <div class="field"><label for="current-password">${t.account.currentPassword}</label><input id="current-password" name="currentPassword" type="password" autocomplete="current-password" required></div>
        <div class="field"><label for="new-password">${t.account.newPassword}</label><input id="new-password" name="newPassword" type="password" autocomplete="new-password" minlength="${context.review.passwordMinLength}" required></div>
        <button class="button button-primary" type="submit">${t.account.save}</button>
      </form></section>`;
  return renderPage(context, { title: t.account.title, active: undefined, body });
}
