import { h } from './dom.js';
import { has, t } from './i18n.js';
import { commandState, offset, size, time } from './format.js';
import { freshest } from './state.js';

// Turns an alert's events (as the box sent them) and the crisis cell's actions into one timeline, worded from the
// structured fields of the contract (kind, action, data.by/number/digit/preset/bytes) and falling back to the box's
// own detail text.

function actionName(action) {
  return action && has(`act.${action}`) ? t(`act.${action}`) : (action ?? '?');
}

/** { text, detail } for one event: text in the dashboard's language, detail the box's words when they add to it. */
export function describe(e) {
  const data = e.data ?? {};
  const by = data.by ?? '?';
  const number = data.number;
  let text = null;
  let usedDetail = false;
  switch (e.kind) {
    case 'raised':
      text = t('tl.raised', { button: e.button ?? '?', gesture: e.gesture ? ` (${e.gesture})` : '' }) + ', ' + t('tl.raised.scenario', { scenario: e.detail ?? e.scenario ?? '?' });
      usedDetail = true;
      break;
    case 'pressed-again':
      text = t('tl.pressed-again', { button: e.button ?? '?' });
      usedDetail = true;
      break;
    case 'action-started':
      text = e.action === 'call' && number ? t('tl.call.dialing', { number }) : t('tl.action-started', { action: actionName(e.action) });
      break;
    case 'action-progress':
      // Structured fields say it all: the box's own words (in the site file's language) would only repeat them.
      if (e.action === 'camera' && data.preset) {
        text = t('tl.camera.preset', { preset: data.preset });
        usedDetail = true;
      } else if (e.action === 'call' && data.digit) {
        text = t('tl.call.digit', { number: number ?? '?', digit: data.digit });
        usedDetail = true;
      } else if (e.action === 'call' && number && data.state && has(`tl.call.${data.state}`)) {
        text = t(`tl.call.${data.state}`, { number });
        usedDetail = true;
      } else if (e.action === 'call' && number) {
        text = t('tl.call.progress', { number, detail: e.detail ?? '' });
        usedDetail = true;
      } else {
        text = t('tl.action-progress', { action: actionName(e.action), detail: e.detail ?? '' });
        usedDetail = true;
      }
      break;
    case 'action-succeeded':
      if (['siren', 'strobe', 'led'].includes(e.action)) {
        text = t(`tl.${e.action}.on`);
      } else if (e.action === 'camera') {
        text = t('tl.camera.done');
      } else if (e.action === 'call' && number) {
        text = t('tl.call.done', { number });
      } else {
        text = t('tl.action-succeeded', { action: actionName(e.action) });
      }
      break;
    case 'action-failed':
      text = e.action === 'call' && number
        ? t('tl.call.failed', { number, detail: e.detail ?? '?' })
        : t('tl.action-failed', { action: actionName(e.action), detail: e.detail ?? '?' });
      usedDetail = true;
      break;
    case 'snapshot-taken':
      text = t('tl.snapshot-taken', { n: e.snapshotIndex ?? '?', size: data.bytes ? size(data.bytes) : '' }).replace(' ()', '');
      usedDetail = true;
      break;
    case 'false-alarm':
      text = t('tl.false-alarm');
      break;
    case 'acknowledged':
      text = t('tl.acknowledged', { by });
      usedDetail = true;
      break;
    case 'siren-silenced':
      text = t('tl.siren-silenced', { by });
      usedDetail = true;
      break;
    case 'cleared':
      text = t('tl.cleared', { by: data.by ?? (e.detail?.includes('box') ? 'box' : '?') });
      break;
    case 'command-applied':
      text = t('tl.command-applied');
      break;
    case 'command-rejected':
      text = t('tl.command-rejected', { detail: e.detail ?? '?' });
      usedDetail = true;
      break;
    case 'fault-raised':
    case 'fault-cleared':
      text = t(`tl.${e.kind}`, { detail: e.detail ?? data.code ?? '?' });
      usedDetail = true;
      break;
    default:
      text = e.detail ?? t('tl.unknown', { kind: e.kind });
      usedDetail = true;
  }
  return { text, detail: !usedDetail && e.detail ? e.detail : null };
}

/** Severity class of a timeline entry, for its marker colour. */
function tone(e) {
  if (e.kind === 'raised' || e.kind === 'pressed-again') return 'alarm';
  if (e.kind === 'action-failed' || e.kind === 'command-rejected' || e.kind === 'fault-raised') return 'bad';
  if (e.kind === 'acknowledged' || e.kind === 'cleared' || e.kind === 'siren-silenced' || e.kind === 'action-succeeded') return 'good';
  return 'neutral';
}

export function commandBadge(shown) {
  // The feed may have carried the box's answer before the page got the command back from its own request.
  const command = freshest(shown);
  const state = commandState(command);
  return h('span', { class: ['command', `command-${state.key}`], dataset: { commandId: command.commandId, commandStatus: state.key } },
    `${t(`cmd.${command.kind}`)} — ${state.text}`);
}

/**
 * Builds the timeline list. view: {alert, events:[{receivedAt, event}]}; actions: the crisis cell's actions (audit
 * entries with commands); snapshots: Map index → url; retentionDays for the missing-image note.
 */
export function renderTimeline(view, actions, snapshots, retentionDays) {
  const raised = view.events.find((x) => x.event.kind === 'raised')?.event;
  const pressedAt = Date.parse(raised?.pressedAt ?? view.alert.raisedAt);
  // Box events are timed by the box's clock, the crisis cell's actions by the relay's; both are NTP-synchronised in
  // service, so both read as offsets from the press. Box events keep their own order (seq); each action goes before
  // the first box event that happened after it.
  const boxEntries = view.events.map((stored) => ({ offsetMs: Date.parse(stored.event.at) - pressedAt, box: stored }));
  const cellEntries = actions
    .map((action) => ({ offsetMs: Date.parse(action.entry.at) - pressedAt, cell: action }))
    .sort((a, b) => a.offsetMs - b.offsetMs);
  const entries = [];
  for (const entry of boxEntries) {
    while (cellEntries.length > 0 && cellEntries[0].offsetMs < entry.offsetMs) {
      entries.push(cellEntries.shift());
    }
    entries.push(entry);
  }
  entries.push(...cellEntries);

  return h('ol', { class: 'timeline', dataset: { testid: 'timeline' } }, entries.map((entry) => (entry.box
    ? boxItem(entry, snapshots, retentionDays)
    : cellItem(entry))));
}

function boxItem(entry, snapshots, retentionDays) {
  const e = entry.box.event;
  const { text, detail } = describe(e);
  let media = null;
  if (e.kind === 'snapshot-taken' && e.snapshotIndex) {
    const url = snapshots.get(e.snapshotIndex);
    media = url
      ? h('a', { href: url, target: '_blank', rel: 'noopener' },
        h('img', { class: 'snapshot', src: url, alt: t('alert.snapshotAlt', { n: e.snapshotIndex }), loading: 'lazy', dataset: { snapshot: e.snapshotIndex } }))
      : h('p', { class: 'muted' }, t('alert.snapshotMissing', { n: e.snapshotIndex, days: retentionDays }));
  }
  return h('li', { class: ['tl-item', `tl-${tone(e)}`], dataset: { kind: e.kind, seq: e.seq } },
    h('span', { class: 'tl-offset', title: time(e.at) }, offset(entry.offsetMs)),
    h('div', { class: 'tl-body' },
      h('div', { class: 'tl-text' }, h('span', { class: 'tl-source' }, t('tl.source.box')), text),
      detail ? h('div', { class: 'tl-detail' }, detail) : null,
      media,
      h('div', { class: 'tl-meta' }, `${time(e.at)} · ${t('tl.atRelay', { at: time(entry.box.receivedAt) })} · #${e.seq}`)));
}

function cellItem(entry) {
  const { entry: audit, commands } = entry.cell;
  return h('li', { class: ['tl-item', 'tl-cell'], dataset: { kind: `cell-${audit.action}` } },
    h('span', { class: 'tl-offset', title: time(audit.at) }, offset(entry.offsetMs)),
    h('div', { class: 'tl-body' },
      h('div', { class: 'tl-text' }, h('span', { class: 'tl-source tl-source-cell' }, t('tl.source.cell')), t(`tl.cell.${audit.action}`, { by: audit.actor })),
      audit.detail ? h('div', { class: 'tl-detail' }, t('tl.cell.comment', { comment: audit.detail })) : null,
      h('div', { class: 'tl-commands' }, commands.map(commandBadge)),
      h('div', { class: 'tl-meta' }, time(audit.at))));
}
