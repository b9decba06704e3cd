import { has, t, tn } from './i18n.js';
import { person, size, span } from './format.js';

// What the box did, in the operator's language. Every text is built from the event's structured fields (kind,
// action, data: see edge/README.md, "Scenario actions", and Edge.Contracts' AlertEvent): the box's own `detail` is an
// English line for its logs and is shown only for what the dashboard cannot say by itself, as the box's words (why a
// camera refused, why a SIP server failed, why a command was refused). A few details are read for a number or a name
// the structured fields lack (a ring timeout, a settle time); when such a detail is not in the expected form, the
// sentence simply goes without that number.

/** The box's words, for the reason line; null when there are none. */
function words(text) {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  return trimmed.length > 0 ? trimmed : null;
}

/** What follows `marker` in the box's detail (the reason after "unreachable: "), or the whole detail. */
function after(detail, marker) {
  if (!detail) return null;
  const at = detail.indexOf(marker);
  return words(at >= 0 ? detail.slice(at + marker.length) : detail);
}

function number(value) {
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) ? n : null;
}

function actionName(action) {
  return action && has(`act.${action}`) ? t(`act.${action}`) : (action ?? '?');
}

function gestureName(gesture) {
  return gesture && has(`gesture.${gesture}`) ? t(`gesture.${gesture}`) : gesture;
}

/** "30 s", "2 s", "500 ms" as the box wrote a span of time (engine timeouts); null if not that form. */
function boxSpan(text) {
  const match = /^([\d.]+) (s|ms)$/.exec(text ?? '');
  if (!match) return null;
  const value = Number(match[1]);
  return match[2] === 's' ? span(value) : span(value / 1000);
}

/** The scenario engine's own failures, the same for every action (Edge.Core/Scenarios/ScenarioEngine.cs). */
function engineFailure(detail) {
  let match = /^timed out after (.+?)(?: \((\d+) attempts\))?$/.exec(detail ?? '');
  if (match && boxSpan(match[1])) {
    return match[2]
      ? t('tl.failed.timeout.attempts', { span: boxSpan(match[1]), n: match[2] })
      : t('tl.failed.timeout', { span: boxSpan(match[1]) });
  }
  match = /^did not finish within (.+); abandoned$/.exec(detail ?? '');
  if (match && boxSpan(match[1])) {
    return t('tl.failed.abandoned', { span: boxSpan(match[1]) });
  }
  if (detail === 'stopped: the service is shutting down') {
    return t('tl.failed.shutdown');
  }
  return null;
}

/** An action failed for a reason of its own: "{Action} : échec", and the box's words. */
function failed(e) {
  const known = engineFailure(e.detail);
  return known
    ? { text: t('tl.action-failed.why', { action: actionName(e.action), why: known }) }
    : { text: t('tl.action-failed', { action: actionName(e.action) }), words: words(e.detail) };
}

// --- Siren, strobe -------------------------------------------------------------------------------------------------

function signalOn(e) {
  const data = e.data ?? {};
  const seconds = number(data.durationSeconds);
  const pattern = data.pattern && has(`tl.pattern.${data.pattern}`) ? t(`tl.pattern.${data.pattern}`) : data.pattern;
  if (seconds === null && !pattern) {
    return t(`tl.${e.action}.on`);
  }
  const parts = [seconds !== null ? t('tl.signal.for', { span: span(seconds) }) : null, pattern ? t('tl.signal.pattern', { pattern }) : null];
  return `${t(`tl.${e.action}.on`)} ${parts.filter(Boolean).join(' ')}`;
}

// --- Camera (Edge.Worker/Actions/Cameras/CameraAction.cs) -------------------------------------------------------------

function cameraStep(e) {
  const data = e.data ?? {};
  const preset = data.preset;
  if (!preset) return null;
  if (data.outcome === 'failed') {
    return { text: t('tl.camera.notReached', { preset }), words: after(e.detail, ' not reached: '), tone: 'bad' };
  }
  const ms = number(/after (\d+) ms/.exec(e.detail ?? '')?.[1]);
  const waited = ms !== null ? span(ms / 1000) : null;
  switch (data.settle) {
    case 'idle':
      return { text: t('tl.camera.reached', { preset }) };
    case 'assumed':
      return { text: t(waited ? 'tl.camera.assumed.after' : 'tl.camera.assumed', { preset, span: waited }) };
    case 'still-moving':
      return { text: t(waited ? 'tl.camera.moving.after' : 'tl.camera.moving', { preset, span: waited }), tone: 'bad' };
    case 'not-waited':
      return { text: t('tl.camera.ordered', { preset }) };
    default:
      // A box that does not say whether the camera arrived: ordered, no more; its words say the rest.
      return { text: t('tl.camera.ordered', { preset }), words: words(e.detail) };
  }
}

function cameraDone(e) {
  const data = e.data ?? {};
  const taken = number(data.snapshots);
  if (taken === null) {
    return t('tl.camera.done');
  }
  let text = t('tl.camera.taken', { images: tn('tl.images', taken) });
  if (data.preset) {
    text += ` ${t('tl.camera.withPreset', { preset: data.preset })}`;
  }
  const offset = number(data.clockOffsetSeconds);
  if (offset !== null && Math.abs(offset) >= 60) {
    text += ` ${t('tl.camera.clock', { span: span(Math.abs(offset)) })}`;
  }
  return text;
}

function cameraFailed(e, events) {
  const match = /^(\d+) snapshots? taken, but the camera did not turn to preset /.exec(e.detail ?? '');
  if (!match) return failed(e);
  // The preset and the camera's reason, from the step that said it could not turn (its data names the preset).
  const step = events.find((x) => x.kind === 'action-progress' && x.action === 'camera' && x.data?.outcome === 'failed' && x.data?.preset);
  const preset = step?.data.preset ?? /did not turn to preset (.+?): /.exec(e.detail)?.[1] ?? '?';
  return {
    text: t('tl.camera.failedPreset', { images: tn('tl.images', number(match[1])), preset }),
    words: step ? null : after(e.detail, `preset ${preset}: `),
  };
}

// --- Calls (Edge.Worker/Actions/Calls/CallEscalation.cs) --------------------------------------------------------------

/** "Appel 2 (tour 2) — Police municipale (sip:police@pbx)": which call, to whom. */
function callee(data) {
  const name = data.name ?? data.contact ?? '?';
  const who = data.uri ? `${name} (${data.uri})` : name;
  const where = [number(data.round) > 1 ? t('tl.call.round', { n: data.round }) : null, number(data.attempt) > 1 ? t('tl.call.attempt', { n: data.attempt }) : null]
    .filter(Boolean);
  const n = data.call ? `${data.call}${where.length > 0 ? ` (${where.join(', ')})` : ''}` : null;
  return n ? t('tl.call.n', { n, who }) : t('tl.call.who', { who });
}

/** Why the calls stopped, from the event that ended the alert's need for them (else from the box's words). */
function stopReason(e, events, said) {
  const ender = events.filter((x) => x.seq < e.seq && ['acknowledged', 'false-alarm', 'cleared'].includes(x.kind)).at(-1);
  const kind = ender?.kind
    ?? (/^alert acknowledged by /.test(said ?? '') ? 'acknowledged' : /false alarm/.test(said ?? '') ? 'false-alarm' : /cleared/.test(said ?? '') ? 'cleared' : null);
  switch (kind) {
    case 'acknowledged':
      return t('tl.call.why.acknowledged', { by: ender ? acknowledgedBy(ender) : person(said.replace(/^alert acknowledged by /, '')) });
    case 'false-alarm':
      return t('tl.call.why.false-alarm');
    case 'cleared':
      return t('tl.call.why.cleared');
    default:
      return null;
  }
}

function callStep(e, events) {
  const data = e.data ?? {};
  const outcome = data.outcome;
  if (outcome === 'skipped') {
    return { text: t('tl.call.skipped', { contact: data.contact ?? '?' }), words: words(e.detail), tone: 'bad' };
  }
  if (!outcome || !has(`tl.call.${outcome}`)) {
    return null;
  }
  const status = data.status ? ` (${data.status})` : '';
  let what;
  let reason = null;
  let tone;
  switch (outcome) {
    case 'acknowledged':
      what = t('tl.call.acknowledged', { digit: data.digit ?? '?' });
      tone = 'good';
      break;
    case 'busy':
    case 'declined':
      what = t(`tl.call.${outcome}`) + status;
      break;
    case 'no-answer': {
      const seconds = number(/within (\d+) s/.exec(e.detail ?? '')?.[1]);
      what = data.status === '408' || data.status === '480' ? t('tl.call.no-answer') + status
        : seconds !== null ? t('tl.call.no-answer.within', { span: span(seconds) }) : t('tl.call.no-answer');
      break;
    }
    case 'not-acknowledged': {
      const seconds = number(/within (\d+) s/.exec(e.detail ?? '')?.[1]);
      what = seconds !== null ? t('tl.call.not-acknowledged.within', { span: span(seconds) }) : t('tl.call.not-acknowledged');
      break;
    }
    case 'unreachable':
      what = t('tl.call.unreachable');
      reason = after(e.detail, 'unreachable: ');
      tone = 'bad';
      break;
    case 'failed':
      // The SIP status says it when there is one; the box's words then only repeat it with its English phrase.
      what = t('tl.call.failed') + status;
      reason = after(e.detail, 'failed: ');
      if (data.status && reason?.startsWith(data.status)) reason = null;
      tone = 'bad';
      break;
    case 'cancelled': {
      const why = stopReason(e, events, after(e.detail, 'call cancelled, '));
      what = why ? t('tl.call.cancelled.why', { why }) : t('tl.call.cancelled');
      if (!why) reason = after(e.detail, 'call cancelled, ');
      break;
    }
    default:
      what = t(`tl.call.${outcome}`);
  }
  if (data.digits && outcome !== 'acknowledged') {
    what += ` ${t('tl.call.digits', { digits: data.digits })}`;
  }
  return { text: t('tl.call.step', { who: callee(data), what }), words: reason, tone };
}

function callsDone(e, events) {
  const data = e.data ?? {};
  if (data.stopped !== undefined) {
    const calls = number(data.calls) ?? 0;
    const why = stopReason(e, events, data.stopped);
    const key = calls === 0 ? 'tl.calls.none' : 'tl.calls.stopped';
    return {
      text: t(why ? `${key}.why` : key, { calls: tn('tl.n.call', calls), why }),
      words: why ? null : words(data.stopped),
    };
  }
  if (data.name && data.call) {
    return { text: t('tl.calls.acknowledged', { name: data.name, call: data.call }) };
  }
  return { text: t('tl.action-succeeded', { action: actionName('call') }), words: words(e.detail) };
}

function callsFailed(e) {
  const match = /^nobody acknowledged after (\d+) calls?$/.exec(e.detail ?? '');
  if (match) {
    return { text: t('tl.calls.nobody', { calls: tn('tl.n.call', number(match[1])) }) };
  }
  if (/^nobody to call\b/.test(e.detail ?? '')) {
    return { text: t('tl.calls.noContact') };
  }
  return failed(e);
}

// --- The alert's own changes, commands, faults -------------------------------------------------------------------------

/** Who acknowledged, from an acknowledged event: a callee (by phone, the call's data) or a person of the crisis cell. */
function acknowledgedBy(e) {
  const data = e.data ?? {};
  return data.call || data.contact ? t('who.phone', { name: data.name ?? data.contact }) : person(data.by);
}

function acknowledged(e) {
  const data = e.data ?? {};
  if (data.call || data.contact) {
    return t(data.digit ? 'tl.acknowledged.phone.digit' : 'tl.acknowledged.phone', { name: data.name ?? data.contact, digit: data.digit, call: data.call ?? '?' });
  }
  return t('tl.acknowledged', { by: person(data.by) });
}

function cleared(e) {
  const by = e.data?.by;
  if (by === 'box') {
    const minutes = number(/after (\d+) min/.exec(e.detail ?? '')?.[1]);
    return minutes !== null ? t('tl.cleared.timeout.after', { span: span(minutes * 60) }) : t('tl.cleared.timeout');
  }
  return t('tl.cleared', { by: person(by) });
}

function falseAlarm(e) {
  const button = / on ([a-z0-9-]+): false alarm$/.exec(e.detail ?? '')?.[1];
  return button ? t('tl.false-alarm.button', { button }) : t('tl.false-alarm');
}

/** What an applied command did: the box says it in fixed words (Edge.Worker/Commands, SiteUpdates), read here. */
function commandApplied(e) {
  const detail = e.detail ?? '';
  const forms = [
    [/^drill mode started by (.+)$/, (m) => t('tl.command.drill-start', { by: person(m[1]) })],
    [/^drill mode ended by (.+)$/, (m) => t('tl.command.drill-stop', { by: person(m[1]) })],
    [/^(\S+) on for (\d+) ms \(test by (.+)\)$/, (m) => t('tl.command.test-output', { output: m[1], span: span(Number(m[2]) / 1000), by: person(m[3]) })],
    [/^site file from (.+) applied: (\d+) buttons?, (\d+) scenarios?$/, (m) => t('tl.command.site-applied', { by: person(m[1]), buttons: m[2], scenarios: m[3] })],
    [/^site file validated and saved; it will be applied when the running alert ends \((.*)\)$/, (m) => t('tl.command.site-saved', { alerts: m[1] })],
    [/^already acknowledged$/, () => t('tl.command.already.acknowledged')],
    [/^already cleared$/, () => t('tl.command.already.cleared')],
    [/^siren silenced$/, () => t('tl.command.silenced')],
  ];
  for (const [form, say] of forms) {
    const match = form.exec(detail);
    if (match) return { text: say(match) };
  }
  return { text: t('tl.command-applied'), words: words(e.detail) };
}

const knownFaults = ['wire-cut', 'button-stuck', 'storage', 'storage-replaced', 'sip'];

function fault(e) {
  const code = e.data?.code;
  const subject = e.data?.subject ?? '?';
  const raised = e.kind === 'fault-raised';
  if (code && knownFaults.includes(code) && has(`tl.${e.kind}.${code}`)) {
    // A cut wire or a stuck button says it all; a storage or telephony fault keeps the box's reason.
    const reasonWorthShowing = raised && !['wire-cut', 'button-stuck'].includes(code);
    return { text: t(`tl.${e.kind}.${code}`, { subject }), words: reasonWorthShowing ? words(e.detail) : null };
  }
  return { text: t(`tl.${e.kind}`, { code: code ?? '?', subject }), words: words(e.detail) };
}

/**
 * One event of the box as the crisis cell reads it: { text, words, tone }. text is in the dashboard's language;
 * words, when present, are the box's own (a reason only the box, a camera or a SIP server can give); tone, when
 * present, overrides the kind's colour. events: the alert's events (for what one event alone does not say: which
 * preset could not be reached, how many calls were placed, who acknowledged).
 */
export function describe(e, events = []) {
  const data = e.data ?? {};
  switch (e.kind) {
    case 'raised': {
      const gesture = gestureName(e.gesture);
      return { text: t('tl.raised', { button: e.button ?? '?', gesture: gesture ? ` (${gesture})` : '', scenario: e.detail ?? e.scenario ?? '?' }) };
    }
    case 'pressed-again': {
      const gesture = gestureName(e.gesture);
      return { text: t('tl.pressed-again', { button: e.button ?? '?', gesture: gesture ? ` (${gesture})` : '' }) };
    }
    case 'action-started':
      return { text: t('tl.action-started', { action: actionName(e.action) }) };
    case 'action-progress': {
      const step = e.action === 'camera' ? cameraStep(e) : e.action === 'call' ? callStep(e, events) : null;
      return step ?? { text: t('tl.action-progress', { action: actionName(e.action) }), words: words(e.detail) };
    }
    case 'action-succeeded':
      if (['siren', 'strobe', 'led'].includes(e.action)) return { text: signalOn(e) };
      if (e.action === 'camera') return { text: cameraDone(e) };
      if (e.action === 'call') return callsDone(e, events);
      return { text: t('tl.action-succeeded', { action: actionName(e.action) }), words: words(e.detail) };
    case 'action-failed':
      if (e.action === 'camera') return cameraFailed(e, events);
      if (e.action === 'call') return callsFailed(e);
      return failed(e);
    case 'snapshot-taken':
      return { text: data.bytes ? t('tl.snapshot-taken.size', { n: e.snapshotIndex ?? '?', size: size(data.bytes) }) : t('tl.snapshot-taken', { n: e.snapshotIndex ?? '?' }) };
    case 'false-alarm':
      return { text: falseAlarm(e) };
    case 'acknowledged':
      return { text: acknowledged(e) };
    case 'siren-silenced':
      return { text: t('tl.siren-silenced', { by: person(data.by) }) };
    case 'cleared':
      return { text: cleared(e) };
    case 'command-applied':
      return commandApplied(e);
    case 'command-rejected':
      // The box's reason (a site file's errors, an output in use) is the message: always shown, as its words.
      return { text: t('tl.command-rejected'), words: words(e.detail) ?? '?' };
    case 'fault-raised':
    case 'fault-cleared':
      return fault(e);
    default:
      return { text: t('tl.unknown', { kind: e.kind }), words: words(e.detail) };
  }
}
