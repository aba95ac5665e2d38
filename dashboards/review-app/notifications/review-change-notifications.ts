import type { ReviewState } from '../../../pipeline/post-document.ts';
import type { PublicUser } from '../auth/review-user.ts';
import { currentStage, eligibleApprovers, type ChainedResponse, type ChainRules } from '../posts/approval-chain.ts';
import type { Actor, ReviewAction } from '../posts/review-actions.ts';
import type { NewNotification } from './notification-store.ts';

const supervisorRoles = ['reviewer', 'admin'];

/**
 * Who hears about a review change, and what (pure): a submitted or passed-on response reaches everyone who may
 * decide its next stage; a returned one its authors and the assignee; a fully approved one the same; an
 * escalation every reviewer and admin; an assignment the assignee; a take-over the person it was taken from.
 * The actor is never told about their own action.
 */
export function notificationsForChange(input: {
  before: ReviewState;
  after: ReviewState;
  action: ReviewAction;
  actor: Actor;
  post: { id: string; title: string };
  people: readonly PublicUser[];
  rules: ChainRules;
}): NewNotification[] {
  const { before, after, action, actor, post, people, rules } = input;
  const response = after.response as ChainedResponse | undefined;
  const base = { postId: post.id, postRevision: after.revision, postTitle: post.title, actor: actor.username };
  const to = (usernames: Iterable<string | undefined>, kind: NewNotification['kind'], details?: Record<string, string>): NewNotification[] =>
    [...new Set([...usernames].filter((name): name is string => !!name && name !== actor.username))]
      .filter((name) => people.some((person) => person.username === name && !person.disabled))
      .map((recipient) => ({ ...base, recipient, kind, ...(details ? { details } : {}) }));
  const comment: Record<string, string> = 'comment' in action && action.comment ? { comment: action.comment } : {};

  switch (action.type) {
    case 'submit':
    case 'approve': {
      if (after.responseStatus === 'in_approval') {
        const stage = currentStage(after, rules);
        return to(eligibleApprovers(people, after, rules).map((person) => person.username), 'approval_requested', { stage: stage?.name ?? '', ...comment });
      }
      if (after.responseStatus === 'approved') return to([...(response?.authors ?? []), after.assignee], 'approved', comment);
      return [];
    }
    case 'return':
      return to([...(response?.authors ?? []), after.assignee], 'returned', { stage: currentStage(before, rules)?.name ?? '', ...comment });
    case 'escalate':
      return to(people.filter((person) => supervisorRoles.includes(person.role)).map((person) => person.username), 'escalated', comment);
    case 'assign':
      return before.assignee === after.assignee ? [] : to([after.assignee], 'assigned');
    case 'claim':
      return before.assignee && before.assignee !== actor.username ? to([before.assignee], 'taken_over', comment) : [];
    case 'publish':
      return to([...(response?.authors ?? []), after.assignee], 'published');
    default:
      return [];
  }
}
