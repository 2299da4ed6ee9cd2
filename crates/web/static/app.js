// Installs the service worker (static/sw.js) that keeps pages for offline use, and says on
// the page when diary days or sessions saved offline are waiting to be sent. Every page
// works without it.
'use strict';

(function () {
  if (!('serviceWorker' in navigator)) {
    return;
  }
  const status = document.getElementById('offline-status');

  function say(waiting, refused) {
    if (!status) {
      return;
    }
    const lines = [];
    if (waiting > 0) {
      lines.push(status.dataset.waiting.replace('{n}', String(waiting)));
    }
    if (refused > 0) {
      lines.push(status.dataset.refused.replace('{n}', String(refused)));
    }
    status.textContent = lines.join(' ');
    status.hidden = lines.length === 0;
  }

  function ask(type) {
    const worker = navigator.serviceWorker.controller;
    if (worker) {
      worker.postMessage({ type });
    }
  }

  navigator.serviceWorker.addEventListener('controllerchange', () => ask('count'));
  navigator.serviceWorker.addEventListener('message', (event) => {
    const data = event.data || {};
    if (data.type === 'queue') {
      say(data.waiting, data.refused);
    }
  });
  window.addEventListener('online', () => ask('flush'));
  navigator.serviceWorker
    .register('/sw.js', { scope: '/' })
    .then(() => navigator.serviceWorker.ready)
    .then(() => ask(navigator.onLine ? 'flush' : 'count'))
    .catch(() => {});
})();
