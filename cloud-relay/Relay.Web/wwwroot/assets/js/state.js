// What the dashboard knows, kept current by the live feed.

export const state = {
  session: null,
  /** alertId → AlertSummary */
  alerts: new Map(),
  /** "site/device" → SiteResponse */
  sites: new Map(),
  /** commandId → CommandResponse, as last heard from the feed */
  commands: new Map(),
};

/** The most advanced of two views of a command: answers only move it forward (pending → applied/rejected/expired). */
export function freshest(command) {
  const heard = state.commands.get(command.commandId);
  if (!heard) return command;
  if (command.status !== 'pending') return command;
  return heard.status !== 'pending' || heard.publishCount > command.publishCount ? heard : command;
}

export const deviceKey = (site, device) => `${site}/${device}`;

export function siteName(site, device) {
  const known = [...state.sites.values()].find((s) => s.site === site && (device === undefined || s.device === device) && s.siteName);
  return known?.siteName ?? site;
}

export function alertsNewestFirst() {
  return [...state.alerts.values()].sort((a, b) => Date.parse(b.raisedAt) - Date.parse(a.raisedAt));
}
