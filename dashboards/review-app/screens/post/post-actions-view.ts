import type { ResponseRecord } from '../../../../pipeline/post-document.ts';
import type { PublicUser } from '../../auth/review-user.ts';
import { formatTime } from '../../i18n/ui-language.ts';
import type { LoadedPost } from '../../posts/post-store.ts';
import { html, safeLinkUrl, type HtmlValue, type SafeHtml } from '../../view/html.ts';
import { badge, type PageContext } from '../../view/page-layout.ts';

/** A form that posts JSON to one post action, carrying the revision the user saw. */
function actionForm(postId: string, action: string, revision: number, fields: HtmlValue, options: { method?: string; className?: string } = {}): SafeHtml {
  return html`<form class="${options.className ?? 'action-form'}" data-action="/api/posts/${encodeURIComponent(postId)}/${action}"${options.method ? html` data-method="${options.method}"` : ''} data-name="${action}">
    <input type="hidden" name="expectedRevision" value="${revision}">${fields}</form>`;
}

function stepper(post: LoadedPost, response: ResponseRecord | undefined, context: PageContext): SafeHtml {
  const { review } = post;
  const round = response?.round ?? 0;
  const decisions = response?.approvals.filter((decision) => decision.round === round) ?? [];
  const english = context.language === 'en';
  return html`<div class="stepper">${context.review.approvalStages.map((stage, index) => {
    const decision = decisions.filter((item) => item.stageIndex === index).at(-1);
    const state = review.responseStatus === 'approved' || review.responseStatus === 'published' ? 'is-done'
      : decision?.decision === 'returned' && review.responseStatus === 'returned' ? 'is-returned'
        : decision?.decision === 'approved' ? 'is-done'
          : review.responseStatus === 'in_approval' && review.approvalStage === index ? 'is-current' : '';
    return html`<div class="step ${state}" data-stage="${stage.id}">${english ? stage.nameEn : stage.name}${decision ? html`<small>${decision.by}</small>` : ''}</div>`;
  })}</div>`;
}

function responsePanel(post: LoadedPost, context: PageContext, canWork: boolean): SafeHtml {
  const { t, user, review: settings } = context;
  const { review, id } = post;
  const response = review.response as ResponseRecord | undefined;
  const status = review.responseStatus ?? 'none';
  const revision = review.revision;
  const english = context.language === 'en';
  const stage = review.approvalStage !== undefined ? settings.approvalStages[review.approvalStage] : undefined;
  const isAuthor = response?.authors.includes(user.username) ?? false;
  const approvedThisRound = response?.approvals.some((decision) => decision.round === response.round && decision.by === user.username && decision.decision === 'approved') ?? false;
  const blockedAsEarlierApprover = settings.distinctApprovers && approvedThisRound;
  const canDecide = status === 'in_approval' && stage !== undefined && stage.roles.includes(user.role) && !isAuthor && !blockedAsEarlierApprover;
  const editable = canWork && ['none', 'draft', 'returned'].includes(status) && ['new', 'in_progress', 'escalated'].includes(review.status);
  const channelLabel = (channelId: string) => {
    const channel = settings.responseChannels.find((item) => item.id === channelId);
    return channel ? (english ? channel.labelEn : channel.label) : channelId;
  };
  const publishedLink = safeLinkUrl(response?.publishedUrl);
  return html`<section class="panel side-panel" id="response">
    <h2>${t.actions.responseTitle} ${badge('response', status, t.responseStatuses[status] ?? status)}</h2>
    <div class="small muted">${t.actions.chain}${stage ? html` · ${t.actions.awaiting(english ? stage.nameEn : stage.name)}` : ''}</div>
    ${stepper(post, response, context)}
    ${response && !editable ? html`<div class="response-text" id="response-text">${response.text}</div>
      <p class="small muted">${t.actions.channel}: ${channelLabel(response.channel)} · ${response.authors.join('、')}</p>` : ''}
    ${status === 'published' && response ? html`<p class="small">${formatTime(response.publishedAt, context.timeZone)} · ${response.publishedBy ?? ''}
      ${publishedLink ? html` · <a href="${publishedLink}" target="_blank" rel="noopener noreferrer nofollow">${t.actions.publishedUrl} ↗</a>` : ''}</p>
      ${review.firstResponseMinutes !== undefined ? html`<p class="small muted">${t.actions.firstResponse(review.firstResponseMinutes)}</p>` : ''}` : ''}
    ${editable ? actionForm(id, 'response', revision, html`
      <div class="field"><label for="draft-text">${t.actions.draftText}</label><textarea id="draft-text" name="text" required maxlength="5000">${response?.text ?? ''}</textarea></div>
      <div class="field-row"><div class="field"><label for="draft-channel">${t.actions.channel}</label><select id="draft-channel" name="channel" required>
        ${settings.responseChannels.map((channel) => html`<option value="${channel.id}"${channel.id === response?.channel ? html` selected` : ''}>${english ? channel.labelEn : channel.label}</option>`)}
      </select></div><button class="button" type="submit">${t.actions.saveDraft}</button></div>`, { method: 'PUT' }) : ''}
    ${editable && response ? actionForm(id, 'response/submit', revision, html`<button class="button button-primary" type="submit">${t.actions.submit}</button>`) : ''}
    ${canDecide ? html`<div class="decide">
      ${actionForm(id, 'response/approve', revision, html`<div class="field"><label for="approve-comment">${t.actions.approveComment}</label><input id="approve-comment" name="comment" maxlength="2000"></div>
        <button class="button button-ok" type="submit">${t.actions.approve} · ${english ? stage.nameEn : stage.name}</button>`)}
      ${actionForm(id, 'response/return', revision, html`<div class="field"><label for="return-comment">${t.actions.returnComment}</label><input id="return-comment" name="comment" required maxlength="2000"></div>
        <button class="button button-danger" type="submit">${t.actions.return}</button>`)}
    </div>` : ''}
    ${status === 'in_approval' && isAuthor ? html`<p class="small muted">${t.actions.ownDraftHint}</p>` : ''}
    ${status === 'in_approval' && !isAuthor && blockedAsEarlierApprover ? html`<p class="small muted">${t.refusals.approved_earlier_stage}</p>` : ''}
    ${status === 'approved' && canWork ? actionForm(id, 'response/publish', revision, html`
      <div class="field"><label for="published-url">${t.actions.publishedUrl}</label><input id="published-url" name="publishedUrl" type="url" placeholder="https://"></div>
      <button class="button button-ok" type="submit">${t.actions.publish}</button>`) : ''}
    ${response?.approvals.length ? html`<h3>${t.actions.approvals}</h3><ol class="history decisions">${response.approvals.map((decision) => {
      const stageConfig = settings.approvalStages[decision.stageIndex];
      return html`<li><span class="muted">${formatTime(decision.at, context.timeZone)} · ${t.actions.round(decision.round)}</span>
        <span class="who">${decision.by}</span> ${decision.decision === 'approved' ? t.actions.approvedBy : t.actions.returnedBy}
        ${stageConfig ? (english ? stageConfig.nameEn : stageConfig.name) : decision.stageId}${decision.comment ? html`<div class="note">${decision.comment}</div>` : ''}</li>`;
    })}</ol>` : ''}
  </section>`;
}

/** The side panel of the post page: status and actions, the response with its approval chain, and notes. */
export function renderActionsPanel(post: LoadedPost, context: PageContext, assignees: PublicUser[]): SafeHtml {
  const { t, user, review: settings } = context;
  const { review, id } = post;
  const revision = review.revision;
  const english = context.language === 'en';
  const supervisor = user.role === 'reviewer' || user.role === 'admin';
  const canWork = user.role !== 'analyst' && (supervisor || (review.assignee === user.username && review.status !== 'escalated'));
  const isOpen = ['new', 'in_progress', 'escalated'].includes(review.status);
  const canClaim = user.role !== 'analyst' && isOpen && review.assignee !== user.username && (!review.assignee || supervisor) && (review.status !== 'escalated' || supervisor);
  const dismissReason = settings.dismissReasons.find((reason) => reason.id === review.dismissReason);
  const status = html`<section class="panel side-panel" id="actions">
    <h2>${t.actions.title} ${badge('status', review.status, t.statuses[review.status] ?? review.status)} <span class="muted small revision">${t.actions.revision(revision)}</span></h2>
    <dl class="kv">
      <dt>${t.queue.assignee}</dt><dd class="assignee">${review.assignee ?? '—'}</dd>
      ${review.updatedBy ? html`<dt>${t.history.updated}</dt><dd>${review.updatedBy} · ${formatTime(review.updatedAt, context.timeZone)}</dd>` : ''}
      ${dismissReason ? html`<dt>${t.actions.dismissReason}</dt><dd>${english ? dismissReason.labelEn : dismissReason.label}</dd>` : ''}
    </dl>
    ${user.role === 'analyst' ? html`<p class="small muted">${t.actions.readOnly}</p>` : html`
    <div class="button-row side-section">
      ${canClaim ? actionForm(id, 'claim', revision, html`<button class="button button-primary" type="submit">${t.actions.claim}</button>`, { className: 'inline' }) : ''}
      ${isOpen && review.assignee && canWork ? actionForm(id, 'release', revision, html`<button class="button" type="submit">${t.actions.release}</button>`, { className: 'inline' }) : ''}
      ${isOpen && review.status !== 'escalated' && canWork ? actionForm(id, 'escalate', revision, html`<button class="button" type="submit">${t.actions.escalate}</button>`, { className: 'inline' }) : ''}
      ${supervisor && (!isOpen || review.status === 'escalated') ? actionForm(id, 'reopen', revision, html`<button class="button" type="submit">${t.actions.reopen}</button>`, { className: 'inline' }) : ''}
    </div>
    ${supervisor && isOpen ? html`<div class="side-section">${actionForm(id, 'assign', revision, html`<div class="field-row"><div class="field"><label for="assignee">${t.actions.assign}</label>
      <select id="assignee" name="assignee">${assignees.map((person) => html`<option value="${person.username}"${person.username === review.assignee ? html` selected` : ''}>${person.displayName} (${t.roles[person.role] ?? person.role})</option>`)}</select></div>
      <button class="button" type="submit">${t.actions.assignSubmit}</button></div>`)}</div>` : ''}
    ${isOpen && canWork ? html`<div class="side-section">${actionForm(id, 'dismiss', revision, html`<div class="field-row"><div class="field"><label for="dismiss-reason">${t.actions.dismissReason}</label>
      <select id="dismiss-reason" name="reason" required>${settings.dismissReasons.map((reason) => html`<option value="${reason.id}">${english ? reason.labelEn : reason.label}</option>`)}</select></div>
      <button class="button button-danger" type="submit">${t.actions.dismiss}</button></div>
      <div class="field"><input name="comment" maxlength="2000" placeholder="${t.actions.comment}" aria-label="${t.actions.comment}"></div>`)}</div>` : ''}`}
  </section>`;
  const notes = (review.notes ?? []) as { by: string; at: string; text: string }[];
  const notesPanel = html`<section class="panel side-panel" id="notes">
    <h2>${t.actions.notes} <span class="count">${notes.length}</span></h2>
    ${notes.map((note) => html`<div class="note"><span class="who">${note.by}</span> <span class="muted small">${formatTime(note.at, context.timeZone)}</span>\n${note.text}</div>`)}
    ${user.role !== 'analyst' ? actionForm(id, 'notes', revision, html`<div class="field"><label for="note-text">${t.actions.note}</label><textarea id="note-text" name="text" required maxlength="5000"></textarea></div>
      <button class="button" type="submit">${t.actions.noteSubmit}</button>`) : ''}
  </section>`;
  return html`${status}${responsePanel(post, context, canWork && user.role !== 'analyst')}${notesPanel}`;
}
