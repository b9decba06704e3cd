import { h } from '../dom.js';
import { t } from '../i18n.js';
import { dateTime } from '../format.js';
import { get, post } from '../api.js';
import { ask, say } from '../ui.js';

// The boxes' identities, for administrators, under the accounts: how each box authenticates, a one-time enrolment
// code for a new one (shown once: the relay keeps only its hash), and revocation of a certificate.

/** The section's elements; `reload` is called after a change. */
export async function section(reload) {
  const devices = await get('/api/devices');
  const result = h('div', { dataset: { testid: 'enrolment-result' } });
  const site = h('input', { name: 'site', required: true, autocomplete: 'off', pattern: '[a-z0-9][a-z0-9-]*' });
  const device = h('input', { name: 'device', required: true, autocomplete: 'off', pattern: '[a-z0-9][a-z0-9-]*' });
  const hours = h('input', { name: 'validHours', type: 'number', min: 1, max: 168, value: 24, required: true });
  const form = h('form', { class: 'inline-form', dataset: { testid: 'enrol-form' }, onsubmit: async (event) => {
    event.preventDefault();
    try {
      const issued = await post('/api/devices/enrolment-codes', { site: site.value, device: device.value, validHours: Number(hours.value) });
      showCode(result, issued);
    } catch (error) {
      say(t('action.failed', { detail: error.message }), true);
    }
  } },
  h('label', {}, t('boxes.site'), site), h('label', {}, t('boxes.device'), device), h('label', {}, t('boxes.validHours'), hours),
  h('button', { type: 'submit', class: 'primary' }, t('boxes.enrol')));

  return [
    h('h2', {}, t('boxes.title')),
    h('table', { class: 'list', dataset: { testid: 'device-list' } },
      h('thead', {}, h('tr', {}, ['boxes.col.identity', 'boxes.col.registered', 'boxes.col.auth', ''].map((k) => h('th', {}, k ? t(k) : '')))),
      h('tbody', {}, devices.map((d) => h('tr', { dataset: { device: d.identity } },
        h('td', {}, h('strong', {}, d.identity)),
        h('td', {}, dateTime(d.registeredAt)),
        h('td', {}, authentication(d)),
        h('td', { class: 'actions' }, d.certificate
          ? h('button', { type: 'button', onclick: () => revoke(d, reload) }, t('boxes.revoke'))
          : null))))),
    h('h2', {}, t('boxes.enrol')),
    form,
    result,
  ];
}

function authentication(d) {
  const parts = [];
  if (d.certificate) parts.push(t('boxes.certificate', { until: dateTime(d.certificate.notAfter) }));
  if (d.hasPassword) parts.push(t('boxes.password'));
  if (!parts.length) parts.push(t('boxes.none'));
  if (d.revokedCertificates) parts.push(t('boxes.revokedCount', { n: d.revokedCertificates }));
  return parts.join(' · ');
}

function showCode(target, issued) {
  target.replaceChildren(h('div', { class: 'enrol-code' },
    h('p', {}, t('boxes.codeFor', { identity: issued.identity, until: dateTime(issued.expiresAt) })),
    h('p', { class: 'code', dataset: { testid: 'enrolment-code' } }, issued.code),
    h('p', {}, t('boxes.fingerprint')),
    h('p', { class: 'fingerprint' }, issued.caFingerprint),
    h('p', { class: 'warn-text' }, t('boxes.onlyOnce'))));
}

async function revoke(d, reload) {
  const answer = await ask({ title: t('boxes.revoke'), message: t('boxes.revoke.prompt', { identity: d.identity }), commentLabel: t('boxes.revoke.comment'), confirmText: t('boxes.revoke') });
  if (!answer) return;
  try {
    const outcome = await post(`/api/devices/${d.site}/${d.device}/revoke`, { comment: answer.comment });
    say(t('boxes.revoked', { identity: outcome.identity, n: outcome.sessionsEnded }));
    await reload();
  } catch (error) {
    say(t('action.failed', { detail: error.message }), true);
  }
}
