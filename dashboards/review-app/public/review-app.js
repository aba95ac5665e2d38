// Review app client: turns `<form data-action>` into JSON API calls carrying the CSRF token, and shows the
// outcome. Server data is only ever put into the page as text (textContent), never as markup.

const csrfToken = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';

function flash(kind, text, details) {
  const box = document.getElementById('flash') ?? document.querySelector('.login-flash');
  if (!box) return;
  box.replaceChildren();
  box.classList.remove('flash-ok', 'flash-error', 'flash-conflict');
  box.classList.add('flash', `flash-${kind}`);
  const message = document.createElement('p');
  message.textContent = text;
  box.append(message);
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

async function submitForm(form, submitter) {
  const method = form.dataset.method ?? 'POST';
  const buttons = form.querySelectorAll('button');
  buttons.forEach((button) => { button.disabled = true; });
  try {
    const body = formBody(form);
    if (submitter?.name) body[submitter.name] = submitter.value;
    const response = await fetch(form.dataset.action, {
      method,
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, accept: 'application/json' },
      body: method === 'GET' ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
    const result = await response.json().catch(() => ({}));
    if (response.ok) {
      if (form.dataset.redirect) {
        window.location.assign(result.redirect ?? form.dataset.redirect);
        return;
      }
      if (result.message) sessionStorage.setItem('yuqing-flash', result.message);
      window.location.reload();
      return;
    }
    if (response.status === 401 && result.error === 'unauthenticated') {
      window.location.assign(`/login?expired=1&next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
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

const pending = sessionStorage.getItem('yuqing-flash');
if (pending) {
  sessionStorage.removeItem('yuqing-flash');
  flash('ok', pending);
}
