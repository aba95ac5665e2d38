import { randomUUID } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import type { Logger } from 'pino';
import type { IndexNames } from '../../../pipeline/post-document.ts';
import type { AuditEntry } from './audit-entry.ts';

/**
 * Appends audit entries to the monthly audit indices (the template puts them behind the `audit` alias).
 * Entries are refreshed at once: the item's history is read right after the action that wrote it.
 */
export class AuditLog {
  constructor(private readonly client: Client, private readonly names: IndexNames, private readonly logger: Logger) {}

  /** Writes one entry; retries a few times, then logs it in full so it is never silently lost. */
  async write(entry: Omit<AuditEntry, 'at' | 'entryId'> & { at?: string }): Promise<void> {
    const document: AuditEntry = { ...entry, entryId: randomUUID(), at: entry.at ?? new Date().toISOString() };
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.client.index({ index: this.names.auditIndexFor(document.at), id: document.entryId, document, op_type: 'create', refresh: true });
        return;
      } catch (error) {
        // A retry after a lost response finds the entry already written: that is success.
        if ((error as { meta?: { statusCode?: number } }).meta?.statusCode === 409) return;
        if (attempt >= 3) {
          this.logger.error({ err: error, audit: document }, 'audit entry could not be written to Elasticsearch');
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }
}
