// Review app client: turns `<form data-action>` into JSON API calls carrying the CSRF token, asks before
// consequential actions, offers undo, keeps typed responses safe, and polls for inbox counts and new posts.
// Server data is only ever put into the page as text (textContent), never as markup.

const csrfToken = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
const bar = document.querySelector('.top-bar');
const text = (name, fallback) => bar?.dataset[name] ?? fallback;
const draftKey = (postId) => `yuqing-draft:${postId}`;

function flash(kind, message, details) {
  const box = document.getElementById('flash') ?? document.querySelector('.login-flash');
  if (!box) return;
  box.replaceChildren();
  box.classList.remove('flash-ok', 'flash-error', 'flash-conflict');
  box.classList.add('flash', `flash-${kind}`);
  const paragraph = document.createElement('p');
  paragraph.textContent = message;
  box.append(paragraph);
  if (details) box.append(details);
  box.hidden = false;
  box.scrollIntoView({ block: 'nearest' });
}

function conflictDetails(current, reloadLabel) {
  const wrapper = document.createElement('div');
  const list = document.createElement('dl');
  list.className = 'conflict-state';
  for (const [label, value] of current) {
    const term = document.createElement('dt');
    term.textContent = label;
    const description = document.createElement('dd');
    description.textContent = value;
    list.append(term, description);
  }
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.className = 'button';
  reload.textContent = reloadLabel;
  reload.addEventListener('click', () => window.location.reload());
  wrapper.append(list, reload);
  return wrapper;
}

function formBody(form) {
  const body = {};
  for (const [key, value] of new FormData(form).entries()) {
    if (typeof value !== 'string' || value.trim() === '') continue;
    body[key] = key === 'expectedRevision' ? Number(value) : value;
  }
  return body;
}

/** Asks in a dialog; with `reasonLabel` a reason of at least two characters is required. Resolves to the reason, '' or null (cancelled). */
function confirmAction(message, reasonLabel) {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.className = 'confirm-dialog';
    const form = document.createElement('form');
    form.method = 'dialog';
    const paragraph = document.createElement('p');
    paragraph.textContent = message;
    form.append(paragraph);
    let reason;
    if (reasonLabel) {
      const label = document.createElement('label');
      label.textContent = reasonLabel;
      label.htmlFor = 'confirm-reason';
      reason = document.createElement('textarea');
      reason.id = 'confirm-reason';
      reason.name = 'reason';
      reason.required = true;
      reason.minLength = 2;
      reason.maxLength = 2000;
      form.append(label, reason);
    }
    const row = document.createElement('div');
    row.className = 'button-row';
    const ok = document.createElement('button');
    ok.type = 'submit';
    ok.className = 'button button-primary';
    ok.value = 'ok';
    ok.textContent = text('textOk', 'OK');
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'button';
    cancel.textContent = text('textCancel', 'Cancel');
    cancel.addEventListener('click', () => dialog.close('cancel'));
    row.append(ok, cancel);
    form.append(row);
    dialog.append(form);
    document.body.append(dialog);
    dialog.addEventListener('close', () => {
      const value = dialog.returnValue === 'ok' ? (reason ? reason.value.trim() : '') : null;
      dialog.remove();
      resolve(value);
    });
    dialog.showModal();
    (reason ?? ok).focus();
  });
}

/** Keeps whatever is in the response box before the page leaves for the sign-in page. */
function keepDraftLocally() {
  const area = document.querySelector('textarea[data-autosave]');
  if (area && area.value.trim()) sessionStorage.setItem(draftKey(area.dataset.postId), JSON.stringify({ text: area.value, channel: document.getElementById('draft-channel')?.value }));
}

function toSignIn() {
  keepDraftLocally();
  window.location.assign(`/login?expired=1&next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
}

async function submitForm(form, submitter) {
  const method = form.dataset.method ?? 'POST';
  const body = formBody(form);
  if (submitter?.name) body[submitter.name] = submitter.value;
  if (form.dataset.confirm) {
    const reason = await confirmAction(form.dataset.confirm, form.dataset.confirmReason);
    if (reason === null) return;
    if (reason) body.comment = reason;
  }
  const buttons = form.querySelectorAll('button');
  buttons.forEach((button) => { button.disabled = true; });
  try {
    const response = await fetch(form.dataset.action, {
      method,
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, accept: 'application/json' },
      body: method === 'GET' ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
    const result = await response.json().catch(() => ({}));
    if (response.ok) {
      if (form.dataset.name === 'response' || form.dataset.name === 'response/submit') {
        const area = document.querySelector('textarea[data-autosave]');
        if (area) sessionStorage.removeItem(draftKey(area.dataset.postId));
      }
      if (form.dataset.redirect) {
        window.location.assign(result.redirect ?? form.dataset.redirect);
        return;
      }
      if (form.dataset.stay) {
        flash('ok', result.message ?? 'OK');
        return;
      }
      if (result.message) sessionStorage.setItem('yuqing-flash', result.message);
      if (result.undo) sessionStorage.setItem('yuqing-undo', JSON.stringify({ ...result.undo, until: Date.now() + result.undo.seconds * 1000 }));
      window.location.reload();
      return;
    }
    if (response.status === 401 && result.error === 'unauthenticated') {
      toSignIn();
      return;
    }
    if (response.status === 409 && result.current) {
      flash('conflict', result.message ?? 'Conflict', conflictDetails(result.current, result.reloadLabel ?? 'Reload'));
      return;
    }
    flash('error', result.message ?? `HTTP ${response.status}`);
  } catch (error) {
    flash('error', String(error));
  } finally {
    buttons.forEach((button) => { button.disabled = false; });
  }
}

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.action) return;
  event.preventDefault();
  void submitForm(form, event.submitter);
});

// Filters apply as soon as a select changes: one less click for people filtering all day.
document.addEventListener('change', (event) => {
  const field = event.target;
  if (field instanceof HTMLSelectElement && field.form?.classList.contains('filters')) field.form.requestSubmit();
});

// Phones: the filters beyond the search stay folded until asked for.
document.querySelector('.filters-toggle')?.addEventListener('click', (event) => {
  const filters = event.currentTarget.closest('form.filters');
  const isOpen = filters.classList.toggle('is-open');
  event.currentTarget.setAttribute('aria-expanded', String(isOpen));
});

// Keyboard: "/" focuses the search, j/k move through the queue, Enter opens the selected post.
document.addEventListener('keydown', (event) => {
  const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLSelectElement;
  if (typing || event.metaKey || event.ctrlKey || event.altKey) return;
  const rows = [...document.querySelectorAll('tr[data-href]')];
  const current = rows.findIndex((row) => row.classList.contains('is-selected'));
  if (event.key === '/') {
    const search = document.querySelector('input[name="q"]');
    if (search) { event.preventDefault(); search.focus(); }
  } else if ((event.key === 'j' || event.key === 'k') && rows.length > 0) {
    const next = Math.max(0, Math.min(rows.length - 1, current + (event.key === 'j' ? 1 : -1)));
    rows[current]?.classList.remove('is-selected');
    rows[next].classList.add('is-selected');
    rows[next].scrollIntoView({ block: 'nearest' });
  } else if (event.key === 'Enter' && current >= 0) {
    window.location.assign(rows[current].dataset.href);
  }
});

// After a reload: the outcome of the last action, with its undo button while it can still be undone.
const pending = sessionStorage.getItem('yuqing-flash');
const undo = JSON.parse(sessionStorage.getItem('yuqing-undo') ?? 'null');
sessionStorage.removeItem('yuqing-undo');
if (pending) {
  sessionStorage.removeItem('yuqing-flash');
  let details;
  if (undo && undo.until > Date.now()) {
    const form = document.createElement('form');
    form.className = 'inline undo-form';
    form.dataset.action = undo.action;
    const revision = document.createElement('input');
    revision.type = 'hidden';
    revision.name = 'expectedRevision';
    revision.value = String(undo.expectedRevision);
    const button = document.createElement('button');
    button.type = 'submit';
    button.className = 'button';
    button.id = 'undo-button';
    button.textContent = undo.label;
    form.append(revision, button);
    details = form;
    setTimeout(() => form.remove(), undo.until - Date.now());
  }
  flash('ok', pending, details);
}

// The response box: mirrored in this tab at every keystroke, saved on the server a few seconds after typing stops,
// restored after the session expired and the author signed in again.
const area = document.querySelector('textarea[data-autosave]');
if (area) {
  const state = document.getElementById('autosave-state');
  const hint = document.getElementById('placeholder-hint');
  const channel = document.getElementById('draft-channel');
  const showPlaceholders = () => { if (hint) hint.hidden = !/\{\{[^{}\n]{1,20}\}\}/.test(area.value); };
  let timer;
  const save = async () => {
    if (state) state.textContent = text('textSaving', '…');
    try {
      const response = await fetch(area.dataset.autosave, {
        method: 'PUT', credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, accept: 'application/json' },
        body: JSON.stringify({ text: area.value, channel: channel?.value }),
      });
      const result = await response.json().catch(() => ({}));
      if (response.status === 401) {
        keepDraftLocally();
        if (state) state.textContent = text('textExpired', '');
        return;
      }
      if (state) state.textContent = response.ok ? result.message ?? '' : result.message ?? `HTTP ${response.status}`;
    } catch {
      keepDraftLocally();
    }
  };
  const changed = () => {
    sessionStorage.setItem(draftKey(area.dataset.postId), JSON.stringify({ text: area.value, channel: channel?.value }));
    showPlaceholders();
    clearTimeout(timer);
    timer = setTimeout(save, Number(area.dataset.autosaveSeconds ?? 3) * 1000);
  };
  const kept = JSON.parse(sessionStorage.getItem(draftKey(area.dataset.postId)) ?? 'null');
  if (kept && kept.text && kept.text !== area.value) {
    area.value = kept.text;
    if (channel && kept.channel) channel.value = kept.channel;
    void save();
  }
  showPlaceholders();
  area.addEventListener('input', changed);
  channel?.addEventListener('change', changed);
  document.querySelector('select.template-choice')?.addEventListener('change', (event) => {
    const option = event.target.selectedOptions[0];
    const chosen = option?.dataset.text;
    if (!chosen) return;
    area.value = area.value.trim() ? `${area.value.trimEnd()}\n${chosen}` : chosen;
    event.target.value = '';
    area.focus();
    changed();
  });
}

// Live counts: inbox badges and notifications on every page; on the queue, "N 条新内容" instead of moving rows.
const liveSeconds = Number(bar?.dataset.liveSeconds ?? 0);
const liveBar = document.getElementById('live-bar');
async function poll() {
  try {
    const response = await fetch('/api/inbox', { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (response.status === 401) return;
    const counts = await response.json();
    for (const badge of document.querySelectorAll('[data-count]')) {
      const value = counts[badge.dataset.count];
      if (typeof value !== 'number') continue;
      badge.textContent = String(value);
      badge.classList.toggle('is-zero', value === 0);
    }
    if (liveBar?.dataset.updates) {
      const updates = await (await fetch(liveBar.dataset.updates, { credentials: 'same-origin', headers: { accept: 'application/json' } })).json();
      if (updates.newPosts + updates.changed > 0) {
        const button = document.getElementById('live-refresh');
        button.textContent = updates.message;
        liveBar.hidden = false;
      }
    }
  } catch {
    // Offline for a moment: the next poll tries again.
  }
}
document.getElementById('live-refresh')?.addEventListener('click', () => window.location.reload());
if (liveSeconds > 0 && csrfToken) {
  void poll();
  setInterval(poll, liveSeconds * 1000);
}
