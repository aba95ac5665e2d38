import type { Client } from '@elastic/elasticsearch';
import type { AuditEntry } from '../../audit/audit-entry.ts';
import { buildAuditSearch, type AuditQuery } from './audit-query.ts';

/** Columns of the CSV export, in order. */
export const auditCsvColumns = ['at', 'actor', 'actorRole', 'action', 'targetType', 'targetId', 'outcome', 'comment', 'clientAddress', 'requestId', 'before', 'after', 'details', 'entryId'] as const;

/**
 * One CSV cell: quoted, quotes doubled, and a leading `=`, `+`, `-`, `@`, tab or CR neutralised with an
 * apostrophe so a spreadsheet never runs a formula from crawled or user-typed text.
 */
export function csvCell(value: unknown): string {
  let text = value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** All entries matching the filters, newest first, a page at a time (search_after), up to `maxRows`. */
export async function* readAuditEntries(client: Client, auditAlias: string, query: AuditQuery, options: { maxRows: number; timeZone: string }): AsyncGenerator<AuditEntry> {
  let cursorValues: unknown[] | undefined;
  let count = 0;
  for (;;) {
    const request = buildAuditSearch(auditAlias, { ...query, cursor: undefined }, { size: 1000, timeZone: options.timeZone });
    const response = await client.search<AuditEntry>({ ...request, ...(cursorValues ? { search_after: cursorValues as never } : {}) });
    const hits = response.hits.hits;
    for (const hit of hits) {
      if (count >= options.maxRows) return;
      count += 1;
      yield hit._source!;
    }
    if (hits.length < 1000) return;
    cursorValues = hits.at(-1)!.sort;
  }
}

/** Streams entries as CSV (UTF-8 with BOM so spreadsheet programs read Chinese correctly) or NDJSON. */
export async function* formatAuditExport(entries: AsyncIterable<AuditEntry>, format: 'csv' | 'ndjson'): AsyncGenerator<string> {
  if (format === 'csv') yield `\uFEFF${auditCsvColumns.join(',')}\r\n`;
  for await (const entry of entries) {
    yield format === 'csv' ? `${auditCsvColumns.map((column) => csvCell(entry[column])).join(',')}\r\n` : `${JSON.stringify(entry)}\n`;
  }
}
