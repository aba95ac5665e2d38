import { randomUUID } from 'node:crypto';
import type { ReviewConfig, ReviewRole } from '../../../config/review-schema.ts';
import type { ApprovalDecision, ResponseRecord, ReviewState } from '../../../pipeline/post-document.ts';

/** Who acts. */
export interface Actor { username: string; role: ReviewRole }

/** Everything a reviewer can do to a post, with its input. */
export type ReviewAction =
  | { type: 'claim' }
  | { type: 'release' }
  | { type: 'assign'; assignee: string }
  | { type: 'dismiss'; reason: string; comment?: string | undefined }
  | { type: 'escalate'; comment?: string | undefined }
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
  | 'own_draft' | 'approved_earlier_stage' | 'not_approved' | 'bad_link' | 'not_closed';

/** An action refused for the post's state; `code` names the reason for the UI. */
export class ReviewActionError extends Error {
  override name = 'ReviewActionError';
  constructor(readonly code: ReviewRefusal, message: string) {
    super(message);
  }
}

/** The workflow settings an action needs. */
export type ReviewRules = Pick<ReviewConfig, 'approvalStages' | 'distinctApprovers' | 'dismissReasons' | 'responseChannels'>;

/** The post fields an action may read besides `review`. */
export interface PostTimes { firstSeenAt?: string | undefined; crawledAt: string }

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

function responseOf(review: ReviewState): ResponseRecord | undefined {
  return review.response as ResponseRecord | undefined;
}

function minutesBetween(from: string, to: string): number {
  return Math.round(((Date.parse(to) - Date.parse(from)) / 60_000) * 10) / 10;
}

/**
 * Applies one action to a post's review state and returns the next state (revision + 1), or throws
 * `ReviewActionError` when the action does not fit the current state. Pure: no I/O, time passed in.
 */
export function applyReviewAction(review: ReviewState, action: ReviewAction, actor: Actor, rules: ReviewRules, post: PostTimes, now: string): ReviewState {
  const stamp = { revision: review.revision + 1, updatedAt: now, updatedBy: actor.username };
  const response = responseOf(review);
  switch (action.type) {
    case 'claim': {
      requireOpen(review);
      if (review.assignee === actor.username && review.status !== 'new') refuse('already_yours', 'you already hold this post');
      if (review.assignee && review.assignee !== actor.username && !isSupervisor(actor)) refuse('claimed_by_other', `claimed by ${review.assignee}`);
      if (review.status === 'escalated' && !isSupervisor(actor)) refuse('escalated_needs_reviewer', 'an escalated post is handled by a reviewer');
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
      return { ...review, ...stamp, status: 'escalated', escalatedAt: now };
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
      const next: ResponseRecord = {
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
      const next: ResponseRecord = { ...response, round: response.round + 1, submittedAt: now, submittedBy: actor.username };
      return { ...review, ...stamp, response: next, responseStatus: 'in_approval', approvalStage: 0 };
    }
    case 'approve':
    case 'return': {
      if (!response || review.responseStatus !== 'in_approval' || review.approvalStage === undefined) refuse('not_in_approval', 'the response is not awaiting approval');
      const stageIndex = review.approvalStage;
      const stage = rules.approvalStages[stageIndex];
      if (!stage) refuse('not_in_approval', `approval stage ${stageIndex} is not configured`);
      if (!stage.roles.includes(actor.role)) refuse('stage_role', `${stage.name} is decided by ${stage.roles.join('/')}`);
      if (response.authors.includes(actor.username)) refuse('own_draft', 'nobody approves a draft they wrote');
      const thisRound = response.approvals.filter((decision) => decision.round === response.round);
      if (action.type === 'approve' && rules.distinctApprovers && thisRound.some((decision) => decision.by === actor.username && decision.decision === 'approved')) {
        refuse('approved_earlier_stage', 'each stage is approved by a different person');
      }
      const decision: ApprovalDecision = {
        round: response.round, stageIndex, stageId: stage.id, decision: action.type === 'approve' ? 'approved' : 'returned',
        by: actor.username, at: now, ...(action.comment ? { comment: action.comment } : {}),
      };
      const nextResponse: ResponseRecord = { ...response, approvals: [...response.approvals, decision] };
      const base = { ...review, ...stamp, response: nextResponse };
      if (action.type === 'return') return { ...without(base, 'approvalStage'), responseStatus: 'returned' };
      const isLast = stageIndex + 1 >= rules.approvalStages.length;
      return isLast ? { ...without(base, 'approvalStage'), responseStatus: 'approved' } : { ...base, approvalStage: stageIndex + 1 };
    }
    case 'publish': {
      requireWorker(review, actor);
      if (!response || review.responseStatus !== 'approved') refuse('not_approved', 'only a fully approved response can be published');
      const published: ResponseRecord = {
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
  const { notes, response, ...rest } = review;
  const record = response as ResponseRecord | undefined;
  return {
    ...rest,
    notes: notes?.length ?? 0,
    ...(record ? { response: { channel: record.channel, round: record.round, approvals: record.approvals.length, text: record.text.slice(0, 2000), publishedUrl: record.publishedUrl } } : {}),
  };
}
