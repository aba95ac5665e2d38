import { describe, expect, it } from 'vitest';
import { reviewSchema, type ReviewRole } from '../../../config/review-schema.ts';
import { chainFor, checkChainStaffing, eligibleApprovers } from './approval-chain.ts';
import { applyReviewAction } from './review-actions.ts';

const rules = reviewSchema.parse({});
const person = (username: string, role: ReviewRole, disabled = false) => ({ username, role, disabled });

describe('approval chains per risk level', () => {
  it('by default asks one stage for low and medium risk, two for high, three with a leader\'s 签发 for critical', () => {
    expect(chainFor('low', rules)).toEqual(['first']);
    expect(chainFor(undefined, rules)).toEqual(['first']);
    expect(chainFor('medium', rules)).toEqual(['first']);
    expect(chainFor('high', rules)).toEqual(['first', 'second']);
    expect(chainFor('critical', rules)).toEqual(['first', 'second', 'final']);
    expect(rules.approvalStages.find((stage) => stage.id === 'final')!.roles).toEqual(['leader', 'admin']);
  });

  it('refuses a chain naming a stage that does not exist, naming the field', () => {
    const parsed = reviewSchema.safeParse({ approvalChains: { high: ['first', 'third'] } });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]).toMatchObject({ path: ['approvalChains', 'high', 1] });
  });

  it('says which chains the current users cannot complete, and which slot stays empty', () => {
    // The first start: one administrator. Even a low-risk response needs an author and a different approver.
    const alone = checkChainStaffing([person('admin', 'admin')], rules);
    expect(alone.every((chain) => !chain.isStaffed)).toBe(true);
    expect(alone.find((chain) => chain.level === 'critical')).toMatchObject({ needed: 4 });
    // A small team: a commentator, a reviewer and the admin can finish low/medium/high but not 签发 as a fourth person.
    const team = [person('zhang', 'commentator'), person('li', 'reviewer'), person('admin', 'admin'), person('gone', 'leader', true)];
    const staffing = checkChainStaffing(team, rules);
    expect(staffing.filter((chain) => chain.isStaffed).map((chain) => chain.level)).toEqual(['low', 'medium', 'high']);
    const critical = staffing.find((chain) => chain.level === 'critical')!;
    expect(critical.unfilled).toHaveLength(1);
    // With a leader the matching finds a way: zhang writes, li 初审, admin 复审, chen 签发.
    expect(checkChainStaffing([...team, person('chen', 'leader')], rules).every((chain) => chain.isStaffed)).toBe(true);
    // Without distinct approvers one reviewer may decide every stage (but never their own draft).
    const relaxed = reviewSchema.parse({ distinctApprovers: false, approvalChains: { critical: ['first', 'second'] } });
    expect(checkChainStaffing([person('zhang', 'commentator'), person('li', 'reviewer')], relaxed).every((chain) => chain.isStaffed)).toBe(true);
  });

  it('names who may still decide the current stage: not the author, not an earlier approver of the round', () => {
    const post = { crawledAt: '2026-11-26T02:00:00.000Z', risk: { level: 'critical' } };
    const at = (minute: number) => `2026-11-26T03:${String(minute).padStart(2, '0')}:00.000Z`;
    let review = applyReviewAction({ status: 'new', revision: 0 }, { type: 'draft', text: '稿', channel: 'website' }, { username: 'li', role: 'reviewer' }, rules, post, at(1));
    review = applyReviewAction(review, { type: 'submit' }, { username: 'li', role: 'reviewer' }, rules, post, at(2));
    const people = [person('li', 'reviewer'), person('wang', 'reviewer'), person('admin', 'admin'), person('chen', 'leader'), person('zhang', 'commentator')];
    expect(eligibleApprovers(people, review, rules).map((user) => user.username)).toEqual(['wang', 'admin']);
    review = applyReviewAction(review, { type: 'approve' }, { username: 'wang', role: 'reviewer' }, rules, post, at(3));
    expect(eligibleApprovers(people, review, rules).map((user) => user.username)).toEqual(['admin']);
    review = applyReviewAction(review, { type: 'approve' }, { username: 'admin', role: 'admin' }, rules, post, at(4));
    expect(eligibleApprovers(people, review, rules).map((user) => user.username)).toEqual(['chen']);
  });
});
