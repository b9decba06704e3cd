import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { dateTime, person, time } from '../format.js';
import { alertsNewestFirst, siteName } from '../state.js';
import { drillBadge, severityBadge, statusBadge } from '../ui.js';

// The live list: newest first, real alerts in their severity's colour, drills in their own colour and labelled.

const fresh = new Set();

export function markFresh(alertId) {
  fresh.add(alertId);
  setTimeout(() => fresh.delete(alertId), 10000);
}

export function render(container) {
  clear(container);
  const alerts = alertsNewestFirst();
  const running = alerts.filter((a) => a.status === 'open' && !a.drill).length;
  container.append(
    h('div', { class: 'page-head' },
      h('h1', {}, t('alerts.title')),
      running > 0 ? h('span', { class: 'badge sev-critical', dataset: { testid: 'open-count' } }, t('alerts.open', { n: running })) : null));
  if (alerts.length === 0) {
    container.append(h('p', { class: 'empty' }, t('alerts.empty')));
    return;
  }
  container.append(h('table', { class: 'list alerts', dataset: { testid: 'alert-list' } },
    h('thead', {}, h('tr', {},
      ['alerts.col.time', 'alerts.col.site', 'alerts.col.button', 'alerts.col.scenario', 'alerts.col.severity', 'alerts.col.status', 'alerts.col.ack']
        .map((key) => h('th', {}, t(key))))),
    h('tbody', {}, alerts.map(row))));
}

function row(alert) {
  const open = () => { location.hash = `#/alerts/${alert.alertId}`; };
  return h('tr', {
    class: ['alert-row', alert.drill ? 'drill' : `sev-row-${alert.severity ?? 'info'}`, alert.status === 'open' && !alert.closedAt ? 'is-open' : 'is-over', fresh.has(alert.alertId) ? 'fresh' : null],
    dataset: { alertId: alert.alertId, drill: alert.drill ? 'true' : 'false' },
    tabindex: 0,
    onclick: open,
    onkeydown: (event) => { if (event.key === 'Enter') open(); },
  },
  h('td', { title: dateTime(alert.raisedAt) }, time(alert.raisedAt)),
  h('td', {}, alert.drill ? drillBadge() : null, h('strong', {}, siteName(alert.site, alert.device)), h('span', { class: 'muted' }, ` ${alert.site}/${alert.device}`)),
  h('td', {}, alert.button ?? '—'),
  h('td', {}, alert.scenario ?? '—'),
  h('td', {}, severityBadge(alert.severity)),
  h('td', {}, statusBadge(alert)),
  h('td', {}, alert.acknowledged ? `✔ ${alert.acknowledgedBy ? person(alert.acknowledgedBy) : ''}` : h('span', { class: 'warn-text' }, t('status.notAcknowledged'))));
}
