import { h } from './dom.js';
import { t } from './i18n.js';
import { commandState, offset, time } from './format.js';
import { freshest } from './state.js';
import { describe } from './events.js';

// Turns an alert's events (as the box sent them, worded by events.js from their structured fields) and the crisis
// cell's actions into one timeline.

export { describe };

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
  // service, so both read as offsets from the press. How they interleave: see interleave().
  const boxEntries = view.events.map((stored) => ({ offsetMs: Date.parse(stored.event.at) - pressedAt, box: stored }));
  const cellEntries = actions
    .map((action) => ({ offsetMs: Date.parse(action.entry.at) - pressedAt, cell: action }))
    .sort((a, b) => a.offsetMs - b.offsetMs);
  const entries = interleave(boxEntries, cellEntries);
  const events = view.events.map((stored) => stored.event);

  return h('ol', { class: 'timeline', dataset: { testid: 'timeline' } }, entries.map((entry) => (entry.box
    ? boxItem(entry, events, snapshots, retentionDays)
    : cellItem(entry))));
}

/**
 * One list from the box's events and the crisis cell's actions. Box events are timed by the box's clock and keep
 * their own order (seq); actions are timed by the relay's clock and keep theirs. Two clocks, even NTP-synchronised,
 * cannot order a command and the box's answer to it, which follows within milliseconds: so an action goes before the
 * first box event that happened after it by the clocks, and in any case before the first box event carrying one of
 * its command ids (that event is the box applying it: it cannot come first, whatever the clocks say).
 */
export function interleave(boxEntries, cellEntries) {
  const answeredAt = new Map();
  boxEntries.forEach((entry, index) => {
    const id = entry.box.event.commandId;
    if (id && !answeredAt.has(id)) answeredAt.set(id, index);
  });
  const mustPrecede = (cell) => Math.min(...cell.cell.commands.map((c) => answeredAt.get(c.commandId) ?? Infinity));

  const entries = [];
  const pending = [...cellEntries];
  boxEntries.forEach((entry, index) => {
    // The last pending action that must come before this event; the ones before it (earlier on the relay's clock) too.
    let last = -1;
    pending.forEach((cell, i) => {
      if (cell.offsetMs < entry.offsetMs || mustPrecede(cell) <= index) last = i;
    });
    entries.push(...pending.splice(0, last + 1), entry);
  });
  return [...entries, ...pending];
}

function boxItem(entry, events, snapshots, retentionDays) {
  const e = entry.box.event;
  const { text, words, tone: toneOf } = describe(e, events);
  let media = null;
  if (e.kind === 'snapshot-taken' && e.snapshotIndex) {
    const url = snapshots.get(e.snapshotIndex);
    media = url
      ? h('a', { href: url, target: '_blank', rel: 'noopener' },
        h('img', { class: 'snapshot', src: url, alt: t('alert.snapshotAlt', { n: e.snapshotIndex }), loading: 'lazy', dataset: { snapshot: e.snapshotIndex } }))
      : h('p', { class: 'muted' }, t('alert.snapshotMissing', { n: e.snapshotIndex, days: retentionDays }));
  }
  return h('li', { class: ['tl-item', `tl-${toneOf ?? tone(e)}`], dataset: { kind: e.kind, action: e.action ?? undefined, outcome: e.data?.outcome ?? undefined, seq: e.seq } },
    h('span', { class: 'tl-offset', title: time(e.at) }, offset(entry.offsetMs)),
    h('div', { class: 'tl-body' },
      h('div', { class: 'tl-text' }, h('span', { class: 'tl-source' }, t('tl.source.box')), text),
      words ? h('div', { class: 'tl-detail tl-box-words', dataset: { testid: 'box-words' } }, t('tl.boxWords', { words })) : null,
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
