import { describe, expect, it } from 'vitest';
import { expiredMonthlyIndices } from './retention.ts';

describe('retention', () => {
  const indices = ['y-posts-2025.10', 'y-posts-2025.11', 'y-posts-2025.12', 'y-posts-2026.11', 'y-events-2025.10', 'y-audit-2025.01', 'other-2020.01'];

  it('expires a monthly index only once its whole month is older than the retention period', () => {
    // 365 days before 2026-11-26 is 2025-11-26: October 2025 has wholly passed, November 2025 has not.
    expect(expiredMonthlyIndices(indices, ['y-posts-', 'y-events-'], 365, new Date('2026-11-26T00:00:00Z')))
      .toEqual(['y-events-2025.10', 'y-posts-2025.10']);
  });

  it('never touches indices outside the given prefixes, such as the audit trail', () => {
    expect(expiredMonthlyIndices(indices, ['y-posts-'], 1, new Date('2030-01-01T00:00:00Z'))).not.toContain('y-audit-2025.01');
  });
});
