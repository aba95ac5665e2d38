import { formatTime } from '../../i18n/ui-language.ts';
import { html, type SafeHtml } from '../../view/html.ts';
import { badge, renderPage, type PageContext } from '../../view/page-layout.ts';
import type { ResponseTemplate } from './template-store.ts';

const workers = ['commentator', 'reviewer', 'admin'];
const supervisors = ['reviewer', 'admin'];

function topicOptions(context: PageContext, current?: string): SafeHtml[] {
  const { t } = context;
  const topics = ['general', ...Object.keys(t.categories)];
  return topics.map((topic) => html`<option value="${topic}"${topic === current ? html` selected` : ''}>${topic === 'general' ? t.templates.anyTopic : t.categories[topic] ?? topic}</option>`);
}

function contentFields(context: PageContext, prefix: string, template?: ResponseTemplate): SafeHtml {
  const { t } = context;
  return html`<div class="field-row"><div class="field"><label for="${prefix}-title">${t.templates.name}</label><input id="${prefix}-title" name="title" required maxlength="100" value="${template?.title ?? ''}"></div>
    <div class="field"><label for="${prefix}-topic">${t.templates.topic}</label><select id="${prefix}-topic" name="topic">${topicOptions(context, template?.topic)}</select></div></div>
    <div class="field"><label for="${prefix}-text">${t.templates.text}</label><textarea id="${prefix}-text" name="text" required maxlength="5000">${template?.text ?? ''}</textarea></div>`;
}

/** The 口径库: approved and draft templates by topic; workers write and edit, supervisors approve (not their own) and retire. */
export function renderTemplatesPage(context: PageContext, templates: ResponseTemplate[]): SafeHtml {
  const { t, user } = context;
  const canWrite = workers.includes(user.role);
  const canApprove = supervisors.includes(user.role);
  const items = templates.map((template) => {
    const base = `/api/templates/${encodeURIComponent(template.templateId)}`;
    const revision = html`<input type="hidden" name="expectedRevision" value="${template.revision}">`;
    return html`<section class="panel template" data-template-id="${template.templateId}" data-status="${template.status}">
      <h2>${template.title} ${badge('template', template.status, t.templates.status[template.status] ?? template.status)} <span class="muted small">${template.topic === 'general' ? t.templates.anyTopic : t.categories[template.topic] ?? template.topic}</span></h2>
      <div class="response-text">${template.text}</div>
      <p class="small muted">${context.nameOf(template.updatedBy)} · ${formatTime(template.updatedAt, context.timeZone)}${template.approvedBy ? html` · ${t.templates.approvedBy(context.nameOf(template.approvedBy))}` : ''}</p>
      <div class="button-row">
        ${canApprove && template.status === 'draft' && template.updatedBy !== user.username && template.createdBy !== user.username ? html`<form class="inline" data-action="${base}/approve">${revision}<button class="button button-ok" type="submit">${t.templates.approve}</button></form>` : ''}
        ${canApprove && template.status !== 'retired' ? html`<form class="inline" data-action="${base}/retire">${revision}<button class="button" type="submit">${t.templates.retire}</button></form>` : ''}
      </div>
      ${canWrite ? html`<details class="disclosure"><summary>${t.templates.edit}</summary><form data-action="${base}" data-method="PUT">${revision}${contentFields(context, `t-${template.templateId}`, template)}
        <button class="button" type="submit">${t.templates.save}</button></form></details>` : ''}
    </section>`;
  });
  const body = html`<div class="page-head"><h1>${t.templates.title}</h1></div>
    <p class="muted">${t.templates.intro}</p>
    ${canWrite ? html`<section class="panel"><h2>${t.templates.add}</h2><form data-action="/api/templates" class="template-new">${contentFields(context, 'new')}
      <button class="button button-primary" type="submit">${t.templates.add}</button></form></section>` : ''}
    ${items.length ? items : html`<p class="empty">${t.templates.empty}</p>`}`;
  return renderPage(context, { title: t.templates.title, active: 'templates', body });
}
