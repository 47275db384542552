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

// An id as one URL path segment. encodeURIComponent leaves "." alone, and fetch would resolve an id of
// "." or ".." as "here" or "up one level"; escaped, they reach the server as the id.
function segment(id) {
  return id === '.' || id === '..' ? id.replace(/\./g, '%2E') : encodeURIComponent(id);
}

function invoiceUrl(id) {
  return API + '/' + segment(id);
}

const state = {
  page: 1,
  base: null,      // the invoice as last loaded or saved: what the form's edit started from
  stored: null,    // during a conflict: the invoice as stored now
  mine: null,      // during a conflict: the user's edit
  origin: null,    // during a conflict: the state both sides changed from, to tell who changed a field
  replicated: null, // on a replica: the open replication conflict the panel shows (GET /api/replica/conflicts/{id})
  replica: null,   // on a replica: its sync state (GET /api/replica); null on the master
  locked: null,    // the id of the invoice this page holds the lock of
  lockTimer: null, // renews our lock, or watches someone else's
};

// ---------------------------------------------------------------- HTTP

// A JSON number kept as the digits written. A price such as 999999999999999.999999 has no exact binary
// float, so prices never pass through one between the server, the form and the server again.
class Decimal {
  constructor(text) { this.text = String(text).trim(); }
  toString() { return this.text; }
  valueOf() { return Number(this.text); }
  toJSON() { return DECIMAL_MARK + this.text + DECIMAL_MARK; }
}
const DECIMAL_MARK = 'decimal-' + Math.random().toString(36).slice(2);

function toJson(body) {
  return JSON.stringify(body).replace(new RegExp('"' + DECIMAL_MARK + '([-0-9.eE+]+)' + DECIMAL_MARK + '"', 'g'), '$1');
}

// Amounts become Decimals: a line's unitPrice and an invoice's total (a list page's "total" is a count).
function fromJson(text) {
  // The reviver's context holds the number's source text (Chromium 114+, Firefox 135+, Safari 18.4+).
  return JSON.parse(text, function (key, value, context) {
    const amount = key === 'unitPrice' || (key === 'total' && '_rev' in this);
    return amount && typeof value === 'number' ? new Decimal(context?.source ?? String(value)) : value;
  });
}

async function api(method, url, body, revision) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (revision) headers['If-Match'] = '"' + revision + '"';
  if (USER) headers['X-User'] = USER;
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : toJson(body) });
  const text = await response.text();
  let json = null;
  try { json = text ? fromJson(text) : null; } catch (e) { json = { message: text }; }
  return { status: response.status, ok: response.ok, body: json };
}

// ---------------------------------------------------------------- values

// Amounts are shown as the API writes them: at least two decimals, and every decimal the value has, so
// that 10 reads 10.00 like the total and 0.125 is never rounded to 0.13 (and saved back so).
function money(value) {
  if (value === null || value === undefined || value === '') return '';
  const micros = toMicros(value);
  return micros === null ? '' : fromMicros(micros);
}

// A decimal as a whole number of millionths (the API allows six decimals), so sums are exact.
function toMicros(value) {
  const match = String(value).trim().match(/^(-?)(\d*)(?:\.(\d*))?$/);
  if (!match || (match[2] === '' && !match[3])) return null;
  const fraction = (match[3] || '').replace(/0+$/, '');
  if (fraction.length > 6) return null;
  const micros = BigInt(match[2] || '0') * 1000000n + BigInt((fraction + '000000').slice(0, 6));
  return match[1] ? -micros : micros;
}

function fromMicros(micros) {
  const negative = micros < 0n;
  const digits = (negative ? -micros : micros).toString().padStart(7, '0');
  const fraction = digits.slice(-6).replace(/0+$/, '').padEnd(2, '0');
  return (negative ? '-' : '') + digits.slice(0, -6) + '.' + fraction;
}

// A value in a form that compares equal however it was written: 120 and 120.00 are the same price.
function normalized(field, value) {
  if (field === 'lines') {
    return JSON.stringify((value || []).map(l => [l.description, Number(l.quantity), money(l.unitPrice)]));
  }
  return value === null || value === undefined || value === '' ? null : String(value);
}

function same(field, a, b) {
  return normalized(field, a) === normalized(field, b);
}

function lineAmount(line) {
  const price = toMicros(line.unitPrice);
  const quantity = Number(line.quantity);
  return price === null || !Number.isInteger(quantity) ? null : price * BigInt(quantity);
}

function linesTotal(lines) {
  return fromMicros(lines.reduce((sum, l) => sum + (lineAmount(l) ?? 0n), 0n));
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

// What to tell a person about a field the server refused, by the field's last name.
const FIELD_HELP = {
  id: 'This id cannot be used.',
  number: 'Enter the invoice number.',
  customer: "Enter the customer's name.",
  issuedOn: 'Enter a date, or leave it empty.',
  status: 'Choose a status.',
  description: 'Describe this line.',
  quantity: 'Enter a whole number of at least 1.',
  unitPrice: 'Enter a price of 0 or more, with at most 6 decimals.',
};

function clearErrors() {
  document.querySelectorAll('.invalid').forEach(e => e.classList.remove('invalid'));
  document.querySelectorAll('.field-error').forEach(e => { e.textContent = ''; });
}

// Puts `text` next to the input of `field` ("number", "lines[1].unitPrice"); false if there is none.
function markField(field, text) {
  const line = field.match(/^lines\[(\d+)\]\.(\w+)$/);
  let input = null;
  let box = null;
  if (line) {
    const row = document.querySelectorAll('#lines tbody tr')[Number(line[1])];
    const column = { description: '.line-description', quantity: '.line-quantity', unitPrice: '.line-price' }[line[2]];
    if (row && column) {
      input = $(column, row);
      box = $('.field-error[data-for="' + line[2] + '"]', row);
    }
  } else {
    const name = field.split(/[.[]/)[0];
    input = document.getElementById('f-' + name);
    box = document.querySelector('.field-error[data-for="' + name + '"]');
  }
  if (!box) return false;
  box.textContent = text;
  if (input) input.classList.add('invalid');
  return true;
}

// Shows a refused request: next to the field it names, in plain words, or above the form.
function showError(result, where = '#message') {
  const body = result.body || {};
  clearErrors();
  if (body.field) {
    const leaf = body.field.replace(/^.*[.\]]/, '') || body.field;
    const message = body.message || '';
    const help = FIELD_HELP[leaf];
    // The server's message names the field for programs; a person gets the help text, plus the server's
    // reason where it has one ("...: id is 300 characters long; the maximum is 255").
    const reason = message.includes(': ') ? message.slice(message.lastIndexOf(': ') + 2) : '';
    const plain = message.replace(/^field '[^']*' /, '');
    const text = help ? help + (reason ? ' ' + reason[0].toUpperCase() + reason.slice(1) + '.' : '')
      : plain[0]?.toUpperCase() + plain.slice(1);
    if (markField(body.field, text)) {
      say('Not saved: please correct the field marked in red.', 'error', where);
      const input = document.querySelector('.invalid');
      if (input) input.focus();
      return;
    }
  }
  const words = {
    404: 'This invoice no longer exists.',
    413: 'The invoice is too large to save.',
  }[result.status];
  say(words || body.message || 'The request failed; please try again.', 'error', where);
}

// Checks what a person can fix before anything is sent, and marks every problem at once.
function checkForm(values) {
  clearErrors();
  const problems = [];
  if (!values.number) problems.push(['number', FIELD_HELP.number]);
  if (!values.customer) problems.push(['customer', FIELD_HELP.customer]);
  values.lines.forEach((line, i) => {
    if (!line.description) problems.push([`lines[${i}].description`, FIELD_HELP.description]);
    if (!Number.isInteger(line.quantity) || line.quantity < 1) problems.push([`lines[${i}].quantity`, FIELD_HELP.quantity]);
    const price = toMicros(line.unitPrice);
    if (price === null || price < 0n) {
      problems.push([`lines[${i}].unitPrice`, FIELD_HELP.unitPrice]);
    }
  });
  problems.forEach(([field, text]) => markField(field, text));
  if (problems.length) {
    say(problems.length === 1 ? 'Not saved: please correct the field marked in red.'
      : `Not saved: please correct the ${problems.length} fields marked in red.`, 'error');
    document.querySelector('.invalid')?.focus();
  }
  return problems.length === 0;
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
    link.href = '#/invoices/' + segment(invoice.id);
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
  const result = await api('DELETE', invoiceUrl(invoice.id), undefined, invoice._rev);
  if (result.ok) say(`Deleted invoice ${invoice.number}.`, 'ok', '#list-message');
  else if (result.status === 412) say(`Invoice ${invoice.number} was changed by someone else since the list loaded; it was not deleted. Open it to review the change.`, 'error', '#list-message');
  else showError(result, '#list-message');
  showList();
}

// ---------------------------------------------------------------- editor

function lineRow(line = { description: '', quantity: 1, unitPrice: '' }) {
  const row = document.createElement('tr');
  row.innerHTML = `
    <td class="line-description-cell"><input class="line-description" aria-label="Description" placeholder="Description">
      <span class="field-error" data-for="description"></span></td>
    <td class="num" data-label="Quantity"><input class="line-quantity" type="number" min="1" step="1" aria-label="Quantity">
      <span class="field-error" data-for="quantity"></span></td>
    <td class="num" data-label="Unit price"><input class="line-price" type="text" inputmode="decimal" aria-label="Unit price" placeholder="0.00">
      <span class="field-error" data-for="unitPrice"></span></td>
    <td class="num line-amount" data-label="Amount"></td>
    <td class="line-remove"><button type="button" class="link remove-line">Remove</button></td>`;
  $('.line-description', row).value = line.description;
  $('.line-quantity', row).value = line.quantity;
  $('.line-price', row).value = money(line.unitPrice);
  $('.remove-line', row).addEventListener('click', () => { row.remove(); updateTotal(); });
  row.addEventListener('input', updateTotal);
  return row;
}

// A row left as "Add line" made it: nothing typed but the default quantity. It is not a line to save.
function blankRow(row) {
  return $('.line-description', row).value.trim() === '' && $('.line-price', row).value.trim() === '';
}

function formLines() {
  return [...document.querySelectorAll('#lines tbody tr')].filter(row => !blankRow(row)).map(row => {
    const price = $('.line-price', row).value.trim();
    return {
      description: $('.line-description', row).value.trim(),
      quantity: Number($('.line-quantity', row).value),
      // The digits typed, sent as a JSON number; what is not a price stays text for checkForm to refuse.
      unitPrice: toMicros(price) === null ? price : new Decimal(money(price)),
    };
  });
}

function updateTotal() {
  for (const row of document.querySelectorAll('#lines tbody tr')) {
    const amount = lineAmount({ quantity: $('.line-quantity', row).value, unitPrice: $('.line-price', row).value });
    $('.line-amount', row).textContent = amount === null ? '' : fromMicros(amount);
  }
  $('#total').textContent = linesTotal(formLines());
  $('#no-lines').hidden = document.querySelectorAll('#lines tbody tr').length > 0;
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
  state.replicated = null;
  $('#conflict').hidden = true;
  $('#editor-title').textContent = 'Invoice ' + invoice.number;
  $('#editor-rev').textContent = invoice._rev;
  $('#id-field').hidden = true;
  $('#delete').hidden = false;
  fillForm(invoice);
  if (location.hash !== '#/invoices/' + segment(invoice.id)) {
    history.replaceState(null, '', '#/invoices/' + segment(invoice.id));
  }
}

function showEditor() {
  $('#list-view').hidden = true;
  $('#editor').hidden = false;
  $('#conflict').hidden = true;
  say('');
  clearErrors();
}

function newInvoice() {
  showEditor();
  state.base = null;
  $('#editor-title').textContent = 'New invoice';
  $('#editor-rev').textContent = 'not saved yet';
  $('#id-field').hidden = false;
  $('#delete').hidden = true;
  // No line to start with: a new invoice saves with its number and customer alone.
  fillForm({ status: 'DRAFT', issuedOn: new Date().toISOString().slice(0, 10), lines: [] });
  $('#f-number').focus();
}

async function openInvoice(id) {
  showEditor();
  const result = await api('GET', invoiceUrl(id));
  if (!result.ok) { showError(result); return; }
  adopt(result.body);
  if (hasReplicationConflict(id)) await showReplicationConflict(id);
  if (USER) await claimLock(id);
}

// ---------------------------------------------------------------- editing locks

function lockUrl(id) {
  return invoiceUrl(id) + '/lock';
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
    const fresh = await api('GET', invoiceUrl(id));
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
  if (!checkForm(values)) return;
  if (!state.base) {
    const id = $('#f-id').value.trim();
    const result = await api('POST', API, id ? { id, ...values } : values);
    if (result.ok) { adopt(result.body); say(`Created at revision ${result.body._rev}.`); }
    else showError(result);
    return;
  }
  const result = await api('PUT', invoiceUrl(state.base.id), values, state.base._rev);
  if (result.ok) { adopt(result.body); say(`Saved at revision ${result.body._rev}.`); await releaseLock(); }
  else if (result.status === 409 || result.status === 412) showConflict(values, result.body.current);
  else showError(result);
}

async function remove() {
  if (!state.base || !confirm(`Delete invoice ${state.base.number}?`)) return;
  const result = await api('DELETE', invoiceUrl(state.base.id), undefined, state.base._rev);
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
  const mine = !same(field, state.mine[field], state.origin[field]);
  const theirs = !same(field, state.stored[field], state.origin[field]);
  return mine && theirs ? 'both' : mine ? 'mine' : 'theirs';
}

// `origin` is what both sides changed from: the form's base revision, or on a replica the server's
// revision this replica last synced (empty for an invoice created here).
function showConflict(mine, stored, conflicting = [], origin = state.base) {
  state.mine = mine;
  state.stored = stored;
  state.origin = origin;
  const replicated = !!state.replicated;
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
  const revision = rev => Object.assign(document.createElement('code'), { textContent: rev, className: 'rev' });
  const bothChanged = `Both of you changed ${conflicting.map(f => LABELS[f] || f).join(', ')}: choose a value for each, then save your choices.`;
  const heads = document.querySelectorAll('#conflict-fields thead th');
  heads[1].textContent = replicated ? 'On this replica' : 'Your value';
  heads[2].textContent = replicated ? 'On the server' : 'Stored value';
  $('#conflict-title').textContent = replicated ? 'This invoice changed on the server while this replica was offline'
    : 'Someone else saved this invoice while you were editing it';
  $('#conflict-summary').replaceChildren(...(replicated
    ? ['This replica\'s edit started from revision ', revision(origin._rev || 'none (created here)'),
      '; the server now has revision ', revision(stored._rev), ' from another client. ',
      conflicting.length ? bothChanged
        : 'Merge keeps the changes made here and there; or keep this replica\'s version, take the server\'s, or choose per field.']
    : ['Your edit started from revision ', revision(state.base._rev), '; the stored invoice is now at revision ',
      revision(stored._rev), '. ',
      conflicting.length ? bothChanged
        : 'Merge keeps your changes and theirs; or keep your version, take theirs, or choose per field.']));
  $('#conflict').hidden = false;
  say(replicated ? 'Not synced: the server has a newer revision of this invoice.'
    : 'Not saved: this invoice changed since you opened it.', 'error');
  // The panel opens below the form; bring its heading and buttons to the top of the screen.
  $('#conflict').scrollIntoView({ block: 'start' });
  $('#conflict').focus({ preventScroll: true });
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
  const result = await api('PUT', invoiceUrl(state.stored.id), values, state.stored._rev);
  if (result.ok) { adopt(result.body); say(`Saved at revision ${result.body._rev}.`); }
  else if (result.status === 409 || result.status === 412) showConflict(state.mine, result.body.current);
  else showError(result);
}

function pickAll(side) {
  document.querySelectorAll(`#conflict-fields input[value="${side}"]`).forEach(r => { r.checked = true; });
}

async function keepMine() {
  if (state.replicated) { await resolveReplicated('keep-mine'); return; }
  pickAll('mine');
  await saveAgainstStored(chosenValues());
}

function takeTheirs() {
  if (state.replicated) return resolveReplicated('take-theirs');
  // Nothing to write: the stored invoice becomes the form's new starting point.
  adopt(state.stored);
  say(`Took the stored version, revision ${state.base._rev}. Your edit was discarded.`);
}

async function merge() {
  if (state.replicated) { await resolveReplicated('merge'); return; }
  const changes = {};
  const before = {};
  for (const field of FIELDS) {
    if (!same(field, state.mine[field], state.base[field])) {
      changes[field] = state.mine[field];
      before[field] = state.base[field];
    }
  }
  if (Object.keys(changes).length === 0) { takeTheirs(); return; }
  const url = invoiceUrl(state.base.id) + '/merge';
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

// ---------------------------------------------------------------- sync (replicas)

// A replica (started with --replicate-from) works on its own database and syncs with the server in the
// background. The header shows where that stands, and its switch pauses syncing, as if offline. An edit
// made here that meets a newer revision on the server opens in the conflict panel, resolved on this
// replica and pushed with the next sync.
const REPLICA_API = '/api/replica';
const SYNC_POLL_MS = 2_000;

function replicaConflictUrl(id) {
  return REPLICA_API + '/conflicts/' + segment(id);
}

function hasReplicationConflict(id) {
  return !!state.replica && state.replica.conflicts.some(c => c.id === id);
}

async function pollSync() {
  const result = await api('GET', REPLICA_API).catch(() => null);
  if (result && result.status === 404) {
    // The master has no replica state: say so once, and stop asking.
    $('#sync-master').hidden = false;
    $('#sync-panel').hidden = false;
    return;
  }
  if (result && result.ok) showSync(result.body);
  setTimeout(pollSync, SYNC_POLL_MS);
}

function showSync(status) {
  state.replica = status;
  $('#sync-panel').hidden = false;
  $('#sync-replica').hidden = false;
  const [kind, words] = status.paused ? ['paused', 'Paused: working offline']
    : status.online === true ? ['online', 'Online']
    : status.online === false ? ['offline', 'Offline: the server cannot be reached']
    : ['waiting', 'Connecting…'];
  $('#sync-state').className = 'sync-state ' + kind;
  $('#sync-state').textContent = words;
  $('#sync-state').title = status.lastError || '';
  const n = status.pendingChanges;
  $('#sync-pending').textContent = n === 0 ? 'No pending changes' : `${n} pending change${n === 1 ? '' : 's'}`;
  $('#sync-last').textContent = status.lastSync
    ? 'Last sync ' + new Date(status.lastSync).toLocaleTimeString() : 'Not synced yet';
  $('#sync-last').title = status.lastSync || '';
  $('#sync-switch').checked = !status.paused;
  $('#sync-conflicts').replaceChildren(...status.conflicts.map(c => {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = '#/invoices/' + segment(c.id);
    link.textContent = c.localNumber || c.id;
    const rev = Object.assign(document.createElement('code'), { textContent: c.masterRevision, className: 'rev' });
    item.append(link, ' was changed here and on the server (revision ', rev, '): open it to resolve.');
    return item;
  }));
  // A conflict on the invoice being edited shows at once, not only when it is opened again.
  const open = !$('#editor').hidden && state.base && state.base.id;
  if (open && !state.replicated && hasReplicationConflict(open)) showReplicationConflict(open);
}

async function switchSync() {
  const result = await api('POST', REPLICA_API + ($('#sync-switch').checked ? '/resume' : '/pause'));
  if (result.ok) showSync(result.body);
  else showError(result, '#list-message');
}

let fetchingConflict = null;

// Shows the open replication conflict of the invoice in the editor: this replica's version against the
// server's, each field marked by who changed it since the revision this replica last synced.
async function showReplicationConflict(id) {
  if (fetchingConflict === id) return;
  fetchingConflict = id;
  try {
    const result = await api('GET', replicaConflictUrl(id));
    if (!result.ok || !state.base || state.base.id !== id) return;
    openReplicated(result.body);
  } finally {
    fetchingConflict = null;
  }
}

function openReplicated(conflict) {
  state.replicated = conflict;
  showConflict(conflict.local || conflict.master, conflict.master, conflict.conflictingFields,
    conflict.assumedMaster || {});
}

// The side chosen on each row of the panel, for a merge with choices.
function chosenSides() {
  const sides = {};
  for (const picked of document.querySelectorAll('#conflict-fields input[type="radio"]:checked')) {
    sides[picked.name.slice('keep-'.length)] = picked.value;
  }
  return sides;
}

// Resolves the conflict the panel shows; If-Match names the server revision shown, so that a newer one
// pulled meanwhile is shown first instead of overwritten unseen.
async function resolveReplicated(action, body) {
  const id = state.replicated.id;
  const result = await api('POST', replicaConflictUrl(id) + '/' + action, body, state.replicated.master._rev);
  if (result.ok) {
    const resolved = result.body.resolved;
    showSync(result.body);
    adopt(resolved);
    const rev = resolved._rev;
    say({
      'keep-mine': `Kept this replica's version, now revision ${rev}; the next sync sends it to the server.`,
      'take-theirs': `Took the server's version, revision ${rev}. The edit made here was discarded.`,
      merge: `Merged the changes made here with the server's, at revision ${rev}; the next sync sends it to the server.`,
    }[action]);
  } else if ((result.status === 409 || result.status === 412) && result.body.conflict) {
    const shown = state.replicated.master._rev;
    openReplicated(result.body.conflict);
    if (result.body.conflict.master._rev !== shown || result.status === 412) {
      say(`Not resolved: the server's version changed again (now revision ${result.body.conflict.master._rev}); `
        + 'look at it again, then choose.', 'error');
    }
  } else if ([404, 409, 412].includes(result.status)) {
    // Resolved elsewhere (another tab), or changed here meanwhile: show the invoice as it is now.
    await openInvoice(id);
    say('Not resolved: this invoice changed meanwhile; it is shown as it is now.', 'error');
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
$('#save-choices').addEventListener('click', () => state.replicated
  ? resolveReplicated('merge', { choices: chosenSides() }) : saveAgainstStored(chosenValues()));
$('#sync-switch').addEventListener('change', switchSync);
window.addEventListener('hashchange', route);
route();
pollSync();
