import { DateTime } from 'luxon';
import type { ResponsibleUnit } from '../../config/review-schema.ts';
import { reviewStatusNames, riskLevelNames, type ReviewStatus, type RiskLevel } from '../display-names.ts';

/** What a story's posts say about its handling, counted over the story's posts as they stand now. */
export interface StoryHandling {
  /** Posts of the story per review status. */
  byStatus: Partial<Record<ReviewStatus, number>>;
  /** Posts with a published response. */
  responded: number;
  /** Responses in approval. */
  inApproval: number;
  /** The units the story's posts were handed to, most posts first. */
  units: string[];
}

/** The facts a leader reads about one story. */
export interface StoryFacts {
  maxRiskLevel: RiskLevel;
  postCount: number;
  sourceCount: number;
  firstSeenAt: string;
  negativeShare: number;
  postsLastHour: number;
  growthRate: number;
  categories: string[];
}

/**
 * The assessment (研判) of a story in one sentence, built from counts only — no word that the data does not carry
 * ("严重 · 3 个来源 12 条 · 首发 11-26 08:10 · 负面占 83% · 近一小时 5 条，为前一小时的 2.5 倍").
 */
export function assessStory(story: StoryFacts, timeZone: string): string {
  const parts = [
    `${riskLevelNames[story.maxRiskLevel]}风险`,
    `${story.sourceCount} 个来源 ${story.postCount} 条`,
    `首发 ${DateTime.fromISO(story.firstSeenAt, { zone: timeZone }).toFormat('MM-dd HH:mm')}`,
    `负面占 ${(story.negativeShare * 100).toFixed(0)}%`,
  ];
  if (story.postsLastHour > 0) parts.push(`近一小时 ${story.postsLastHour} 条${story.growthRate > 1 ? `，为前一小时的 ${story.growthRate.toFixed(1)} 倍` : ''}`);
  return parts.join(' · ');
}

/** The handling status of a story in words: 已回应, 审批中, 处理中 (n 条), 已上报, 未处置, 已排除. */
export function storyStatus(handling: StoryHandling): string {
  const count = (status: ReviewStatus) => handling.byStatus[status] ?? 0;
  if (handling.responded > 0) return `${reviewStatusNames.responded}（${handling.responded} 条）`;
  if (handling.inApproval > 0) return `回应审批中（${handling.inApproval} 条）`;
  if (count('escalated') > 0) return `${reviewStatusNames.escalated}（${count('escalated')} 条）`;
  if (count('in_progress') > 0) return `${reviewStatusNames.in_progress}（${count('in_progress')} 条）`;
  if (count('new') > 0) return `未处置（${count('new')} 条待处理）`;
  if (count('dismissed') > 0) return reviewStatusNames.dismissed;
  return '—';
}

/** The responsible unit of a story: the unit its posts were handed to, else the one the config proposes for its categories. */
export function responsibleUnitOf(handling: StoryHandling, categories: string[], units: readonly ResponsibleUnit[]): { name: string; isProposed: boolean } | undefined {
  const assigned = handling.units.map((id) => units.find((unit) => unit.id === id)).find((unit) => unit !== undefined);
  if (assigned) return { name: assigned.name, isProposed: false };
  const proposed = units.find((unit) => unit.categories.some((category) => categories.includes(category)));
  return proposed ? { name: proposed.name, isProposed: true } : undefined;
}
