import type { RiskLevel } from '../display-names.ts';

/** Something that can alert: a post at high/critical risk, or a spike that started. */
export type AlertSubject = PostSubject | SpikeSubject;

/** The fields of a stored post an alert needs. */
export interface PostSubject {
  kind: 'post';
  /** State document id: `post:<postId>`. */
  key: string;
  postId: string;
  /** Cool-down group: the post's event, else the post it duplicates, else itself. */
  eventKey: string;
  level: RiskLevel;
  levelRank: number;
  score: number;
  packIds: string[];
  categories: string[];
  ruleNames: string[];
  title: string;
  excerpt: string;
  url: string;
  sourceId?: string | undefined;
  sourceName: string;
  publishedAt: string;
  lastSeenAt: string;
  /** Set on a 超时 alert: the post passed its handling deadline (`review.sla`) while still open. */
  overdue?: { deadlineAt: string; slaMinutes: number; status: string; assignee?: string | undefined } | undefined;
}

/** The fields of a stored spike an alert needs. */
export interface SpikeSubject {
  kind: 'spike';
  /** State document id: `spike:<spikeId>`. */
  key: string;
  spikeId: string;
  eventKey: string;
  dimension: 'rule' | 'category' | 'keyword';
  value: string;
  count: number;
  baselineMean: number;
  windowStart: string;
  windowEnd: string;
  detectedAt: string;
  /** The highest-risk post of the spike's window, so the alert links to a source. */
  example?: { title: string; url: string; postId?: string | undefined } | undefined;
}

/** Rank used to order and compare subjects; a spike ranks like a high-risk post. */
export function subjectRank(subject: AlertSubject): number {
  return subject.kind === 'post' ? subject.levelRank : 3;
}
