import { randomUUID } from 'node:crypto';
import type { ReviewConfig, ReviewRole } from '../../../config/review-schema.ts';
import type { ApprovalDecision, ReviewState } from '../../../pipeline/post-document.ts';
import { chainFor, currentStage, roundApproversOf, stagesOfRound, withIndexedResponseFields, type ChainedResponse } from './approval-chain.ts';

/** Who acts. */
export interface Actor { username: string; role: ReviewRole }

/** Everything a reviewer can do to a post, with its input. */
export type ReviewAction =
  | { type: 'claim'; comment?: string | undefined }
  | { type: 'release' }
  | { type: 'assign'; assignee: string }
  | { type: 'dismiss'; reason: string; comment?: string | undefined }
  | { type: 'escalate'; comment?: string | undefined }
  | { type: 'unit'; unit: string; comment?: string | undefined }
  | { type: 'undo' }
  | { type: 'reopen'; comment?: string | undefined }
  | { type: 'note'; text: string }
  | { type: 'draft'; text: string; channel: string }
  | { type: 'submit' }
  | { type: 'approve'; comment?: string | undefined }
  | { type: 'return'; comment: string }
  | { type: 'publish'; publishedUrl?: string | undefined };

/** Why an action cannot be applied to the post in its current state. */
export type ReviewRefusal =
  | 'closed' | 'not_open' | 'claimed_by_other' | 'already_yours' | 'not_assignee' | 'escalated_needs_reviewer'
  | 'unknown_reason' | 'unknown_channel' | 'response_locked' | 'no_draft' | 'not_in_approval' | 'stage_role'
  | 'own_draft' | 'approved_earlier_stage' | 'not_approved' | 'bad_link' | 'not_closed'
  | 'takeover_reason' | 'reason_required' | 'unknown_unit' | 'nothing_to_undo' | 'undo_expired' | 'unfilled_placeholder';

/** An action refused for the post's state; `code` names the reason for the UI. */
export class ReviewActionError extends Error {
  override name = 'ReviewActionError';
  constructor(readonly code: ReviewRefusal, message: string) {
    super(message);
  }
}

/** The workflow settings an action needs. */
export type ReviewRules = Pick<ReviewConfig, 'approvalStages' | 'approvalChains' | 'distinctApprovers' | 'dismissReasons' | 'responseChannels' | 'responsibleUnits' | 'undoSeconds'>;

/** The post fields an action may read besides `review`. */
export interface PostTimes { firstSeenAt?: string | undefined; crawledAt: string; risk?: { level?: string | undefined } | undefined }

/** Actions the person who did them may take back for `undoSeconds`. */
export const undoableActions = ['claim', 'release', 'assign', 'dismiss', 'escalate', 'reopen', 'unit'] as const;

/** What an undo restores: the state before the action, kept on the review for a few seconds. */
export interface UndoRecord { revision: number; by: string; at: string; action: string; previous: ReviewState }

/** Placeholders of a response template left unfilled, e.g. {{时限}}: a submitted response must not contain one. */
export const placeholderPattern = /\{\{[^{}\n]{1,20}\}\}/;

const supervisors: readonly ReviewRole[] = ['reviewer', 'admin'];
const isSupervisor = (actor: Actor) => supervisors.includes(actor.role);
const openStatuses = ['new', 'in_progress', 'escalated'] as const;
const isOpen = (review: ReviewState) => (openStatuses as readonly string[]).includes(review.status);

function refuse(code: ReviewRefusal, message: string): never {
  throw new ReviewActionError(code, message);
}

function requireOpen(review: ReviewState): void {
  if (!isOpen(review)) refuse('closed', `the post is ${review.status}; reopen it first`);
}

/** Commentators work only on what they claimed; reviewers and admins may act on any open item. */
function requireWorker(review: ReviewState, actor: Actor): void {
  requireOpen(review);
  if (isSupervisor(actor)) return;
  if (review.status === 'escalated') refuse('escalated_needs_reviewer', 'an escalated post is handled by a reviewer');
  if (review.assignee !== actor.username) refuse('not_assignee', review.assignee ? `claimed by ${review.assignee}` : 'claim the post first');
}

function without<T extends object, K extends keyof T>(value: T, ...keys: K[]): Omit<T, K> {
  const copy = { ...value };
  for (const key of keys) delete copy[key];
  return copy;
}

function responseOf(review: ReviewState): ChainedResponse | undefined {
  return review.response as ChainedResponse | undefined;
}

function requireReason(comment: string | undefined, code: ReviewRefusal, message: string): void {
  if (!comment || comment.trim().length < 2) refuse(code, message);
}

function minutesBetween(from: string, to: string): number {
  return Math.round(((Date.parse(to) - Date.parse(from)) / 60_000) * 10) / 10;
}

/**
 * Applies one action to a post's review state and returns the next state (revision + 1), or throws
 * `ReviewActionError` when the action does not fit the current state. Pure: no I/O, time passed in. An undoable
 * action keeps the state before it in `review.undo` (any later action replaces or clears it); the inbox fields
 * are recomputed from the response record.
 */
export function applyReviewAction(review: ReviewState, action: ReviewAction, actor: Actor, rules: ReviewRules, post: PostTimes, now: string): ReviewState {
  if (action.type === 'undo') return withIndexedResponseFields(undoLast(review, actor, rules, now), rules);
  const { undo: _undo, ...current } = review;
  const next = nextState(current, action, actor, rules, post, now);
  const isUndoable = rules.undoSeconds > 0 && (undoableActions as readonly string[]).includes(action.type);
  const undo: UndoRecord | undefined = isUndoable ? { revision: next.revision, by: actor.username, at: now, action: action.type, previous: current } : undefined;
  return withIndexedResponseFields({ ...next, ...(undo ? { undo: undo as unknown as Record<string, unknown> } : {}) }, rules);
}

function undoLast(review: ReviewState, actor: Actor, rules: ReviewRules, now: string): ReviewState {
  const undo = review.undo as UndoRecord | undefined;
  if (!undo || undo.revision !== review.revision || undo.by !== actor.username) refuse('nothing_to_undo', 'there is nothing of yours to undo');
  if (Date.parse(now) - Date.parse(undo.at) > rules.undoSeconds * 1000) refuse('undo_expired', 'too late to undo');
  const { undo: _older, ...previous } = undo.previous;
  return { ...previous, revision: review.revision + 1, updatedAt: now, updatedBy: actor.username };
}

function nextState(review: ReviewState, action: Exclude<ReviewAction, { type: 'undo' }>, actor: Actor, rules: ReviewRules, post: PostTimes, now: string): ReviewState {
  const stamp = { revision: review.revision + 1, updatedAt: now, updatedBy: actor.username };
  const response = responseOf(review);
  switch (action.type) {
    case 'claim': {
      requireOpen(review);
      if (review.assignee === actor.username && review.status !== 'new') refuse('already_yours', 'you already hold this post');
      if (review.assignee && review.assignee !== actor.username && !isSupervisor(actor)) refuse('claimed_by_other', `claimed by ${review.assignee}`);
      if (review.status === 'escalated' && !isSupervisor(actor)) refuse('escalated_needs_reviewer', 'an escalated post is handled by a reviewer');
      // Taking a post from a colleague is a decision, not a click: it needs a reason they will read.
      if (review.assignee && review.assignee !== actor.username) requireReason(action.comment, 'takeover_reason', 'say why you take the post over');
      return { ...review, ...stamp, status: review.status === 'escalated' ? 'escalated' : 'in_progress', assignee: actor.username, claimedAt: now };
    }
    case 'release': {
      requireWorker(review, actor);
      return { ...without(review, 'assignee', 'claimedAt'), ...stamp, status: review.status === 'escalated' ? 'escalated' : 'new' };
    }
    case 'assign': {
      requireOpen(review);
      return { ...review, ...stamp, status: review.status === 'new' ? 'in_progress' : review.status, assignee: action.assignee, claimedAt: now };
    }
    case 'dismiss': {
      requireWorker(review, actor);
      if (!rules.dismissReasons.some((reason) => reason.id === action.reason)) refuse('unknown_reason', `unknown dismiss reason "${action.reason}"`);
      return { ...review, ...stamp, status: 'dismissed', dismissReason: action.reason, closedAt: now };
    }
    case 'escalate': {
      requireWorker(review, actor);
      if (review.status === 'escalated') refuse('not_open', 'already escalated');
      requireReason(action.comment, 'reason_required', 'say why the post is escalated');
      return { ...review, ...stamp, status: 'escalated', escalatedAt: now };
    }
    case 'unit': {
      requireOpen(review);
      if (!rules.responsibleUnits.some((unit) => unit.id === action.unit)) refuse('unknown_unit', `unknown unit "${action.unit}"`);
      return { ...review, ...stamp, unit: action.unit };
    }
    case 'reopen': {
      if (isOpen(review) && review.status !== 'escalated') refuse('not_closed', 'the post is already open');
      return { ...without(review, 'dismissReason', 'closedAt'), ...stamp, status: 'in_progress', assignee: review.assignee ?? actor.username };
    }
    case 'note': {
      // A note needs no claim (context can be left before anyone takes the post), but a post another
      // commentator holds is theirs to annotate, like every other action on it.
      if (!isSupervisor(actor) && review.assignee && review.assignee !== actor.username) refuse('claimed_by_other', `claimed by ${review.assignee}`);
      const note = { id: randomUUID(), by: actor.username, at: now, text: action.text };
      return { ...review, ...stamp, notes: [...(review.notes ?? []), note] };
    }
    case 'draft': {
      requireWorker(review, actor);
      if (!rules.responseChannels.some((channel) => channel.id === action.channel)) refuse('unknown_channel', `unknown channel "${action.channel}"`);
      const status = response ? review.responseStatus ?? 'draft' : 'none';
      if (!['none', 'draft', 'returned'].includes(status)) refuse('response_locked', `the response is ${status}; it can no longer be edited`);
      const next: ChainedResponse = {
        ...(response ?? { createdAt: now, round: 0, approvals: [] }),
        text: action.text, channel: action.channel, updatedAt: now, updatedBy: actor.username,
        authors: [...new Set([...(response?.authors ?? []), actor.username])],
      };
      const claim = review.status === 'new' ? { status: 'in_progress' as const, assignee: actor.username, claimedAt: now } : {};
      return { ...review, ...stamp, ...claim, response: next, responseStatus: status === 'returned' ? 'returned' : 'draft' };
    }
    case 'submit': {
      requireWorker(review, actor);
      if (!response || !['draft', 'returned'].includes(review.responseStatus ?? '')) refuse('no_draft', 'there is no draft to submit');
      if (placeholderPattern.test(response.text)) refuse('unfilled_placeholder', `fill in ${placeholderPattern.exec(response.text)![0]}`);
      // The chain is fixed for the round by the post's risk now: a rescore or a config change does not move a round in progress.
      const next: ChainedResponse = { ...response, round: response.round + 1, submittedAt: now, submittedBy: actor.username, stageIds: chainFor(post.risk?.level, rules) };
      return { ...review, ...stamp, response: next, responseStatus: 'in_approval', approvalStage: 0 };
    }
    case 'approve':
    case 'return': {
      if (!response || review.responseStatus !== 'in_approval' || review.approvalStage === undefined) refuse('not_in_approval', 'the response is not awaiting approval');
      const stageIndex = review.approvalStage;
      const stage = currentStage(review, rules);
      if (!stage) refuse('not_in_approval', `approval stage ${stageIndex} is not configured`);
      if (!stage.roles.includes(actor.role)) refuse('stage_role', `${stage.name} is decided by ${stage.roles.join('/')}`);
      if (response.authors.includes(actor.username)) refuse('own_draft', 'nobody approves a draft they wrote');
      if (action.type === 'approve' && rules.distinctApprovers && roundApproversOf(response).includes(actor.username)) {
        refuse('approved_earlier_stage', 'each stage is approved by a different person');
      }
      const decision: ApprovalDecision = {
        round: response.round, stageIndex, stageId: stage.id, decision: action.type === 'approve' ? 'approved' : 'returned',
        by: actor.username, at: now, ...(action.comment ? { comment: action.comment } : {}),
      };
      const nextResponse: ChainedResponse = { ...response, approvals: [...response.approvals, decision] };
      const base = { ...review, ...stamp, response: nextResponse };
      if (action.type === 'return') return { ...without(base, 'approvalStage'), responseStatus: 'returned' };
      const isLast = stageIndex + 1 >= stagesOfRound(response, rules).length;
      return isLast ? { ...without(base, 'approvalStage'), responseStatus: 'approved' } : { ...base, approvalStage: stageIndex + 1 };
    }
    case 'publish': {
      requireWorker(review, actor);
      if (!response || review.responseStatus !== 'approved') refuse('not_approved', 'only a fully approved response can be published');
      const published: ChainedResponse = {
        ...response, publishedAt: now, publishedBy: actor.username, ...(action.publishedUrl ? { publishedUrl: action.publishedUrl } : {}),
      };
      const first = review.firstResponseAt ? {} : {
        firstResponseAt: now, firstResponseMinutes: minutesBetween(post.firstSeenAt ?? post.crawledAt, now),
      };
      return { ...review, ...stamp, ...first, status: 'responded', response: published, responseStatus: 'published', closedAt: now };
    }
  }
}

/** The fields of a review worth showing in an audit entry (notes and response text are summarised). */
export function reviewSnapshot(review: ReviewState | undefined): Record<string, unknown> {
  if (!review) return {};
  const { notes, response, undo: _undo, responseAuthors: _authors, roundApprovers: _approvers, ...rest } = review;
  const record = response as ChainedResponse | undefined;
  return {
    ...rest,
    notes: notes?.length ?? 0,
    ...(record ? { response: { channel: record.channel, round: record.round, approvals: record.approvals.length, text: record.text.slice(0, 2000), publishedUrl: record.publishedUrl } } : {}),
  };
}
