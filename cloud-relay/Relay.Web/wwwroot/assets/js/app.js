import { h, clear } from './dom.js';
import { currentLanguage, setLanguage, t, translate } from './i18n.js';
import { ago, setServerTime } from './format.js';
import * as api from './api.js';
import * as alarm from './alarm.js';
import { deviceKey, siteName, state } from './state.js';
import * as alertsView from './views/alerts.js';
import * as alertView from './views/alert.js';
import * as sitesView from './views/sites.js';
import * as auditView from './views/audit.js';
import * as usersView from './views/users.js';

// The dashboard: loads what the relay knows, then keeps it current from the live feed (Server-Sent Events), with
// no polling. Routes: #/alerts, #/alerts/{id}, #/sites, #/audit, #/users.

const main = document.getElementById('main');
let route = null;
let feed = null;
let connectedOnce = false;

api.whenSessionLost(() => { location.href = '/login?expired=1'; });

async function start() {
  state.session = await api.session();
  if (!state.session.authenticated) {
    location.href = '/login';
    return;
  }
  setServerTime(state.session.serverTime);
  drawHeader();
  await reload();
  connect();
  window.addEventListener('hashchange', show);
  document.addEventListener('click', () => { alarm.enable(); drawAlarmButton(); }, { once: true });
  // Relative times ("12 s ago") move on their own; this re-reads no data.
  setInterval(() => {
    for (const cell of document.querySelectorAll('[data-since]')) {
      if (cell.dataset.since) cell.textContent = ago(cell.dataset.since);
    }
  }, 1000);
  show();
}

async function reload() {
  const [sites, alerts] = await Promise.all([api.get('/api/sites'), api.get('/api/alerts?limit=200')]);
  state.sites = new Map(sites.map((s) => [deviceKey(s.site, s.device), s]));
  state.alerts = new Map(alerts.map((a) => [a.alert.alertId, a.alert]));
  drawBanner();
}

function connect() {
  feed = new EventSource('/api/stream');
  feed.addEventListener('hello', async () => {
    setFeedState(true);
    if (connectedOnce) {
      // Back after a cut: whatever happened meanwhile is fetched once, then the feed carries on.
      await reload();
      refreshView();
    }
    connectedOnce = true;
  });
  feed.addEventListener('alert', (message) => onAlert(JSON.parse(message.data)));
  feed.addEventListener('site', (message) => onSite(JSON.parse(message.data)));
  feed.addEventListener('command', (message) => onCommand(JSON.parse(message.data)));
  feed.addEventListener('audit', (message) => auditView.appended(JSON.parse(message.data)));
  feed.addEventListener('resync', async () => { await reload(); refreshView(); });
  feed.addEventListener('error', async () => {
    setFeedState(false);
    // The stream also ends when the session does: ask, and go to the login page if so.
    try {
      const current = await api.session();
      if (!current.authenticated) location.href = '/login?expired=1';
    } catch {
      // The relay is unreachable: EventSource keeps retrying by itself.
    }
  });
}

function onAlert({ change, alert }) {
  const known = state.alerts.get(alert.alertId);
  state.alerts.set(alert.alertId, alert);
  if (change === 'raised' && !known?.hasRaisedEvent) {
    alertsView.markFresh(alert.alertId);
    alarm.beep(alert.drill);
    alarm.notify(alert, siteName(alert.site, alert.device), () => { location.hash = `#/alerts/${alert.alertId}`; });
  }
  if (route?.name === 'alerts') alertsView.render(main);
  alertView.refreshIfShowing(alert.alertId);
}

function onSite(site) {
  state.sites.set(deviceKey(site.site, site.device), site);
  drawBanner();
  if (route?.name === 'sites') sitesView.refresh();
}

function onCommand(command) {
  state.commands.set(command.commandId, command);
  if (command.alertId) alertView.refreshIfShowing(command.alertId);
  sitesView.commandChanged(command);
}

function refreshView() {
  if (route?.name === 'alert') alertView.refreshIfShowing(route.id);
  else show();
}

function show() {
  alertView.leave();
  sitesView.leave();
  auditView.leave();
  usersView.leave();
  const parts = location.hash.replace(/^#\/?/, '').split('/');
  const name = parts[0] || 'alerts';
  route = { name: name === 'alerts' && parts[1] ? 'alert' : name, id: parts[1] };
  for (const link of document.querySelectorAll('nav a')) {
    link.classList.toggle('current', link.dataset.route === (route.name === 'alert' ? 'alerts' : route.name));
  }
  window.scrollTo(0, 0);
  switch (route.name) {
    case 'alert': alertView.render(main, route.id); break;
    case 'sites': sitesView.render(main); break;
    case 'audit': auditView.render(main); break;
    case 'users': usersView.render(main); break;
    default: alertsView.render(main);
  }
}

function drawHeader() {
  const session = state.session;
  const nav = document.getElementById('nav');
  clear(nav).append(
    h('a', { href: '#/alerts', dataset: { route: 'alerts', i18n: 'nav.alerts' } }),
    h('a', { href: '#/sites', dataset: { route: 'sites', i18n: 'nav.sites' } }),
    h('a', { href: '#/audit', dataset: { route: 'audit', i18n: 'nav.audit' } }),
    session.role === 'administrator' ? h('a', { href: '#/users', dataset: { route: 'users', i18n: 'nav.users' } }) : null);
  const tools = document.getElementById('tools');
  clear(tools).append(
    h('span', { id: 'feed-state', class: 'feed-state', dataset: { testid: 'feed-state' } }),
    h('button', { type: 'button', id: 'alarm-button', class: 'ghost', onclick: () => { alarm.enable(); setTimeout(drawAlarmButton, 300); } }),
    h('button', { type: 'button', class: 'ghost', dataset: { testid: 'language' }, onclick: toggleLanguage }, t('nav.language')),
    h('span', { class: 'who' }, `${session.user} · ${t(`role.${session.role}`)}`),
    h('button', { type: 'button', class: 'ghost', dataset: { testid: 'logout' }, onclick: logout }, t('nav.logout')));
  translate(document);
  drawAlarmButton();
  setFeedState(feed?.readyState === EventSource.OPEN);
}

function drawAlarmButton() {
  const button = document.getElementById('alarm-button');
  if (button) {
    button.textContent = alarm.enabled() ? t('nav.alertsEnabled') : t('nav.enableAlerts');
    button.classList.toggle('sound-on', alarm.enabled());
    button.classList.toggle('attention', !alarm.enabled());
  }
}

function setFeedState(live) {
  const element = document.getElementById('feed-state');
  if (element) {
    element.textContent = live ? `● ${t('feed.live')}` : `○ ${t('feed.reconnecting')}`;
    element.className = live ? 'feed-state live' : 'feed-state down';
    element.dataset.live = live ? 'true' : 'false';
  }
}

/** The offline warning, on every page: boxes that missed their supervision window cannot send alerts. */
function drawBanner() {
  const banner = document.getElementById('banner');
  const devices = [...state.sites.values()];
  const offline = devices.filter((d) => d.state === 'offline' || (d.state === 'alerting' && d.connectivity === 'offline'));
  const unknown = devices.filter((d) => d.state === 'unknown');
  clear(banner);
  if (offline.length > 0) {
    banner.append(h('div', { class: 'banner offline', role: 'alert', dataset: { testid: 'offline-warning' } },
      t('sites.offlineWarning', { n: offline.length, list: offline.map((d) => `${d.siteName ?? d.site} (${d.site}/${d.device}, ${ago(d.lastSeenAt)})`).join(', ') })));
  }
  if (unknown.length > 0) {
    banner.append(h('div', { class: 'banner unknown' }, t('sites.unknownInfo', { n: unknown.length, list: unknown.map((d) => `${d.site}/${d.device}`).join(', ') })));
  }
}

function toggleLanguage() {
  setLanguage(currentLanguage() === 'fr' ? 'en' : 'fr');
  drawHeader();
  drawBanner();
  show();
}

async function logout() {
  try {
    await api.post('/api/session/logout');
  } finally {
    location.href = '/login';
  }
}

start();
