import type { Client } from '@elastic/elasticsearch';

/** A response its author is typing, saved every few seconds so an expired session does not lose it. */
export interface AutosavedDraft { username: string; postId: string; text: string; channel?: string | undefined; savedAt: string }

/**
 * Autosaved drafts in `<prefix>review-drafts`, one per author and post (`_id` = `<username>:<postId>`). They are
 * not the post's response draft (saving one would bump the review revision on every keystroke pause and make
 * colleagues' pages conflict); the author's page restores one that is newer than the saved draft.
 */
export class DraftStore {
  constructor(private readonly client: Client, private readonly index: string) {}

  private id(username: string, postId: string): string {
    return `${username}:${postId}`;
  }

  async save(draft: Omit<AutosavedDraft, 'savedAt'>, savedAt = new Date().toISOString()): Promise<AutosavedDraft> {
    const document: AutosavedDraft = { ...draft, savedAt };
    await this.client.index({ index: this.index, id: this.id(draft.username, draft.postId), document, refresh: 'wait_for' });
    return document;
  }

  async find(username: string, postId: string): Promise<AutosavedDraft | undefined> {
    const response = await this.client.get<AutosavedDraft>({ index: this.index, id: this.id(username, postId) }, { ignore: [404] });
    return response.found ? response._source : undefined;
  }

  /** Forgets the autosave once the text is saved as the response draft (or submitted). */
  async discard(username: string, postId: string): Promise<void> {
    await this.client.delete({ index: this.index, id: this.id(username, postId), refresh: 'wait_for' }, { ignore: [404] });
  }
}
