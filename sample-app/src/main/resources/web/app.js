// The sales-invoice page: plain JavaScript against /api/invoices, no build step and no dependencies.
//
// Conflicts follow the seed's recipe, made visible. Every save sends the revision the form was loaded
// at (If-Match). When the server answers 412 or 409, the answer carries the stored invoice; the page
// shows your values and the stored ones side by side, and you keep yours, take theirs, let the server
// merge field by field, or pick per field. Whatever you choose is saved against the stored revision.
'use strict';

const API = '/api/invoices';
// The person using the page (?user=Alice). With one, opening an invoice locks it while they edit, and
// others see "Alice is editing"; without one, the page writes anonymously and takes no locks.
const USER = (new URLSearchParams(location.search).get('user') || '').trim();
const LOCK_RENEW_MS = 60_000;
const LOCK_POLL_MS = 2_000;
const PAGE_SIZE = 10;
const FIELDS = ['number', 'customer', 'issuedOn', 'status', 'lines'];
const LABELS = { number: 'Number', customer: 'Customer', issuedOn: 'Issued on', status: 'Status', lines: 'Lines' };

const $ = (selector, root = document) => root.querySelector(selector);

const state = {
  page: 1,
  base: null,      // the invoice as last loaded or saved: what the form's edit started from
  stored: null,    // during a conflict: the invoice as stored now
  mine: null,      // during a conflict: the user's edit
  locked: null,    // the id of the invoice this page holds the lock of
  lockTimer: null, // renews our lock, or watches someone else's
};

// ---------------------------------------------------------------- HTTP

async function api(method, url, body, revision) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (revision) headers['If-Match'] = '"' + revision + '"';
  if (USER) headers['X-User'] = USER;
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = { message: text }; }
  return { status: response.status, ok: response.ok, body: json };
}

// ---------------------------------------------------------------- values

function money(value) {
  const n = Number(value);
  return Number.isFinite(n) ? n.toFixed(2) : '';
}

// A value in a form that compares equal however it was written: 120 and 120.00 are the same price.
function normalized(field, value) {
  if (field === 'lines') {
    return JSON.stringify((value || []).map(l => [l.description, Number(l.quantity), Number(l.unitPrice)]));
  }
  return value === null || value === undefined || value === '' ? null : String(value);
}

function same(field, a, b) {
  return normalized(field, a) === normalized(field, b);
}

function linesTotal(lines) {
  // Cents as integers, so that 0.1 + 0.2 shows as 0.30.
  const cents = lines.reduce((sum, l) => sum + Math.round(Number(l.quantity) * Number(l.unitPrice) * 100), 0);
  return (cents / 100).toFixed(2);
}

function describe(field, value) {
  if (field === 'lines') {
    const lines = value || [];
    if (lines.length === 0) return document.createTextNode('(no lines)');
    const list = document.createElement('ul');
    for (const l of lines) {
      const item = document.createElement('li');
      item.textContent = `${l.quantity} × ${l.description} @ ${money(l.unitPrice)}`;
      list.append(item);
    }
    return list;
  }
  return document.createTextNode(value === null || value === undefined || value === '' ? '(empty)' : String(value));
}

// ---------------------------------------------------------------- messages

function say(text, kind = 'ok', where = '#message') {
  const box = $(where);
  box.textContent = text;
  box.className = 'message ' + kind;
}

function showError(result, where = '#message') {
  const body = result.body || {};
  say(`${body.message || 'The request failed'} (HTTP ${result.status})`, 'error', where);
  document.querySelectorAll('.invalid').forEach(e => e.classList.remove('invalid'));
  if (body.field) {
    const input = document.getElementById('f-' + body.field.split(/[.[]/)[0]);
    if (input) { input.classList.add('invalid'); input.focus(); }
  }
}

// ---------------------------------------------------------------- list

function filters() {
  const params = new URLSearchParams();
  for (const name of ['customer', 'status', 'from', 'to']) {
    const value = $('#filter-' + name).value.trim();
    if (value) params.set(name, value);
  }
  return params;
}

async function showList() {
  $('#editor').hidden = true;
  $('#list-view').hidden = false;
  const params = filters();
  params.set('page', state.page);
  params.set('size', PAGE_SIZE);
  const result = await api('GET', API + '?' + params);
  if (!result.ok) { showError(result, '#list-message'); return; }
  const page = result.body;
  const rows = $('#invoices tbody');
  rows.replaceChildren();
  for (const invoice of page.items) {
    const row = document.createElement('tr');
    row.dataset.id = invoice.id;
    const link = document.createElement('a');
    link.href = '#/invoices/' + encodeURIComponent(invoice.id);
    link.textContent = invoice.number;
    const status = document.createElement('span');
    status.className = 'status ' + invoice.status;
    status.textContent = invoice.status;
    const rev = document.createElement('code');
    rev.textContent = invoice._rev.slice(0, 10) + '…';
    rev.title = invoice._rev;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'link delete-row';
    remove.textContent = 'Delete';
    remove.addEventListener('click', () => deleteFromList(invoice));
    const cells = [link, invoice.customer, invoice.issuedOn || '', status, money(invoice.total), rev, remove];
    cells.forEach((content, i) => {
      const cell = document.createElement('td');
      if (i === 4) cell.className = 'num';
      cell.append(content);
      row.append(cell);
    });
    rows.append(row);
  }
  if (page.items.length === 0) {
    const row = document.createElement('tr');
    row.innerHTML = '<td colspan="7" class="empty">No invoices match. Create one with “New invoice”.</td>';
    rows.append(row);
  }
  $('#list-summary').textContent = `${page.total} invoice${page.total === 1 ? '' : 's'}`;
  $('#page-info').textContent = page.totalPages ? `Page ${page.page} of ${page.totalPages}` : '';
  $('#prev-page').disabled = page.page <= 1;
  $('#next-page').disabled = page.page >= page.totalPages;
}

async function deleteFromList(invoice) {
  if (!confirm(`Delete invoice ${invoice.number}?`)) return;
  const result = await api('DELETE', API + '/' + encodeURIComponent(invoice.id), undefined, invoice._rev);
  if (result.ok) say(`Deleted invoice ${invoice.number}.`, 'ok', '#list-message');
  else if (result.status === 412) say(`Invoice ${invoice.number} was changed by someone else since the list loaded; it was not deleted. Open it to review the change.`, 'error', '#list-message');
  else showError(result, '#list-message');
  showList();
}

// ---------------------------------------------------------------- editor

function lineRow(line = { description: '', quantity: 1, unitPrice: '' }) {
  const row = document.createElement('tr');
  row.innerHTML = `
    <td><input class="line-description" aria-label="Description"></td>
    <td class="num"><input class="line-quantity" type="number" min="1" step="1" aria-label="Quantity"></td>
    <td class="num"><input class="line-price" type="number" min="0" step="0.01" aria-label="Unit price"></td>
    <td class="num line-amount"></td>
    <td><button type="button" class="link remove-line">Remove</button></td>`;
  $('.line-description', row).value = line.description;
  $('.line-quantity', row).value = line.quantity;
  $('.line-price', row).value = line.unitPrice === '' ? '' : money(line.unitPrice);
  $('.remove-line', row).addEventListener('click', () => { row.remove(); updateTotal(); });
  row.addEventListener('input', updateTotal);
  return row;
}

function formLines() {
  return [...document.querySelectorAll('#lines tbody tr')].map(row => ({
    description: $('.line-description', row).value.trim(),
    quantity: Number($('.line-quantity', row).value),
    unitPrice: Number($('.line-price', row).value),
  }));
}

function updateTotal() {
  for (const row of document.querySelectorAll('#lines tbody tr')) {
    const amount = Number($('.line-quantity', row).value) * Number($('.line-price', row).value);
    $('.line-amount', row).textContent = money(amount);
  }
  $('#total').textContent = linesTotal(formLines());
}

// The form's values as an invoice body.
function formValues() {
  return {
    number: $('#f-number').value.trim(),
    customer: $('#f-customer').value.trim(),
    issuedOn: $('#f-issuedOn').value || null,
    status: $('#f-status').value,
    lines: formLines(),
  };
}

function fillForm(invoice) {
  $('#f-id').value = invoice.id || '';
  $('#f-number').value = invoice.number || '';
  $('#f-customer').value = invoice.customer || '';
  $('#f-issuedOn').value = invoice.issuedOn || '';
  $('#f-status').value = invoice.status || 'DRAFT';
  const body = $('#lines tbody');
  body.replaceChildren(...(invoice.lines || []).map(lineRow));
  updateTotal();
}

function adopt(invoice) {
  state.base = invoice;
  state.stored = null;
  state.mine = null;
  $('#conflict').hidden = true;
  $('#editor-title').textContent = 'Invoice ' + invoice.number;
  $('#editor-rev').textContent = invoice._rev;
  $('#id-field').hidden = true;
  $('#delete').hidden = false;
  fillForm(invoice);
  if (location.hash !== '#/invoices/' + encodeURIComponent(invoice.id)) {
    history.replaceState(null, '', '#/invoices/' + encodeURIComponent(invoice.id));
  }
}

function showEditor() {
  $('#list-view').hidden = true;
  $('#editor').hidden = false;
  $('#conflict').hidden = true;
  say('');
  document.querySelectorAll('.invalid').forEach(e => e.classList.remove('invalid'));
}

function newInvoice() {
  showEditor();
  state.base = null;
  $('#editor-title').textContent = 'New invoice';
  $('#editor-rev').textContent = 'not saved yet';
  $('#id-field').hidden = false;
  $('#delete').hidden = true;
  fillForm({ status: 'DRAFT', issuedOn: new Date().toISOString().slice(0, 10), lines: [] });
  $('#lines tbody').append(lineRow());
  $('#f-number').focus();
}

async function openInvoice(id) {
  showEditor();
  const result = await api('GET', API + '/' + encodeURIComponent(id));
  if (!result.ok) { showError(result); return; }
  adopt(result.body);
  if (USER) await claimLock(id);
}

// ---------------------------------------------------------------- editing locks

function lockUrl(id) {
  return API + '/' + encodeURIComponent(id) + '/lock';
}

function setLockTimer(callback, ms) {
  clearInterval(state.lockTimer);
  state.lockTimer = callback ? setInterval(callback, ms) : null;
}

function showHolder(holder) {
  $('#lock-banner').textContent = holder ? `${holder} is editing this invoice. You can save once they are done.` : '';
  $('#lock-banner').hidden = !holder;
  $('#save').disabled = !!holder;
  $('#delete').disabled = !!holder;
}

// Locks the invoice for this page's person, or shows who holds it and waits for them to finish.
async function claimLock(id) {
  const result = await api('POST', lockUrl(id));
  if (result.ok) {
    state.locked = id;
    showHolder(null);
    setLockTimer(() => api('POST', lockUrl(id)), LOCK_RENEW_MS);
    return true;
  }
  if (result.status === 423) {
    showHolder(result.body.holder);
    setLockTimer(() => watchLock(id), LOCK_POLL_MS);
    return false;
  }
  showError(result);
  return false;
}

// While someone else edits: once they are done, take over with what they saved.
async function watchLock(id) {
  const result = await api('GET', lockUrl(id));
  if (!result.ok || result.body.holder) return;
  setLockTimer(null);
  if (await claimLock(id)) {
    const fresh = await api('GET', API + '/' + encodeURIComponent(id));
    if (fresh.ok) adopt(fresh.body);
  }
}

async function releaseLock() {
  const id = state.locked;
  setLockTimer(null);
  showHolder(null);
  state.locked = null;
  if (id) await api('DELETE', lockUrl(id));
}

async function save(event) {
  event.preventDefault();
  const values = formValues();
  if (!state.base) {
    const id = $('#f-id').value.trim();
    const result = await api('POST', API, id ? { id, ...values } : values);
    if (result.ok) { adopt(result.body); say(`Created at revision ${result.body._rev}.`); }
    else showError(result);
    return;
  }
  const result = await api('PUT', API + '/' + encodeURIComponent(state.base.id), values, state.base._rev);
  if (result.ok) { adopt(result.body); say(`Saved at revision ${result.body._rev}.`); await releaseLock(); }
  else if (result.status === 409 || result.status === 412) showConflict(values, result.body.current);
  else showError(result);
}

async function remove() {
  if (!state.base || !confirm(`Delete invoice ${state.base.number}?`)) return;
  const result = await api('DELETE', API + '/' + encodeURIComponent(state.base.id), undefined, state.base._rev);
  if (result.ok) { location.hash = '#/'; say(`Deleted invoice ${state.base.number}.`, 'ok', '#list-message'); return; }
  if (result.status === 412) {
    adopt(result.body.current);
    say('Not deleted: someone saved this invoice after you opened it. The form now shows the stored version; delete again if you still want to.', 'error');
    return;
  }
  showError(result);
}

// ---------------------------------------------------------------- conflicts

// Who changed a field, relative to the revision the edit started from.
function changedBy(field) {
  const mine = !same(field, state.mine[field], state.base[field]);
  const theirs = !same(field, state.stored[field], state.base[field]);
  return mine && theirs ? 'both' : mine ? 'mine' : 'theirs';
}

function showConflict(mine, stored, conflicting = []) {
  state.mine = mine;
  state.stored = stored;
  const rows = $('#conflict-fields tbody');
  rows.replaceChildren();
  for (const field of FIELDS.filter(f => !same(f, mine[f], stored[f]))) {
    const who = changedBy(field);
    const row = document.createElement('tr');
    row.dataset.field = field;
    if (who === 'both' || conflicting.includes(field)) row.classList.add('both');
    const name = document.createElement('td');
    name.textContent = LABELS[field];
    const note = document.createElement('span');
    note.className = 'who';
    note.textContent = { mine: 'you changed it', theirs: 'they changed it', both: 'both changed it' }[who];
    name.append(note);
    const yours = document.createElement('td');
    yours.className = 'mine';
    yours.append(describe(field, mine[field]));
    const theirs = document.createElement('td');
    theirs.className = 'theirs';
    theirs.append(describe(field, stored[field]));
    const choice = document.createElement('td');
    for (const side of ['mine', 'theirs']) {
      const label = document.createElement('label');
      label.className = 'choice';
      const radio = document.createElement('input');
      radio.type = 'radio';
      radio.name = 'keep-' + field;
      radio.value = side;
      // Preselect the field-by-field merge: your change where you made one, theirs elsewhere.
      radio.checked = side === (who === 'theirs' ? 'theirs' : 'mine');
      label.append(radio, side === 'mine' ? ' mine' : ' theirs');
      choice.append(label);
    }
    row.append(name, yours, theirs, choice);
    rows.append(row);
  }
  $('#conflict-summary').textContent =
    `Your edit started from revision ${state.base._rev}; the stored invoice is now at revision ${stored._rev}. ` +
    (conflicting.length
      ? `Both of you changed ${conflicting.map(f => LABELS[f] || f).join(', ')}: choose a value for each, then save your choices.`
      : 'Keep your version, take theirs, merge field by field, or choose per field.');
  $('#conflict').hidden = false;
  say('Not saved: this invoice changed since you opened it.', 'error');
}

// The invoice made of the value chosen on each row; rows not shown hold the same value on both sides.
function chosenValues() {
  const values = {};
  for (const field of FIELDS) {
    const picked = document.querySelector(`input[name="keep-${field}"]:checked`);
    values[field] = picked && picked.value === 'mine' ? state.mine[field] : state.stored[field];
  }
  return values;
}

async function saveAgainstStored(values) {
  const result = await api('PUT', API + '/' + encodeURIComponent(state.stored.id), values, state.stored._rev);
  if (result.ok) { adopt(result.body); say(`Saved at revision ${result.body._rev}.`); }
  else if (result.status === 409 || result.status === 412) showConflict(state.mine, result.body.current);
  else showError(result);
}

function pickAll(side) {
  document.querySelectorAll(`#conflict-fields input[value="${side}"]`).forEach(r => { r.checked = true; });
}

async function keepMine() {
  pickAll('mine');
  await saveAgainstStored(chosenValues());
}

function takeTheirs() {
  // Nothing to write: the stored invoice becomes the form's new starting point.
  adopt(state.stored);
  say(`Took the stored version, revision ${state.base._rev}. Your edit was discarded.`);
}

async function merge() {
  const changes = {};
  const before = {};
  for (const field of FIELDS) {
    if (!same(field, state.mine[field], state.base[field])) {
      changes[field] = state.mine[field];
      before[field] = state.base[field];
    }
  }
  if (Object.keys(changes).length === 0) { takeTheirs(); return; }
  const url = API + '/' + encodeURIComponent(state.base.id) + '/merge';
  const result = await api('POST', url, { _rev: state.base._rev, changes, _before_update: before });
  if (result.ok) {
    const kept = Object.keys(changes).map(f => LABELS[f]).join(', ');
    adopt(result.body);
    say(`Merged: your change to ${kept} is saved on top of the other edit, at revision ${result.body._rev}.`);
  } else if (result.status === 409) {
    showConflict(state.mine, result.body.current, result.body.conflictingFields || []);
  } else {
    showError(result);
  }
}

// ---------------------------------------------------------------- wiring

function route() {
  const match = location.hash.match(/^#\/invoices\/(.+)$/);
  // Leaving the invoice, by "Back to list" or otherwise, is a cancel: the lock goes.
  if (state.lockTimer && !(match && decodeURIComponent(match[1]) === (state.base && state.base.id))) releaseLock();
  if (match) openInvoice(decodeURIComponent(match[1]));
  else if (location.hash === '#/new') newInvoice();
  else showList();
}

$('#filter').addEventListener('submit', e => { e.preventDefault(); state.page = 1; showList(); });
$('#filter-clear').addEventListener('click', () => { $('#filter').reset(); state.page = 1; showList(); });
$('#prev-page').addEventListener('click', () => { state.page--; showList(); });
$('#next-page').addEventListener('click', () => { state.page++; showList(); });
$('#new-invoice').addEventListener('click', () => { location.hash = '#/new'; });
$('#add-line').addEventListener('click', () => { $('#lines tbody').append(lineRow()); });
$('#invoice-form').addEventListener('submit', save);
$('#back').addEventListener('click', () => { location.hash = '#/'; });
$('#delete').addEventListener('click', remove);
$('#keep-mine').addEventListener('click', keepMine);
$('#take-theirs').addEventListener('click', takeTheirs);
$('#merge').addEventListener('click', merge);
$('#save-choices').addEventListener('click', () => saveAgainstStored(chosenValues()));
window.addEventListener('hashchange', route);
route();
