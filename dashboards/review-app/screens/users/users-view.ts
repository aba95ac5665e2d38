import { reviewRoles } from '../../../../config/review-schema.ts';
import type { PublicUser } from '../../auth/review-user.ts';
import { formatTime } from '../../i18n/ui-language.ts';
import { html, type SafeHtml } from '../../view/html.ts';
import { renderPage, type PageContext } from '../../view/page-layout.ts';
import { checkChainStaffing } from '../../posts/approval-chain.ts';

/** User management: the list with per-user actions, and a form to add one. */
export function renderUsersPage(context: PageContext, users: PublicUser[]): SafeHtml {
  const { t } = context;
  const roleOptions = (current?: string) => reviewRoles.map((role) => html`<option value="${role}"${role === current ? html` selected` : ''}>${t.roles[role] ?? role}</option>`);
  const rows = users.map((user) => {
    const base = `/api/users/${encodeURIComponent(user.username)}`;
    return html`<tr data-username="${user.username}">
      <td><b>${user.username}</b><div class="muted small">${user.displayName}</div></td>
      <td><form class="inline field-row" data-action="${base}/role"><select name="role" aria-label="${t.users.changeRole}">${roleOptions(user.role)}</select><button class="button" type="submit">${t.users.changeRole}</button></form></td>
      <td>${user.disabled ? html`<span class="badge status-dismissed">${t.users.disabled}</span>` : html`<span class="badge status-responded">${t.users.active}</span>`}</td>
      <td class="small nowrap">${user.lastLoginAt ? formatTime(user.lastLoginAt, context.timeZone) : t.users.never}</td>
      <td class="small nowrap">${formatTime(user.createdAt, context.timeZone)} · ${context.nameOf(user.createdBy)}</td>
      <td><div class="button-row">
        <form class="inline" data-action="${base}/${user.disabled ? 'enable' : 'disable'}"><button class="button${user.disabled ? '' : ' button-danger'}" type="submit">${user.disabled ? t.users.enable : t.users.disable}</button></form>
        <form class="inline field-row" data-action="${base}/password"><input name="password" type="password" autocomplete="new-password" minlength="${context.review.passwordMinLength}" placeholder="${t.users.newPassword}" aria-label="${t.users.newPassword}" required><button class="button" type="submit">${t.users.resetPassword}</button></form>
      </div></td>
    </tr>`;
  });
  const stageName = (stage: { name: string; nameEn: string }) => (context.language === 'en' ? stage.nameEn : stage.name);
  const staffing = checkChainStaffing(users, context.review);
  const chains = html`<section class="panel" id="chain-staffing"><h2>${t.chain.staffingTitle}</h2>
    <ul class="chain-list">${staffing.map((chain) => html`<li class="${chain.isStaffed ? 'chain-ok' : 'chain-short'}" data-level="${chain.level}">
      <b>${t.chain.forLevel(t.levels[chain.level] ?? chain.level)}</b>：${t.chain.author} → ${chain.stages.map(stageName).join(' → ')} <span class="muted small">${t.chain.needs(chain.needed)}</span>
      ${chain.isStaffed ? html` <span class="badge status-responded">✓</span>` : html`<div class="small outcome-failed">${t.chain.staffingProblem(t.levels[chain.level] ?? chain.level, chain.stages.map(stageName).join(' → '), chain.needed,
        chain.unfilled.map((slot) => (slot.kind === 'author' ? t.chain.author : stageName(slot.stage))).join('、'))}</div>`}
    </li>`)}</ul>
    ${staffing.every((chain) => chain.isStaffed) ? html`<p class="small muted">${t.chain.staffingOk}</p>` : ''}</section>`;
  const body = html`<div class="page-head"><h1>${t.users.title}</h1></div>${chains}
    <section class="panel"><h2>${t.users.add}</h2>
      <form class="field-row" data-action="/api/users">
        <div class="field"><label for="u-name">${t.users.username}</label><input id="u-name" name="username" required pattern="[a-z0-9][a-z0-9._\\-]{1,31}"></div>
        <div class="field"><label for="u-display">${t.users.displayName}</label><input id="u-display" name="displayName"></div>
        <div class="field"><label for="u-role">${t.users.role}</label><select id="u-role" name="role">${roleOptions('commentator')}</select></div>
        <div class="field"><label for="u-password">${t.users.password}</label><input id="u-password" name="password" type="password" autocomplete="new-password" minlength="${context.review.passwordMinLength}" required></div>
        <button class="button button-primary" type="submit">${t.users.add}</button>
      </form></section>
    <section class="panel panel-tight"><table class="grid users-table"><thead><tr><th>${t.users.username}</th><th>${t.users.role}</th><th>${t.users.status}</th>
      <th>${t.users.lastLogin}</th><th>${t.users.created}</th><th></th></tr></thead><tbody>${rows}</tbody></table></section>`;
  return renderPage(context, { title: t.users.title, active: 'users', body });
}
