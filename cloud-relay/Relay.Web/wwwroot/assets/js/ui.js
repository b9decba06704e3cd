import { h } from './dom.js';
import { t } from './i18n.js';

// Small pieces shared by the views: badges, dialogs, the message line.

export function severityBadge(severity) {
  return severity ? h('span', { class: ['badge', `sev-${severity}`] }, t(`severity.${severity}`)) : null;
}

export function drillBadge() {
  return h('span', { class: 'badge drill-badge', dataset: { testid: 'drill-badge' } }, t('drill'));
}

/** The alert's state as the crisis cell reads it: box status, and the relay-side closure. */
export function statusBadge(alert) {
  let key = alert.status;
  if (alert.closedAt) {
    key = alert.status === 'open' ? 'closing' : 'closed';
  }
  return h('span', { class: ['badge', `status-${key}`], dataset: { status: key } }, t(`status.${key}`));
}

export function stateBadge(state) {
  return h('span', { class: ['badge', `state-${state}`], dataset: { state } }, t(`state.${state}`));
}

/** A modal with a message, an optional comment box, confirm and cancel. Resolves to {comment} or null. */
export function ask({ title, message, commentLabel, commentRequired = false, confirmText, secret = false }) {
  return new Promise((resolve) => {
    const comment = !commentLabel ? null : secret
      ? h('input', { type: 'password', minlength: 12, required: true, autocomplete: 'new-password', name: 'secret' })
      : h('textarea', { rows: 3, maxlength: 2000, required: commentRequired, name: 'comment' });
    const confirm = h('button', { type: 'submit', class: 'primary', dataset: { testid: 'dialog-confirm' } }, confirmText ?? t('action.confirm'));
    const cancel = h('button', { type: 'button', dataset: { testid: 'dialog-cancel' } }, t('action.cancel'));
    const form = h('form', { method: 'dialog' },
      title ? h('h2', {}, title) : null,
      message ? h('p', {}, message) : null,
      comment ? h('label', {}, commentLabel, comment) : null,
      h('div', { class: 'dialog-buttons' }, cancel, confirm));
    const dialog = h('dialog', { class: 'dialog' }, form);
    let result = null;
    form.addEventListener('submit', (event) => {
      if (comment && commentRequired && !comment.value.trim()) {
        event.preventDefault();
        comment.focus();
        return;
      }
      result = { comment: comment?.value.trim() || null };
    });
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(result);
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    (comment ?? confirm).focus();
  });
}

let messageTimer = null;

/** A line at the top of the page for the outcome of an action (errors stay until the next one). */
export function say(text, isError = false) {
  const line = document.getElementById('message');
  line.textContent = text;
  line.className = isError ? 'message error' : 'message';
  line.hidden = false;
  clearTimeout(messageTimer);
  if (!isError) {
    messageTimer = setTimeout(() => { line.hidden = true; }, 6000);
  }
}
