import { describe, expect, it } from 'vitest';
import { reviewSchema } from '../../../config/review-schema.ts';
import type { ReviewState } from '../../../pipeline/post-document.ts';
import { applyReviewAction, ReviewActionError, type Actor, type ReviewAction } from './review-actions.ts';

const rules = reviewSchema.parse({});
const post = { firstSeenAt: '2026-11-26T02:00:00.000Z', crawledAt: '2026-11-26T02:00:00.000Z' };
const zhang: Actor = { username: 'zhang', role: 'commentator' };
const liu: Actor = { username: 'liu', role: 'commentator' };
const li: Actor = { username: 'li', role: 'reviewer' };
const wang: Actor = { username: 'wang', role: 'reviewer' };
const zhao: Actor = { username: 'zhao', role: 'admin' };

let clock = Date.parse('2026-11-26T02:30:00.000Z');
function act(review: ReviewState, action: ReviewAction, actor: Actor): ReviewState {
  clock += 60_000;
  return applyReviewAction(review, action, actor, rules, post, new Date(clock).toISOString());
}
function refusal(review: ReviewState, action: ReviewAction, actor: Actor): string {
  try {
    act(review, action, actor);
  } catch (error) {
    if (error instanceof ReviewActionError) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
}
const fresh: ReviewState = { status: 'new', revision: 0 };

describe('review actions', () => {
  it('claims a new post, bumping the revision, and keeps others\' hands off it', () => {
    const claimed = act(fresh, { type: 'claim' }, zhang);
    expect(claimed).toMatchObject({ status: 'in_progress', assignee: 'zhang', revision: 1, updatedBy: 'zhang' });
    expect(refusal(claimed, { type: 'claim' }, liu)).toBe('claimed_by_other');
    expect(refusal(claimed, { type: 'dismiss', reason: 'false-positive' }, liu)).toBe('not_assignee');
    expect(act(claimed, { type: 'claim' }, li)).toMatchObject({ assignee: 'li', revision: 2 });
  });

  it('dismisses only with a configured reason and reopens for a reviewer', () => {
    const claimed = act(fresh, { type: 'claim' }, zhang);
    expect(refusal(claimed, { type: 'dismiss', reason: 'bored' }, zhang)).toBe('unknown_reason');
    const dismissed = act(claimed, { type: 'dismiss', reason: 'false-positive' }, zhang);
    expect(dismissed).toMatchObject({ status: 'dismissed', dismissReason: 'false-positive' });
    expect(dismissed.closedAt).toBeDefined();
    expect(refusal(dismissed, { type: 'claim' }, zhang)).toBe('closed');
    const reopened = act(dismissed, { type: 'reopen' }, li);
    expect(reopened.status).toBe('in_progress');
    expect(reopened.dismissReason).toBeUndefined();
    expect(reopened.closedAt).toBeUndefined();
  });

  it('hands an escalated post to reviewers', () => {
    const escalated = act(act(fresh, { type: 'claim' }, zhang), { type: 'escalate' }, zhang);
    expect(escalated.status).toBe('escalated');
    expect(refusal(escalated, { type: 'draft', text: '回应', channel: 'website' }, zhang)).toBe('escalated_needs_reviewer');
    expect(act(escalated, { type: 'claim' }, li)).toMatchObject({ status: 'escalated', assignee: 'li' });
  });

  it('passes a response through 初审 → 复审 → 终审 with three different approvers, then publishes it', () => {
    let review = act(fresh, { type: 'claim' }, zhang);
    review = act(review, { type: 'draft', text: '您好，相关部门已介入处理。', channel: 'official-weibo' }, zhang);
    expect(review.responseStatus).toBe('draft');
    expect(refusal(review, { type: 'approve' }, li)).toBe('not_in_approval');
    expect(refusal(review, { type: 'publish' }, zhang)).toBe('not_approved');
    review = act(review, { type: 'submit' }, zhang);
    expect(review).toMatchObject({ responseStatus: 'in_approval', approvalStage: 0 });
    expect(refusal(review, { type: 'draft', text: '改', channel: 'website' }, zhang)).toBe('response_locked');
    expect(refusal(review, { type: 'approve' }, zhang)).toBe('stage_role');
    review = act(review, { type: 'approve', comment: '同意' }, li);
    expect(review.approvalStage).toBe(1);
    expect(refusal(review, { type: 'approve' }, li)).toBe('approved_earlier_stage');
    review = act(review, { type: 'approve' }, wang);
    expect(refusal(review, { type: 'publish' }, zhang)).toBe('not_approved');
    review = act(review, { type: 'approve' }, zhao);
    expect(review.responseStatus).toBe('approved');
    expect(review.approvalStage).toBeUndefined();
    review = act(review, { type: 'publish', publishedUrl: 'https://weibo.example.cn/123' }, zhang);
    expect(review).toMatchObject({ status: 'responded', responseStatus: 'published' });
    expect(review.firstResponseAt).toBe(new Date(clock).toISOString());
    expect(review.firstResponseMinutes).toBe((clock - Date.parse(post.firstSeenAt)) / 60_000);
    const response = review.response as { approvals: { stageId: string; by: string }[]; publishedUrl: string };
    expect(response.approvals.map((decision) => [decision.stageId, decision.by])).toEqual([['first', 'li'], ['second', 'wang'], ['final', 'zhao']]);
    expect(response.publishedUrl).toBe('https://weibo.example.cn/123');
  });

  it('never lets an author approve their own draft, even a reviewer who edited it', () => {
    let review = act(fresh, { type: 'claim' }, li);
    review = act(review, { type: 'draft', text: '草稿', channel: 'website' }, li);
    review = act(review, { type: 'submit' }, li);
    expect(refusal(review, { type: 'approve' }, li)).toBe('own_draft');
    expect(refusal(review, { type: 'return', comment: '自己退回' }, li)).toBe('own_draft');
  });

  it('returns a draft with a comment, lets it be edited and resubmitted as a new round', () => {
    let review = act(fresh, { type: 'claim' }, zhang);
    review = act(review, { type: 'draft', text: '初稿', channel: 'website' }, zhang);
    review = act(review, { type: 'submit' }, zhang);
    review = act(review, { type: 'approve' }, li);
    review = act(review, { type: 'return', comment: '措辞需更正式' }, wang);
    expect(review.responseStatus).toBe('returned');
    expect(review.approvalStage).toBeUndefined();
    review = act(review, { type: 'draft', text: '修改稿', channel: 'website' }, zhang);
    expect(review.responseStatus).toBe('returned');
    review = act(review, { type: 'submit' }, zhang);
    expect(review).toMatchObject({ responseStatus: 'in_approval', approvalStage: 0 });
    // A new round: li may approve the first stage again.
    review = act(review, { type: 'approve' }, li);
    const response = review.response as { round: number; text: string; approvals: { round: number; decision: string; comment?: string }[] };
    expect(response.round).toBe(2);
    expect(response.text).toBe('修改稿');
    expect(response.approvals.map((decision) => [decision.round, decision.decision])).toEqual([[1, 'approved'], [1, 'returned'], [2, 'approved']]);
  });

  it('follows a configured chain: a two-stage chain where only admins decide the last stage', () => {
    const twoStages = reviewSchema.parse({ approvalStages: [
      { id: 'check', name: '审核', nameEn: 'Check' }, { id: 'sign-off', name: '签发', nameEn: 'Sign-off', roles: ['admin'] },
    ] });
    let review = act(fresh, { type: 'claim' }, zhang);
    review = act(review, { type: 'draft', text: '稿', channel: 'website' }, zhang);
    review = act(review, { type: 'submit' }, zhang);
    review = applyReviewAction(review, { type: 'approve' }, li, twoStages, post, new Date(clock).toISOString());
    expect(() => applyReviewAction(review, { type: 'approve' }, wang, twoStages, post, new Date(clock).toISOString())).toThrow(ReviewActionError);
    review = applyReviewAction(review, { type: 'approve' }, zhao, twoStages, post, new Date(clock).toISOString());
    expect(review.responseStatus).toBe('approved');
  });

  it('lets a commentator note only posts that are unclaimed or theirs; reviewers note any', () => {
    const claimed = act(fresh, { type: 'claim' }, liu);
    expect(refusal(claimed, { type: 'note', text: '别人的帖子' }, zhang)).toBe('claimed_by_other');
    expect(act(claimed, { type: 'note', text: '我认领的' }, liu).notes?.map((note) => note.by)).toEqual(['liu']);
    expect(act(claimed, { type: 'note', text: '审核意见' }, li).notes?.map((note) => note.by)).toEqual(['li']);
    const escalated = act(claimed, { type: 'escalate' }, liu);
    expect(refusal(escalated, { type: 'note', text: 'x' }, zhang)).toBe('claimed_by_other');
  });

  it('keeps notes in order without claiming the post', () => {
    const noted = act(act(fresh, { type: 'note', text: '第一条' }, zhang), { type: 'note', text: '第二条' }, li);
    expect(noted.notes?.map((note) => [note.by, note.text])).toEqual([['zhang', '第一条'], ['li', '第二条']]);
    expect(noted.status).toBe('new');
    expect(noted.revision).toBe(2);
  });
});
