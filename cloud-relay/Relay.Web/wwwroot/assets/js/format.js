import { locale, t } from './i18n.js';
import { deviceKey, state } from './state.js';

// Difference between the relay's clock and this browser's, so that "12 s ago" is right even if the PC's clock is not.
let clockOffsetMs = 0;

export function setServerTime(serverTime) {
  if (serverTime) {
    clockOffsetMs = Date.parse(serverTime) - Date.now();
  }
}

export function serverNow() {
  return Date.now() + clockOffsetMs;
}

export function time(value) {
  return value ? new Date(value).toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : '';
}

export function dateTime(value) {
  return value
    ? new Date(value).toLocaleString(locale(), { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' })
    : '';
}

/** "il y a 12 s" from a relay timestamp. */
export function ago(value) {
  if (!value) {
    return t('time.never');
  }
  const seconds = Math.max(0, Math.round((serverNow() - Date.parse(value)) / 1000));
  if (seconds < 120) {
    return t('time.ago.s', { n: seconds });
  }
  if (seconds < 7200) {
    return t('time.ago.min', { n: Math.round(seconds / 60) });
  }
  if (seconds < 172800) {
    return t('time.ago.h', { n: Math.round(seconds / 3600) });
  }
  return t('time.ago.d', { n: Math.round(seconds / 86400) });
}

/** Offset from the press: +0.02 s, +3.1 s, +2 min 05 s, -0.4 s (a step recorded before the press was confirmed). */
export function offset(ms) {
  const sign = ms < 0 ? '−' : '+';
  const abs = Math.abs(ms) / 1000;
  if (abs < 1) {
    return `${sign}${abs.toFixed(2)} s`;
  }
  if (abs < 60) {
    return `${sign}${abs.toFixed(1)} s`;
  }
  const minutes = Math.floor(abs / 60);
  const seconds = Math.floor(abs % 60).toString().padStart(2, '0');
  return `${sign}${minutes} min ${seconds} s`;
}

/** A length of time as people say it: 500 ms, 20 s, 1,5 s, 3 min, 1 min 30 s, 2 h 05 min. */
export function span(seconds) {
  const s = Number(seconds);
  if (!Number.isFinite(s) || s < 0) {
    return '';
  }
  if (s < 1) {
    return `${Math.round(s * 1000)} ms`;
  }
  if (s < 60) {
    return `${(Math.round(s * 10) / 10).toLocaleString(locale())} s`;
  }
  if (s < 3600) {
    const minutes = Math.floor(s / 60);
    const rest = Math.round(s % 60);
    return rest === 0 ? `${minutes} min` : `${minutes} min ${rest.toString().padStart(2, '0')} s`;
  }
  const hours = Math.floor(s / 3600);
  const minutes = Math.round((s % 3600) / 60);
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes.toString().padStart(2, '0')} min`;
}

/**
 * Who did something, as the box or the relay names them: a person's login as is, "box" (the box itself, e.g. an alert
 * cleared on timeout) and "{contact} (phone)" (a callee who acknowledged by phone) in the dashboard's language.
 */
export function person(by) {
  if (!by) {
    return '?';
  }
  if (by === 'box') {
    return t('who.box');
  }
  const phone = /^(.+) \(phone\)$/.exec(by);
  return phone ? t('who.phone', { name: phone[1] }) : by;
}

export function size(bytes) {
  const n = Number(bytes);
  if (!Number.isFinite(n)) {
    return '';
  }
  return n < 1024 ? t('size.bytes', { n }) : t('size.kb', { n: (n / 1024).toLocaleString(locale(), { maximumFractionDigits: 1 }) });
}

/** Where a command stands, as the operator should read it. */
export function commandState(command) {
  switch (command.status) {
    case 'applied':
      return { key: 'applied', text: t('cmd.state.applied') };
    case 'rejected':
      return { key: 'rejected', text: t('cmd.state.rejected', { detail: command.detail ?? '?' }) };
    case 'expired':
      return { key: 'expired', text: t('cmd.state.expired') };
    default: {
      // Published to a box that is not connected means held for it, not delivered: say so.
      const connectivity = state.sites.get(deviceKey(command.site, command.device))?.connectivity;
      return command.publishCount > 0 && connectivity === 'online'
        ? { key: 'sent', text: t('cmd.state.sent') }
        : { key: 'queued', text: t('cmd.state.queued') };
    }
  }
}
