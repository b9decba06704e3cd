import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { dateTime } from '../format.js';
import { get, post } from '../api.js';
import { ask, say } from '../ui.js';
import * as boxes from './boxes.js';

// Accounts, for administrators (the API refuses everyone else with 403). Accounts are disabled, never deleted: the
// audit log keeps naming people who existed. Below them, the boxes' identities (boxes.js).

let container = null;

export async function render(target) {
  container = target;
  await load();
}

export function leave() {
  container = null;
}

async function load() {
  const [users, boxSection] = await Promise.all([get('/api/users'), boxes.section(load)]);
  if (!container) return;
  const name = h('input', { name: 'name', required: true, autocomplete: 'off', pattern: '[a-z0-9][a-z0-9._-]{0,63}' });
  const role = h('select', { name: 'role' }, h('option', { value: 'operator' }, t('role.operator')), h('option', { value: 'administrator' }, t('role.administrator')));
  const password = h('input', { name: 'password', type: 'password', required: true, minlength: 12, autocomplete: 'new-password' });
  const form = h('form', { class: 'inline-form', onsubmit: async (event) => {
    event.preventDefault();
    try {
      await post('/api/users', { name: name.value, role: role.value, password: password.value });
      say(t('users.created', { name: name.value }));
      await load();
    } catch (error) {
      say(t('action.failed', { detail: error.message }), true);
    }
  } },
  h('label', {}, t('users.name'), name), h('label', {}, t('users.col.role'), role), h('label', {}, t('users.password'), password),
  h('button', { type: 'submit', class: 'primary' }, t('users.create')));

  clear(container).append(
    h('div', { class: 'page-head' }, h('h1', {}, t('users.title'))),
    h('table', { class: 'list', dataset: { testid: 'user-list' } },
      h('thead', {}, h('tr', {}, ['users.col.name', 'users.col.role', 'users.col.state', 'users.col.lastLogin', ''].map((k) => h('th', {}, k ? t(k) : '')))),
      h('tbody', {}, users.map((u) => h('tr', { dataset: { user: u.name } },
        h('td', {}, h('strong', {}, u.name)),
        h('td', {}, t(`role.${u.role}`)),
        h('td', { class: u.disabled ? 'warn-text' : null }, t(u.disabled ? 'users.disabled' : 'users.enabled')),
        h('td', {}, u.lastLoginAt ? dateTime(u.lastLoginAt) : t('users.never')),
        h('td', { class: 'actions' },
          h('button', { type: 'button', onclick: () => change(`/api/users/${u.name}/${u.disabled ? 'enable' : 'disable'}`) }, t(u.disabled ? 'users.enable' : 'users.disable')),
          h('button', { type: 'button', onclick: () => reset(u.name) }, t('users.reset'))))))),
    h('h2', {}, t('users.create')),
    form,
    ...boxSection);
}

async function change(path, body) {
  try {
    await post(path, body);
    say(t('users.done'));
    await load();
  } catch (error) {
    say(t('action.failed', { detail: error.message }), true);
  }
}

async function reset(name) {
  const answer = await ask({ message: t('users.reset.prompt', { name }), commentLabel: t('users.password'), commentRequired: true, secret: true });
  if (answer) {
    await change(`/api/users/${name}/reset-password`, { password: answer.comment });
  }
}
