import type { ApprovalStage } from '../../../../config/review-schema.ts';
import type { PublicUser } from '../../auth/review-user.ts';
import { formatTime } from '../../i18n/ui-language.ts';
import { chainFor, currentStage, eligibleApprovers, mayDecide, stagesOfRound, type ChainedResponse } from '../../posts/approval-chain.ts';
import type { AutosavedDraft } from '../../posts/draft-store.ts';
import type { LoadedPost } from '../../posts/post-store.ts';
import { html, safeLinkUrl, type SafeHtml } from '../../view/html.ts';
import { badge, type PageContext } from '../../view/page-layout.ts';
import type { ResponseTemplate } from '../templates/template-store.ts';
import { actionForm } from './action-form.ts';

/** What the response panel shows besides the post: the people who may act, the autosave, the templates. */
export interface ResponsePanelData {
  people: readonly PublicUser[];
  autosaved?: AutosavedDraft | undefined;
  /** Approved templates with their placeholders already filled for this post. */
  templates: (ResponseTemplate & { filled: string })[];
}

const stageName = (stage: ApprovalStage, context: PageContext) => (context.language === 'en' ? stage.nameEn : stage.name);
const rolesText = (stage: ApprovalStage, context: PageContext) => stage.roles.map((role) => context.t.roles[role] ?? role).join('/');

/**
 * The chain as steps: who decided each stage of this round, who may decide the current one (or that nobody can, and
 * why), and which roles decide the later ones. Before submission it previews the chain of the post's risk level.
 */
function chainSteps(post: LoadedPost, context: PageContext, people: readonly PublicUser[]): SafeHtml {
  const { review } = post;
  const { t } = context;
  const response = review.response as ChainedResponse | undefined;
  const submitted = response?.stageIds !== undefined || (response !== undefined && response.round > 0);
  const stages = submitted ? stagesOfRound(response, context.review) : stagesOfRound({ stageIds: chainFor(post.document.risk?.level, context.review) } as ChainedResponse, context.review);
  const decisions = response?.approvals.filter((decision) => decision.round === response.round) ?? [];
  const current = currentStage(review, context.review);
  const done = review.responseStatus === 'approved' || review.responseStatus === 'published';
  const eligible = current ? eligibleApprovers(people, review, context.review) : [];
  return html`<ol class="stepper" aria-label="${t.chain.title}">${stages.map((stage, index) => {
    const decision = decisions.filter((item) => item.stageIndex === index).at(-1);
    const isCurrent = current !== undefined && review.approvalStage === index;
    const state = done || decision?.decision === 'approved' ? 'is-done' : decision?.decision === 'returned' && review.responseStatus === 'returned' ? 'is-returned' : isCurrent ? 'is-current' : '';
    const who = decision ? html`<small class="step-who">${context.nameOf(decision.by)}</small>`
      : isCurrent ? (eligible.length ? html`<small class="step-who may-act">${t.chain.mayAct(eligible.map((person) => person.displayName).join('、'))}</small>`
        : html`<small class="step-who nobody">${t.chain.nobody(stageName(stage, context), rolesText(stage, context))}</small>`)
        : html`<small class="step-who muted">${rolesText(stage, context)}</small>`;
    return html`<li class="step ${state}" data-stage="${stage.id}"><span class="step-name">${stageName(stage, context)}</span>${who}</li>`;
  })}</ol>`;
}

function draftForm(post: LoadedPost, context: PageContext, data: ResponsePanelData): SafeHtml {
  const { t, review: settings } = context;
  const response = post.review.response as ChainedResponse | undefined;
  const english = context.language === 'en';
  // A text autosaved after the last saved draft is what the author last typed: restore it (e.g. after a session expired).
  const autosaved = data.autosaved && (!response || Date.parse(data.autosaved.savedAt) > Date.parse(response.updatedAt)) && data.autosaved.text !== response?.text ? data.autosaved : undefined;
  const text = autosaved?.text ?? response?.text ?? '';
  const channel = autosaved?.channel ?? response?.channel;
  return actionForm(post.id, 'response', post.review.revision, html`
    ${autosaved ? html`<p class="notice notice-restored" id="draft-restored">${t.draft.restored(formatTime(autosaved.savedAt, context.timeZone))}</p>` : ''}
    <div class="field"><label for="template-choice">${t.draft.template}</label>${data.templates.length ? html`<select id="template-choice" class="template-choice" data-target="draft-text">
      <option value="">—</option>${data.templates.map((template) => html`<option value="${template.templateId}" data-text="${template.filled}">${template.title}（${t.categories[template.topic] ?? template.topic}）</option>`)}</select>`
      : html`<p class="small muted">${t.draft.templateNone}</p>`}</div>
    <div class="field"><label for="draft-text">${t.actions.draftText}</label><textarea id="draft-text" name="text" required maxlength="5000"
      data-autosave="/api/posts/${encodeURIComponent(post.id)}/autosave" data-autosave-seconds="${settings.draftAutosaveSeconds}" data-post-id="${post.id}">${text}</textarea>
      <div class="small muted autosave-state" id="autosave-state" aria-live="polite"></div>
      <div class="small placeholder-hint" id="placeholder-hint" hidden>${t.draft.placeholders}</div></div>
    <div class="field-row"><div class="field"><label for="draft-channel">${t.actions.channel}</label><select id="draft-channel" name="channel" required>
      ${settings.responseChannels.map((item) => html`<option value="${item.id}"${item.id === channel ? html` selected` : ''}>${english ? item.labelEn : item.label}</option>`)}
    </select></div><button class="button" type="submit">${t.actions.saveDraft}</button></div>`, { method: 'PUT' });
}

/** The response panel: status, the chain with who may act, the text (or the drafting form), the decisions. */
export function renderResponsePanel(post: LoadedPost, context: PageContext, canWork: boolean, data: ResponsePanelData): SafeHtml {
  const { t, user, review: settings } = context;
  const { review, id } = post;
  const response = review.response as ChainedResponse | undefined;
  const status = review.responseStatus ?? 'none';
  const english = context.language === 'en';
  const stage = currentStage(review, settings);
  const isAuthor = response?.authors.includes(user.username) ?? false;
  const canDecide = stage !== undefined && mayDecide(user, stage, response, settings);
  const editable = canWork && ['none', 'draft', 'returned'].includes(status) && ['new', 'in_progress', 'escalated'].includes(review.status);
  const channelLabel = (channelId: string) => {
    const channel = settings.responseChannels.find((item) => item.id === channelId);
    return channel ? (english ? channel.labelEn : channel.label) : channelId;
  };
  const publishedLink = safeLinkUrl(response?.publishedUrl);
  return html`<section class="panel side-panel" id="response">
    <h2>${t.actions.responseTitle} ${badge('response', status, t.responseStatuses[status] ?? status)}</h2>
    <div class="small muted">${t.chain.title}${stage ? html` · ${t.actions.awaiting(stageName(stage, context))}` : ''}</div>
    ${chainSteps(post, context, data.people)}
    ${response && !editable ? html`<div class="response-text" id="response-text">${response.text}</div>
      <p class="small muted">${t.actions.channel}: ${channelLabel(response.channel)} · ${response.authors.map((author) => context.nameOf(author)).join('、')}</p>` : ''}
    ${status === 'published' && response ? html`<p class="small">${formatTime(response.publishedAt, context.timeZone)} · ${context.nameOf(response.publishedBy)}
      ${publishedLink ? html` · <a href="${publishedLink}" target="_blank" rel="noopener noreferrer nofollow">${t.actions.publishedUrl} ↗</a>` : ''}</p>
      ${review.firstResponseMinutes !== undefined ? html`<p class="small muted">${t.actions.firstResponse(review.firstResponseMinutes)}</p>` : ''}` : ''}
    ${editable ? draftForm(post, context, data) : ''}
    ${editable && response ? actionForm(id, 'response/submit', review.revision, html`<button class="button button-primary" type="submit">${t.actions.submit}</button>`) : ''}
    ${canDecide ? html`<div class="decide" id="decide">
      ${actionForm(id, 'response/approve', review.revision, html`<div class="field"><label for="approve-comment">${t.actions.approveComment}</label><input id="approve-comment" name="comment" maxlength="2000"></div>
        <button class="button button-ok" type="submit">${t.actions.approve} · ${stageName(stage, context)}</button>`, { confirm: { message: t.confirm.approve(stageName(stage, context)) } })}
      ${actionForm(id, 'response/return', review.revision, html`<div class="field"><label for="return-comment">${t.actions.returnComment}</label><input id="return-comment" name="comment" required maxlength="2000"></div>
        <button class="button button-danger" type="submit">${t.actions.return}</button>`)}
    </div>` : ''}
    ${status === 'in_approval' && isAuthor ? html`<p class="small muted">${t.actions.ownDraftHint}</p>` : ''}
    ${status === 'approved' && canWork ? html`<div id="publish">${actionForm(id, 'response/publish', review.revision, html`
      <div class="field"><label for="published-url">${t.actions.publishedUrl}</label><input id="published-url" name="publishedUrl" type="url" placeholder="https://"></div>
      <button class="button button-ok" type="submit">${t.actions.publish}</button>`)}</div>` : ''}
    ${response?.approvals.length ? html`<h3>${t.actions.approvals}</h3><ol class="history decisions">${response.approvals.map((decision) => {
      const decided = settings.approvalStages.find((item) => item.id === decision.stageId);
      return html`<li><span class="muted">${formatTime(decision.at, context.timeZone)} · ${t.actions.round(decision.round)}</span>
        <span class="who">${context.nameOf(decision.by)}</span> ${decision.decision === 'approved' ? t.actions.approvedBy : t.actions.returnedBy}
        ${decided ? stageName(decided, context) : decision.stageId}${decision.comment ? html`<div class="note">${decision.comment}</div>` : ''}</li>`;
    })}</ol>` : ''}
  </section>`;
}
