import { h, clear } from '../dom.js';
import { has, t } from '../i18n.js';
import { dateTime } from '../format.js';
import { get } from '../api.js';

// The audit log, newest first, growing live. Read-only: there is nothing to edit or delete, here or in the API.

const actions = ['login', 'login-failed', 'logout', 'access-denied', 'acknowledge', 'silence-siren', 'close', 'drill-start', 'drill-stop',
  'user-create', 'user-disable', 'user-enable', 'user-reset-password', 'snapshots-purged', 'enrolment-code-create', 'device-enrol',
  'device-enrol-refused', 'device-revoke'];

let shown = null;

export async function render(container) {
  shown = { container, entries: [], filter: '' };
  await load(shown, null);
}

export function leave() {
  shown = null;
}

export function appended(entry) {
  if (!shown || (shown.filter && entry.action !== shown.filter)) return;
  if (!shown.entries.some((e) => e.seq === entry.seq)) {
    shown.entries.unshift(entry);
    draw(shown);
  }
}

async function load(view, before) {
  const query = new URLSearchParams({ limit: '100' });
  if (before) query.set('before', before);
  if (view.filter) query.set('action', view.filter);
  const [page, integrity] = await Promise.all([get(`/api/audit?${query}`), before ? Promise.resolve(view.integrity) : get('/api/audit/integrity')]);
  if (shown !== view) return;
  view.integrity = integrity;
  view.entries = before ? view.entries.concat(page) : page;
  view.more = page.length === 100;
  draw(view);
}

function draw(view) {
  const select = h('select', { dataset: { testid: 'audit-filter' }, onchange: (event) => { view.filter = event.target.value; load(view, null); } },
    h('option', { value: '' }, t('audit.all')),
    actions.map((a) => h('option', { value: a, selected: a === view.filter }, t(`audit.action.${a}`))));
  clear(view.container).append(
    h('div', { class: 'page-head' }, h('h1', {}, t('audit.title')), select),
    h('p', { class: 'muted' }, t('audit.subtitle'), ' ',
      view.integrity?.intact === false
        ? h('strong', { class: 'warn-text' }, t('audit.integrity.broken', { seq: view.integrity.firstBrokenSeq }))
        : h('span', {}, t('audit.integrity.ok'))),
    h('table', { class: 'list audit', dataset: { testid: 'audit-list' } },
      h('thead', {}, h('tr', {}, ['audit.col.at', 'audit.col.actor', 'audit.col.action', 'audit.col.target', 'audit.col.detail', 'audit.col.from'].map((k) => h('th', {}, t(k))))),
      h('tbody', {}, view.entries.map((e) => h('tr', { dataset: { action: e.action, seq: e.seq } },
        h('td', {}, dateTime(e.at)),
        h('td', {}, e.actor),
        h('td', { class: ['login-failed', 'access-denied', 'device-enrol-refused', 'device-revoke'].includes(e.action) ? 'warn-text' : null }, has(`audit.action.${e.action}`) ? t(`audit.action.${e.action}`) : e.action),
        h('td', {}, target(e.target)),
        h('td', {}, e.detail ?? ''),
        h('td', { class: 'muted small', title: e.userAgent ?? '' }, e.remoteAddress ?? ''))))),
    view.more ? h('button', { type: 'button', onclick: () => load(view, view.entries[view.entries.length - 1].seq) }, t('audit.more')) : null);
}

function target(value) {
  if (value?.startsWith('alert:')) {
    const id = value.slice(6);
    return h('a', { href: `#/alerts/${id}` }, `alert …${id.slice(-6)}`);
  }
  return value ?? '';
}
