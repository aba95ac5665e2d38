import { deadlineOf } from '../../../handling-deadline.ts';
import { formatTime } from '../../i18n/ui-language.ts';
import { currentStage, mayDecide, type ChainedResponse } from '../../posts/approval-chain.ts';
import type { LoadedPost } from '../../posts/post-store.ts';
import { html, type SafeHtml } from '../../view/html.ts';
import { badge, type PageContext } from '../../view/page-layout.ts';
import { slaBadge } from '../../view/sla-badge.ts';
import { actionForm } from './action-form.ts';
import { renderResponsePanel, type ResponsePanelData } from './response-view.ts';

const workerRoles = ['commentator', 'reviewer', 'admin'];
const supervisorRoles = ['reviewer', 'admin'];

/** What the side of the post page needs besides the post. */
export interface ActionsPanelData extends ResponsePanelData {
  /** Opened from an alert's 认领 button. */
  intent?: 'claim' | undefined;
}

/**
 * The one action this person most likely came for, first and largest (the bottom bar on a phone): approving the
 * stage they may decide; claiming an unclaimed post; on their own post the next step of the response. A reviewer
 * is never offered 认领 as the main button on a colleague's post: taking over is a secondary, confirmed action.
 */
function actionBar(post: LoadedPost, context: PageContext, data: ActionsPanelData): SafeHtml {
  const { t, user, review: settings } = context;
  const { review, id } = post;
  const revision = review.revision;
  const isOpen = ['new', 'in_progress', 'escalated'].includes(review.status);
  const isWorker = workerRoles.includes(user.role);
  const isSupervisor = supervisorRoles.includes(user.role);
  const stage = currentStage(review, settings);
  const response = review.response as ChainedResponse | undefined;
  const buttons: SafeHtml[] = [];
  if (stage && mayDecide(user, stage, response, settings)) {
    const name = context.language === 'en' ? stage.nameEn : stage.name;
    buttons.push(actionForm(id, 'response/approve', revision, html`<button class="button button-ok button-large" type="submit">${t.actions.approve} · ${name}</button>`,
      { className: 'inline bar-form', confirm: { message: t.confirm.approve(name) } }), html`<a class="button" href="#decide">${t.actions.return}</a>`);
  } else if (isWorker && isOpen && !review.assignee && (review.status !== 'escalated' || isSupervisor)) {
    buttons.push(actionForm(id, 'claim', revision, html`<button class="button button-primary button-large" type="submit">${t.primary.claim}</button>`, { className: 'inline bar-form' }));
  } else if (isWorker && isOpen && review.assignee === user.username) {
    const status = review.responseStatus ?? 'none';
    if (status === 'approved') buttons.push(html`<a class="button button-ok button-large" href="#publish">${t.actions.publish}</a>`);
    else if ((status === 'draft' || status === 'returned') && response) {
      buttons.push(actionForm(id, 'response/submit', revision, html`<button class="button button-primary button-large" type="submit">${t.actions.submit}</button>`, { className: 'inline bar-form' }));
    } else if (status === 'none') buttons.push(html`<a class="button button-primary button-large" href="#draft-text">${t.primary.write}</a>`);
  }
  if (isSupervisor && isOpen && review.assignee && review.assignee !== user.username) {
    buttons.push(actionForm(id, 'claim', revision, html`<button class="button" type="submit">${t.primary.takeOver}</button>`, {
      className: 'inline bar-form', confirm: { message: t.confirm.takeOver(context.nameOf(review.assignee)), reasonLabel: t.confirm.takeOverReason },
    }));
  }
  if (buttons.length === 0) return html``;
  return html`<div class="action-bar" id="action-bar">${data.intent === 'claim' && !review.assignee ? html`<p class="small bar-note">${t.primary.fromAlert}</p>` : ''}<div class="button-row">${buttons}</div></div>`;
}

/** The side panel of the post page: the main action, status and deadline, the other actions, the response, notes. */
export function renderActionsPanel(post: LoadedPost, context: PageContext, data: ActionsPanelData): SafeHtml {
  const { t, user, review: settings } = context;
  const { review, id } = post;
  const revision = review.revision;
  const english = context.language === 'en';
  const isSupervisor = supervisorRoles.includes(user.role);
  const isWorker = workerRoles.includes(user.role);
  const canWork = isWorker && (isSupervisor || (review.assignee === user.username && review.status !== 'escalated'));
  const isOpen = ['new', 'in_progress', 'escalated'].includes(review.status);
  const dismissReason = settings.dismissReasons.find((reason) => reason.id === review.dismissReason);
  const unit = settings.responsibleUnits.find((item) => item.id === review.unit);
  const proposed = unit ? undefined : settings.responsibleUnits.find((item) => item.categories.some((category) => post.document.risk?.categories.includes(category)));
  const deadline = deadlineOf(post.document, settings.sla);
  const status = html`<section class="panel side-panel" id="actions">
    <h2>${t.actions.title} ${badge('status', review.status, t.statuses[review.status] ?? review.status)}</h2>
    <dl class="kv">
      <dt>${t.queue.assignee}</dt><dd class="assignee" data-username="${review.assignee ?? ''}">${review.assignee ? context.nameOf(review.assignee) : '—'}</dd>
      ${deadline && isOpen ? html`<dt>${t.sla.deadline}</dt><dd>${slaBadge(deadline, context)}</dd>` : ''}
      <dt>${t.units.title}</dt><dd class="unit">${unit ? unit.name : html`<span class="muted">${t.units.none}</span>`}${proposed && isSupervisor ? html` <span class="small muted">${t.units.proposed(proposed.name)}</span>` : ''}</dd>
      ${review.updatedBy ? html`<dt>${t.history.updated}</dt><dd>${context.nameOf(review.updatedBy)} · ${formatTime(review.updatedAt, context.timeZone)}</dd>` : ''}
      ${dismissReason ? html`<dt>${t.actions.dismissReason}</dt><dd>${english ? dismissReason.labelEn : dismissReason.label}</dd>` : ''}
    </dl>
    ${actionBar(post, context, data)}
    ${!isWorker ? html`<p class="small muted">${t.actions.readOnly}</p>` : html`
    <div class="button-row side-section">
      ${isOpen && review.assignee && canWork ? actionForm(id, 'release', revision, html`<button class="button" type="submit">${t.actions.release}</button>`, { className: 'inline' }) : ''}
      ${isOpen && review.status !== 'escalated' && canWork ? actionForm(id, 'escalate', revision, html`<button class="button" type="submit">${t.actions.escalate}</button>`, {
        className: 'inline', confirm: { message: t.confirm.escalate, reasonLabel: t.confirm.escalateReason } }) : ''}
      ${isSupervisor && (!isOpen || review.status === 'escalated') ? actionForm(id, 'reopen', revision, html`<button class="button" type="submit">${t.actions.reopen}</button>`, { className: 'inline' }) : ''}
    </div>
    ${isSupervisor && isOpen ? html`<div class="side-section">${actionForm(id, 'assign', revision, html`<div class="field-row"><div class="field"><label for="assignee">${t.actions.assign}</label>
      <select id="assignee" name="assignee">${data.people.filter((person) => workerRoles.includes(person.role)).map((person) => html`<option value="${person.username}"${person.username === review.assignee ? html` selected` : ''}>${person.displayName}（${t.roles[person.role] ?? person.role}）</option>`)}</select></div>
      <button class="button" type="submit">${t.actions.assignSubmit}</button></div>`)}
      ${actionForm(id, 'unit', revision, html`<div class="field-row"><div class="field"><label for="unit">${t.units.title}</label>
      <select id="unit" name="unit">${settings.responsibleUnits.map((item) => html`<option value="${item.id}"${item.id === (unit ?? proposed)?.id ? html` selected` : ''}>${item.name}</option>`)}</select></div>
      <button class="button" type="submit">${t.units.assign}</button></div>`)}</div>` : ''}
    ${isOpen && canWork ? html`<div class="side-section">${actionForm(id, 'dismiss', revision, html`<div class="field-row"><div class="field"><label for="dismiss-reason">${t.actions.dismissReason}</label>
      <select id="dismiss-reason" name="reason" required><option value="" selected>${t.confirm.chooseReason}</option>${settings.dismissReasons.map((reason) => html`<option value="${reason.id}">${english ? reason.labelEn : reason.label}</option>`)}</select></div>
      <button class="button button-danger" type="submit">${t.actions.dismiss}</button></div>
      <div class="field"><input name="comment" maxlength="2000" placeholder="${t.actions.comment}" aria-label="${t.actions.comment}"></div>`, { confirm: { message: t.confirm.dismiss } })}</div>` : ''}`}
  </section>`;
  const notes = (review.notes ?? []) as { by: string; at: string; text: string }[];
  const notesPanel = html`<section class="panel side-panel" id="notes">
    <h2>${t.actions.notes} <span class="count">${notes.length}</span></h2>
    ${notes.map((note) => html`<div class="note"><span class="who">${context.nameOf(note.by)}</span> <span class="muted small">${formatTime(note.at, context.timeZone)}</span>\n${note.text}</div>`)}
    ${isWorker ? actionForm(id, 'notes', revision, html`<div class="field"><label for="note-text">${t.actions.note}</label><textarea id="note-text" name="text" required maxlength="5000"></textarea></div>
      <button class="button" type="submit">${t.actions.noteSubmit}</button>`) : ''}
  </section>`;
  const showResponse = isWorker || (review.responseStatus ?? 'none') !== 'none';
  return html`${status}${showResponse ? renderResponsePanel(post, context, canWork, data) : ''}${notesPanel}`;
}
