import { html, type HtmlValue, type SafeHtml } from '../../view/html.ts';

/** How a form asks before it acts: a message, and optionally a reason the person must type (sent as `comment`). */
export interface Confirmation { message: string; reasonLabel?: string | undefined }

/**
 * A form that posts JSON to one post action, carrying the revision the user saw. With `confirm`, the page asks in a
 * dialog first (and requires the reason), so a take-over, a dismissal or an escalation is never a stray click.
 */
export function actionForm(postId: string, action: string, revision: number, fields: HtmlValue, options: { method?: string; className?: string; confirm?: Confirmation } = {}): SafeHtml {
  const confirm = options.confirm;
  return html`<form class="${options.className ?? 'action-form'}" data-action="/api/posts/${encodeURIComponent(postId)}/${action}"${options.method ? html` data-method="${options.method}"` : ''} data-name="${action}"${confirm ? html` data-confirm="${confirm.message}"` : ''}${confirm?.reasonLabel ? html` data-confirm-reason="${confirm.reasonLabel}"` : ''}>
    <input type="hidden" name="expectedRevision" value="${revision}">${fields}</form>`;
}
