import { defaultApprovalChains, type ApprovalStage, type ChainLevel, type ReviewConfig, type ReviewRole } from '../../../config/review-schema.ts';
import type { ResponseRecord, ReviewState } from '../../../pipeline/post-document.ts';

/** The chain settings the workflow needs. */
export type ChainRules = Pick<ReviewConfig, 'approvalStages' | 'approvalChains' | 'distinctApprovers'>;

/** A response record as the app writes it: the chain of its round is fixed when it is submitted. */
export type ChainedResponse = ResponseRecord & { stageIds?: string[] };

/** Roles that draft responses (and so can be the author a chain needs). */
export const authorRoles: readonly ReviewRole[] = ['commentator', 'reviewer', 'admin'];

const chainLevels: readonly ChainLevel[] = ['low', 'medium', 'high', 'critical'];

/** The chain level of a post: its risk level, unscored posts count as low. */
export function chainLevelOf(level: string | undefined): ChainLevel {
  return (chainLevels as readonly string[]).includes(level ?? '') ? level as ChainLevel : 'low';
}

/**
 * The stage ids a response to a post at `level` passes (in order): the configured chain, else the level's default
 * when the default stages are in use, else every configured stage (what a custom `approvalStages` alone means).
 */
export function chainFor(level: string | undefined, rules: ChainRules): string[] {
  const chainLevel = chainLevelOf(level);
  const configured = rules.approvalChains[chainLevel];
  if (configured) return configured;
  const ids = rules.approvalStages.map((stage) => stage.id);
  const fallback = defaultApprovalChains[chainLevel];
  return fallback.every((id) => ids.includes(id)) ? [...fallback] : ids;
}

/** The stages of a submitted response's round; records from before per-level chains use every stage. */
export function stagesOfRound(response: ChainedResponse | undefined, rules: ChainRules): ApprovalStage[] {
  const ids = response?.stageIds ?? rules.approvalStages.map((stage) => stage.id);
  return ids.flatMap((id) => rules.approvalStages.filter((stage) => stage.id === id));
}

/** The stage a response waits for, or undefined. */
export function currentStage(review: ReviewState, rules: ChainRules): ApprovalStage | undefined {
  if (review.responseStatus !== 'in_approval' || review.approvalStage === undefined) return undefined;
  return stagesOfRound(review.response as ChainedResponse | undefined, rules)[review.approvalStage];
}

/** Who approved in the response's current round. */
export function roundApproversOf(response: ChainedResponse | undefined): string[] {
  if (!response) return [];
  return [...new Set(response.approvals.filter((decision) => decision.round === response.round && decision.decision === 'approved').map((decision) => decision.by))];
}

/**
 * The searchable copies of the response record (`review.approvalStageId`, `responseAuthors`, `roundApprovers`,
 * `submittedBy/At`) that the personal inboxes query; recomputed from the record on every write.
 */
export function withIndexedResponseFields(review: ReviewState, rules: ChainRules): ReviewState {
  const { approvalStageId: _stage, responseAuthors: _authors, roundApprovers: _approvers, submittedBy: _by, submittedAt: _at, ...rest } = review;
  const response = review.response as ChainedResponse | undefined;
  if (!response) return rest;
  const stage = currentStage(review, rules);
  return {
    ...rest,
    responseAuthors: response.authors,
    ...(roundApproversOf(response).length ? { roundApprovers: roundApproversOf(response) } : {}),
    ...(stage ? { approvalStageId: stage.id } : {}),
    ...(response.submittedBy ? { submittedBy: response.submittedBy } : {}),
    ...(response.submittedAt ? { submittedAt: response.submittedAt } : {}),
  };
}

/** A person as the chain checks see them. */
export interface ChainPerson { username: string; role: ReviewRole; disabled?: boolean }

/** Whether `person` may decide `stage` of this response now (role, not an author, not an earlier approver of the round). */
export function mayDecide(person: ChainPerson, stage: ApprovalStage, response: ChainedResponse | undefined, rules: ChainRules): boolean {
  if (person.disabled || !stage.roles.includes(person.role)) return false;
  if (response?.authors.includes(person.username)) return false;
  return !(rules.distinctApprovers && roundApproversOf(response).includes(person.username));
}

/** Everyone who may decide the current stage of a post's response now. */
export function eligibleApprovers<P extends ChainPerson>(people: readonly P[], review: ReviewState, rules: ChainRules): P[] {
  const stage = currentStage(review, rules);
  if (!stage) return [];
  // The stage's first role first (reviewers before the administrators who may stand in), then by name.
  return people.filter((person) => mayDecide(person, stage, review.response as ChainedResponse | undefined, rules))
    .sort((a, b) => stage.roles.indexOf(a.role) - stage.roles.indexOf(b.role));
}

/** Whether a chain can be completed with these people: an author plus one decider per stage, distinct where required. */
export interface ChainStaffing {
  level: ChainLevel;
  stages: ApprovalStage[];
  /** Distinct people the chain needs (author included). */
  needed: number;
  isStaffed: boolean;
  /** Slots no remaining person can fill: 'author' or a stage. */
  unfilled: ({ kind: 'author' } | { kind: 'stage'; stage: ApprovalStage })[];
}

/**
 * Checks every level's chain against the active users: with `distinctApprovers` the author and each stage need
 * different people (a bipartite matching of slots to people), otherwise only the author must differ from the
 * approvers. Lists the slots that stay empty.
 */
export function checkChainStaffing(people: readonly ChainPerson[], rules: ChainRules): ChainStaffing[] {
  const active = people.filter((person) => !person.disabled);
  return chainLevels.map((level) => {
    const stages = stagesOfRound({ stageIds: chainFor(level, rules) } as ChainedResponse, rules);
    const slots: ({ kind: 'author'; roles: readonly ReviewRole[] } | { kind: 'stage'; stage: ApprovalStage; roles: readonly ReviewRole[] })[] = [
      { kind: 'author', roles: authorRoles }, ...stages.map((stage) => ({ kind: 'stage' as const, stage, roles: stage.roles })),
    ];
    const unfilled = rules.distinctApprovers ? unmatchedSlots(slots, active) : slotsWithoutAuthorSplit(slots, active);
    return {
      level, stages, needed: rules.distinctApprovers ? slots.length : Math.min(2, slots.length), isStaffed: unfilled.length === 0,
      unfilled: unfilled.map((slot) => (slot.kind === 'author' ? { kind: 'author' as const } : { kind: 'stage' as const, stage: slot.stage })),
    };
  });
}

type Slot = { roles: readonly ReviewRole[] };

/** Kuhn's augmenting paths: slots are few (a chain has a handful of stages), people are at most hundreds. */
function unmatchedSlots<S extends Slot>(slots: S[], people: readonly ChainPerson[]): S[] {
  const holder = new Map<number, number>();
  const tryAssign = (slot: number, seen: Set<number>): boolean => {
    for (let person = 0; person < people.length; person += 1) {
      if (seen.has(person) || !slots[slot]!.roles.includes(people[person]!.role)) continue;
      seen.add(person);
      const current = holder.get(person);
      if (current === undefined || tryAssign(current, seen)) {
        holder.set(person, slot);
        return true;
      }
    }
    return false;
  };
  return slots.filter((_, index) => !tryAssign(index, new Set()));
}

/** Without distinct approvers one person may decide every stage, but never the author: each stage needs someone besides some author. */
function slotsWithoutAuthorSplit<S extends Slot>(slots: S[], people: readonly ChainPerson[]): S[] {
  const [author, ...stages] = slots;
  const authors = people.filter((person) => author!.roles.includes(person.role));
  if (authors.length === 0) return [author!];
  return stages.filter((slot) => !authors.some((writer) => people.some((person) => person.username !== writer.username && slot.roles.includes(person.role))));
}
