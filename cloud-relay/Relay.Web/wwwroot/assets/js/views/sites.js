import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { ago } from '../format.js';
import { get, post } from '../api.js';
import { state } from '../state.js';
import { commandBadge } from '../timeline.js';
import { ask, drillBadge, say, stateBadge } from '../ui.js';

// Every box, grouped by building: up or down, since when, what it still has to send, what is broken, drill mode;
// and the drill controls of each site.

let container = null;
const lastDrill = new Map();

export async function render(target) {
  container = target;
  draw();
  const sites = [...new Set([...state.sites.values()].map((s) => s.site))];
  await Promise.all(sites.map(async (site) => {
    const history = await get(`/api/sites/${site}/actions`).catch(() => []);
    if (history.length > 0) lastDrill.set(site, history[history.length - 1]);
  }));
  if (container === target) draw();
}

export function refresh() {
  if (container) draw();
}

export function leave() {
  container = null;
}

/** A command changed: redraw if this page shows it (badges read the freshest state). */
export function commandChanged(command) {
  if ([...lastDrill.values()].some((action) => action.commands.some((c) => c.commandId === command.commandId))) {
    refresh();
  }
}

function draw() {
  clear(container);
  container.append(h('div', { class: 'page-head' }, h('h1', {}, t('sites.title'))));
  const bySite = new Map();
  for (const device of [...state.sites.values()].sort((a, b) => a.site.localeCompare(b.site) || a.device.localeCompare(b.device))) {
    if (!bySite.has(device.site)) bySite.set(device.site, []);
    bySite.get(device.site).push(device);
  }
  if (bySite.size === 0) {
    container.append(h('p', { class: 'empty' }, t('sites.empty')));
    return;
  }
  for (const [site, devices] of bySite) {
    container.append(siteCard(site, devices));
  }
}

function siteCard(site, devices) {
  const name = devices.find((d) => d.siteName)?.siteName ?? site;
  const drilling = devices.some((d) => d.drill);
  const worst = ['alerting', 'offline', 'unknown', 'online'].find((s) => devices.some((d) => d.state === s)) ?? 'unknown';
  const drill = lastDrill.get(site);
  return h('section', { class: ['site-card', `site-${worst}`, drilling ? 'drill' : null], dataset: { site } },
    h('div', { class: 'site-head' },
      h('h2', {}, name, h('span', { class: 'muted' }, ` ${site}`)),
      drilling ? drillBadge() : null,
      h('div', { class: 'actions' },
        h('button', { type: 'button', dataset: { action: 'drill-start' }, onclick: () => drillAction(site, true) }, t('action.drillStart')),
        h('button', { type: 'button', dataset: { action: 'drill-stop' }, onclick: () => drillAction(site, false) }, t('action.drillStop')))),
    drill ? h('div', { class: 'tl-commands' }, h('span', { class: 'muted' }, `${t('sites.lastDrill')} `), drill.commands.map(commandBadge)) : null,
    h('table', { class: 'list' },
      h('thead', {}, h('tr', {}, ['sites.col.device', 'sites.col.state', 'sites.col.heartbeat', 'sites.col.outbox', 'sites.col.faults', 'sites.col.version', 'sites.col.alert']
        .map((key) => h('th', {}, t(key))))),
      h('tbody', {}, devices.map(deviceRow))));
}

function deviceRow(d) {
  return h('tr', { class: ['device-row', `state-row-${d.state}`], dataset: { device: `${d.site}/${d.device}`, state: d.state } },
    h('td', {}, h('strong', {}, d.device), d.board === 'virtual' ? h('div', { class: 'warn-text small' }, t('sites.virtual')) : null),
    h('td', {}, stateBadge(d.state), d.drill ? [' ', drillBadge()] : null),
    h('td', { dataset: { since: d.lastHeartbeatAt ?? d.lastSeenAt ?? '' } }, ago(d.lastHeartbeatAt ?? d.lastSeenAt)),
    h('td', { class: d.outboxDepth > 0 ? 'warn-text' : null }, d.outboxDepth ?? '—'),
    h('td', {}, d.faults.length === 0 ? h('span', { class: 'muted' }, t('sites.noFaults'))
      : h('ul', { class: 'faults' }, d.faults.map((f) => h('li', {}, h('strong', {}, t(`fault.${f.code}`) === `fault.${f.code}` ? f.code : t(`fault.${f.code}`)), ` ${f.subject} — ${f.detail}`)))),
    h('td', { class: 'muted' }, d.softwareVersion ?? '—'),
    h('td', {}, d.openAlerts.length > 0 ? d.openAlerts.map((id) => h('a', { href: `#/alerts/${id}`, class: 'alert-link' }, `…${id.slice(-6)}`)) : '—'));
}

async function drillAction(site, start) {
  const answer = await ask({
    message: t(start ? 'action.drillStart.confirm' : 'action.drillStop.confirm', { site }),
    commentLabel: t('action.comment'),
  });
  if (!answer) return;
  try {
    const result = await post(`/api/sites/${site}/drill/${start ? 'start' : 'stop'}`, { comment: answer.comment });
    lastDrill.set(site, { entry: result.entry, commands: result.commands });
    refresh();
  } catch (error) {
    say(t('action.failed', { detail: error.message }), true);
  }
}
