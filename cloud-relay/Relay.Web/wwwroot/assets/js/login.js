import { currentLanguage, setLanguage, t, translate } from './i18n.js';
import * as api from './api.js';
import * as alarm from './alarm.js';

// The login page. A successful sign-in is also the click that allows sound and notifications for the dashboard.

const form = document.getElementById('login-form');
const message = document.getElementById('login-message');

function showMessage(text) {
  message.textContent = text;
  message.hidden = !text;
}

async function start() {
  translate();
  const current = await api.session();
  if (current.authenticated) {
    location.href = '/';
    return;
  }
  if (new URLSearchParams(location.search).has('expired')) {
    showMessage(t('login.expired'));
  }
  document.getElementById('language').addEventListener('click', () => {
    setLanguage(currentLanguage() === 'fr' ? 'en' : 'fr');
    translate();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alarm.enable();
    const data = new FormData(form);
    try {
      await api.login(data.get('user'), data.get('password'));
      location.href = '/';
    } catch (error) {
      const code = error.problem?.code;
      if (code === 'locked-out') {
        const until = error.problem.detail?.match(/after (\S+)\./)?.[1];
        showMessage(t('login.locked-out', { until: until ? new Date(until).toLocaleTimeString() : '?' }));
      } else if (code === 'wrong-credentials' || code === 'disabled') {
        showMessage(t(`login.${code}`));
      } else {
        showMessage(t('login.error', { detail: error.message }));
      }
      form.elements.password.value = '';
      form.elements.password.focus();
    }
  });
}

start();
