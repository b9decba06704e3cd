import { t } from './i18n.js';
import { time } from './format.js';

// The PC pop-up: a short beep made with WebAudio (no sound file) and a desktop notification. Browsers allow both
// only after the person has interacted with the page, hence enable() on a click.

let audio = null;

export function enable() {
  try {
    audio ??= new AudioContext();
    audio.resume();
  } catch {
    audio = null;
  }
  if ('Notification' in window && Notification.permission === 'default') {
    Notification.requestPermission();
  }
}

export function enabled() {
  return audio?.state === 'running' && (!('Notification' in window) || Notification.permission !== 'default');
}

/** Three high beeps for a real alert; one low, soft beep for a drill, so that nobody mistakes one for the other. */
export function beep(drill) {
  if (!audio || audio.state !== 'running') {
    return;
  }
  const pattern = drill ? [[440, 0, 0.25]] : [[1320, 0, 0.18], [1320, 0.25, 0.18], [1320, 0.5, 0.3]];
  for (const [frequency, start, length] of pattern) {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = drill ? 'sine' : 'square';
    oscillator.frequency.value = frequency;
    const at = audio.currentTime + start;
    gain.gain.setValueAtTime(drill ? 0.08 : 0.2, at);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + length);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(at);
    oscillator.stop(at + length);
  }
}

export function notify(alert, siteName, onClick) {
  if (!('Notification' in window) || Notification.permission !== 'granted') {
    return;
  }
  const title = t(alert.drill ? 'notify.title.drill' : 'notify.title', { site: siteName });
  const body = t('notify.body', { scenario: alert.scenario ?? '?', button: alert.button ?? '?', time: time(alert.raisedAt) });
  const notification = new Notification(title, { body, tag: alert.alertId, requireInteraction: !alert.drill });
  notification.onclick = () => {
    window.focus();
    onClick();
    notification.close();
  };
}
