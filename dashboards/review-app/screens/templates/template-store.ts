import { randomUUID } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';

/** A template's state: written (draft), approved for use, or withdrawn. */
export const templateStatuses = ['draft', 'approved', 'retired'] as const;
export type TemplateStatus = (typeof templateStatuses)[number];

/** A reusable, approved answer (口径) for a topic, with {{placeholders}} filled from the post while drafting. */
export interface ResponseTemplate {
  templateId: string;
  title: string;
  /** A risk category id, or a free topic. */
  topic: string;
  text: string;
  status: TemplateStatus;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  approvedBy?: string | undefined;
  approvedAt?: string | undefined;
  revision: number;
}

/** Why a template change was refused. */
export class TemplateError extends Error {
  override name = 'TemplateError';
  constructor(readonly code: 'not_found' | 'conflict' | 'own_template' | 'not_draft', message: string) {
    super(message);
  }
}

/**
 * The 口径库 in `<prefix>review-templates`. Editing an approved template makes it a draft again, and approval
 * needs someone other than its last editor: an answer the organisation gives in many places is checked once, by
 * a second person, like a response.
 */
export class TemplateStore {
  constructor(private readonly client: Client, private readonly index: string) {}

  async list(options: { status?: TemplateStatus } = {}): Promise<ResponseTemplate[]> {
    const response = await this.client.search<ResponseTemplate>({
      index: this.index, size: 500, ignore_unavailable: true,
      query: options.status ? { term: { status: options.status } } : { match_all: {} }, sort: [{ topic: 'asc' }, { 'title.keyword': 'asc' }],
    });
    return response.hits.hits.map((hit) => hit._source!);
  }

  async get(templateId: string): Promise<{ template: ResponseTemplate; seqNo: number; primaryTerm: number }> {
    const response = await this.client.get<ResponseTemplate>({ index: this.index, id: templateId }, { ignore: [404] });
    if (!response.found || !response._source) throw new TemplateError('not_found', `no template ${templateId}`);
    return { template: response._source, seqNo: response._seq_no!, primaryTerm: response._primary_term! };
  }

  async create(input: { title: string; topic: string; text: string }, by: string, now = new Date().toISOString()): Promise<ResponseTemplate> {
    const template: ResponseTemplate = { ...input, templateId: randomUUID(), status: 'draft', createdBy: by, createdAt: now, updatedBy: by, updatedAt: now, revision: 1 };
    await this.client.create({ index: this.index, id: template.templateId, document: template, refresh: 'wait_for' });
    return template;
  }

  private async change(templateId: string, expectedRevision: number, apply: (template: ResponseTemplate) => ResponseTemplate): Promise<{ before: ResponseTemplate; after: ResponseTemplate }> {
    const { template, seqNo, primaryTerm } = await this.get(templateId);
    if (template.revision !== expectedRevision) throw new TemplateError('conflict', `${template.updatedBy} changed the template first`);
    const after = { ...apply(template), revision: template.revision + 1 };
    try {
      await this.client.index({ index: this.index, id: templateId, document: after, if_seq_no: seqNo, if_primary_term: primaryTerm, refresh: 'wait_for' });
    } catch (error) {
      if ((error as { meta?: { statusCode?: number } }).meta?.statusCode === 409) throw new TemplateError('conflict', 'changed at the same time');
      throw error;
    }
    return { before: template, after };
  }

  /** New text or title: the template needs approving again. */
  update(templateId: string, expectedRevision: number, input: { title: string; topic: string; text: string }, by: string, now = new Date().toISOString()) {
    return this.change(templateId, expectedRevision, (template) => {
      const { approvedBy: _by, approvedAt: _at, ...rest } = template;
      return { ...rest, ...input, status: 'draft', updatedBy: by, updatedAt: now };
    });
  }

  approve(templateId: string, expectedRevision: number, by: string, now = new Date().toISOString()) {
    return this.change(templateId, expectedRevision, (template) => {
      if (template.status !== 'draft') throw new TemplateError('not_draft', 'only a draft is approved');
      if (template.updatedBy === by || template.createdBy === by) throw new TemplateError('own_template', 'approve a template someone else wrote');
      return { ...template, status: 'approved', approvedBy: by, approvedAt: now, updatedAt: now };
    });
  }

  retire(templateId: string, expectedRevision: number, by: string, now = new Date().toISOString()) {
    return this.change(templateId, expectedRevision, (template) => ({ ...template, status: 'retired', updatedBy: by, updatedAt: now }));
  }
}

/** The values a template's placeholders take for one post. */
export interface PlaceholderValues { [name: string]: string | undefined }

/** The template text with every known {{placeholder}} filled; unknown ones stay for the author to fill (submit refuses them). */
export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(/\{\{([^{}\n]{1,20})\}\}/g, (whole, name: string) => values[name.trim()] || whole);
}
