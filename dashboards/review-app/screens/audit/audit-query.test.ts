import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testElasticsearch } from '../../../../tests/support/test-elasticsearch.ts';
import { testLogger } from '../../../../tests/support/test-logger.ts';
import type { AuditEntry } from '../../audit/audit-entry.ts';
import { AuditLog } from '../../audit/audit-log.ts';
import { ensureReviewIndices } from '../../review-indices.ts';
import { encodeCursor, type SortValues } from '../../search-cursor.ts';
import { csvCell } from './audit-export.ts';
import { auditQuerySchema, buildAuditSearch } from './audit-query.ts';

const es = testElasticsearch(import.meta.url);
const config = es.config();

describe('audit query (against a real audit index)', () => {
  let alias: string;
  beforeAll(async () => {
    await es.clean();
    const names = await ensureReviewIndices(es.client, config);
    alias = names.shared.audit;
    const log = new AuditLog(es.client, names.shared, testLogger());
    // Two months apart: two monthly indices behind one alias.
    const entries: [string, string, string][] = [
      ['2026-10-30T08:00:00.000Z', 'zhang', 'post.claim'], ['2026-11-25T16:30:00.000Z', 'zhang', 'response.draft'],
      ['2026-11-26T01:00:00.000Z', 'li', 'response.approve'], ['2026-11-26T02:00:00.000Z', 'li', 'response.return'],
      ['2026-11-26T03:00:00.000Z', 'admin', 'user.disable'],
    ];
    for (const [at, actor, action] of entries) await log.write({ at, actor, action, targetType: action.startsWith('user') ? 'user' : 'post', targetId: 'p1', outcome: 'ok' });
  });
  afterAll(() => es.clean());

  const search = async (query: Record<string, unknown>, size = 100) => {
    const response = await es.client.search<AuditEntry>(buildAuditSearch(alias, auditQuerySchema.parse(query), { size, timeZone: 'Asia/Shanghai' }));
    return response.hits.hits;
  };
  const actions = (hits: { _source?: AuditEntry }[]) => hits.map((hit) => hit._source!.action);

  it('lists entries newest first across monthly indices', async () => {
    expect(actions(await search({}))).toEqual(['user.disable', 'response.return', 'response.approve', 'response.draft', 'post.claim']);
    expect(Object.keys(await es.client.indices.get({ index: `${alias}-*` })).sort()).toEqual([`${alias}-2026.10`, `${alias}-2026.11`]);
  });

  it('filters by actor, action or action family, and by days in the configured time zone', async () => {
    expect(actions(await search({ actor: 'li' }))).toEqual(['response.return', 'response.approve']);
    expect(actions(await search({ action: 'response.' }))).toEqual(['response.return', 'response.approve', 'response.draft']);
    expect(actions(await search({ action: 'response.approve' }))).toEqual(['response.approve']);
    // 2026-11-25T16:30Z is already the 26th in Beijing.
    expect(actions(await search({ from: '2026-11-26', to: '2026-11-26' }))).toEqual(['user.disable', 'response.return', 'response.approve', 'response.draft']);
    expect(actions(await search({ targetType: 'user' }))).toEqual(['user.disable']);
  });

  it('pages with search_after without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const hits = await search(cursor ? { cursor } : {}, 2);
      seen.push(...actions(hits));
      if (hits.length < 2) break;
      cursor = encodeCursor(hits.at(-1)!.sort as SortValues);
    }
    expect(seen).toEqual(['user.disable', 'response.return', 'response.approve', 'response.draft', 'post.claim']);
  });

  it('writes CSV cells a spreadsheet will not evaluate', () => {
    expect(csvCell('=cmd|\' /C calc\'!A0')).toBe('"\'=cmd|\' /C calc\'!A0"');
    expect(csvCell('+1')).toBe('"\'+1"');
    expect(csvCell('说 "你好"')).toBe('"说 ""你好"""');
    expect(csvCell({ status: 'new' })).toBe('"{""status"":""new""}"');
    expect(csvCell(undefined)).toBe('""');
  });
});
