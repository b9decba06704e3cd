import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { dateTime, person, time } from '../format.js';
import { get, post } from '../api.js';
import { siteName, state } from '../state.js';
import { renderTimeline } from '../timeline.js';
import { ask, drillBadge, say, severityBadge, statusBadge } from '../ui.js';

// One alert: who, where, what, and everything that happened since the press, with the crisis cell's actions.

let current = null;
let pending = null;

export async function render(container, alertId) {
  current = { container, alertId };
  await load();
}

/** The feed says something about this alert or one of its commands: fetch it again (coalesced). */
export function refreshIfShowing(alertId) {
  if (!current || (alertId && alertId !== current.alertId)) {
    return;
  }
  clearTimeout(pending);
  pending = setTimeout(load, 80);
}

export function leave() {
  current = null;
}

async function load() {
  const shown = current;
  if (!shown) return;
  let view;
  let snapshots;
  let actions;
  try {
    [view, snapshots, actions] = await Promise.all([
      get(`/api/alerts/${shown.alertId}`),
      get(`/api/alerts/${shown.alertId}/snapshots`).catch(() => []),
      get(`/api/alerts/${shown.alertId}/actions`).catch(() => []),
    ]);
  } catch {
    if (current === shown) {
      clear(shown.container).append(h('p', { class: 'empty' }, t('alert.notFound')));
    }
    return;
  }
  if (current !== shown) return;
  state.alerts.set(view.alert.alertId, view.alert);
  const scroll = window.scrollY;
  draw(shown.container, view, new Map(snapshots.map((s) => [s.index, s.url])), actions);
  window.scrollTo(0, scroll);
}

function draw(container, view, snapshots, actions) {
  const alert = view.alert;
  const name = siteName(alert.site, alert.device);
  const isOpen = alert.status === 'open' && !alert.closedAt;
  clear(container);
  container.append(
    h('p', {}, h('a', { href: '#/alerts' }, t('alert.back'))),
    h('section', { class: ['alert-head', alert.drill ? 'drill' : `sev-head-${alert.severity ?? 'info'}`], dataset: { testid: 'alert-head', drill: alert.drill ? 'true' : 'false' } },
      alert.drill ? h('div', { class: 'drill-banner' }, t('drill.long')) : null,
      h('div', { class: 'alert-title' },
        h('h1', {}, t('alert.title', { site: name })),
        h('div', { class: 'badges' }, alert.drill ? drillBadge() : null, severityBadge(alert.severity), statusBadge(alert),
          alert.acknowledged ? h('span', { class: 'badge status-acknowledged' }, t('status.acknowledged')) : null)),
      h('dl', { class: 'facts' },
        fact('alert.site', `${name} (${alert.site})`),
        fact('alert.device', alert.device),
        fact('alert.button', alert.button ?? '—'),
        fact('alert.scenario', alert.scenario ?? '—'),
        fact('alert.pressedAt', `${dateTime(alert.raisedAt)}`)),
      alert.acknowledgedBy ? h('p', { class: 'note' }, t('alert.ackBy', { by: person(alert.acknowledgedBy), at: time(alert.acknowledgedAt) })) : null,
      alert.closedAt ? h('p', { class: 'note' }, t('alert.closedBy', { by: alert.closedBy, at: dateTime(alert.closedAt), comment: alert.closeComment ?? '' })) : null,
      h('div', { class: 'actions' },
        button('acknowledge', 'action.acknowledge', !isOpen || Boolean(alert.acknowledgedBy), () => act(alert, 'acknowledge')),
        button('silence-siren', 'action.silence', !isOpen, () => act(alert, 'silence-siren')),
        button('close', 'action.close', Boolean(alert.closedAt), () => close(alert)))),
    h('h2', {}, t('alert.timeline')),
    renderTimeline(view, actions, snapshots, state.session?.snapshotRetentionDays ?? 30));
}

function fact(key, value) {
  return [h('dt', {}, t(key)), h('dd', {}, value)];
}

function button(action, key, disabled, onclick) {
  return h('button', { type: 'button', class: action === 'acknowledge' ? 'primary' : null, dataset: { action }, disabled, onclick }, t(key));
}

async function act(alert, action) {
  try {
    await post(`/api/alerts/${alert.alertId}/${action}`, {});
    refreshIfShowing(alert.alertId);
  } catch (error) {
    say(t('action.failed', { detail: error.message }), true);
  }
}

async function close(alert) {
  const answer = await ask({ title: t('action.close.title'), commentLabel: t('action.close.comment'), commentRequired: true, confirmText: t('action.close.confirm') });
  if (!answer) return;
  try {
    await post(`/api/alerts/${alert.alertId}/close`, { comment: answer.comment });
    refreshIfShowing(alert.alertId);
  } catch (error) {
    say(t('action.failed', { detail: error.message }), true);
  }
}
