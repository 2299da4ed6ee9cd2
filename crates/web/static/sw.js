// backcare's service worker: the plan, today's session, the diary and the articles a person
// has opened stay readable without a connection, and a diary day or a session saved while
// offline waits on this device and is sent when the connection comes back.
//
// The server fills in VERSION and ASSETS when it serves this file (`GET /sw.js`), so a new
// release installs a new worker. Pages are fetched from the network first and kept only as a
// fallback: nobody reads an old plan while online. Kept pages hold health data, so they are
// deleted at log-out, at account deletion and whenever the server says the person is signed
// out. A saved form keeps the CSRF token of the session that wrote it, so it can only ever be
// accepted for the account it was written in.
'use strict';

const VERSION = '__VERSION__';
const ASSETS = __ASSETS__;
const STATIC_CACHE = 'backcare-static-' + VERSION;
const PAGE_CACHE = 'backcare-pages';
const OFFLINE_CACHE = 'backcare-offline';
const OFFLINE_PAGES = ['/offline', '/offline?queued=1'];
const KEPT = [/^\/dashboard$/, /^\/plan$/, /^\/session$/, /^\/diary$/, /^\/search$/, /^\/articles\/[^/]+$/];
const QUEUED = ['/diary', '/session'];
const SIGN_OUT = ['/logout', '/account/delete'];
const SIGN_IN = ['/login', '/login/two-factor', '/signup'];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(STATIC_CACHE);
    await cache.addAll(ASSETS);
    await keepOfflinePages();
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('backcare-static-') && name !== STATIC_CACHE) {
        await caches.delete(name);
      }
    }
    await self.clients.claim();
  })());
});

// The "you are offline" pages, in the language the person reads now.
async function keepOfflinePages() {
  const cache = await caches.open(OFFLINE_CACHE);
  await cache.addAll(OFFLINE_PAGES.map((url) => new Request(url, { credentials: 'same-origin' })));
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (request.method === 'POST') {
    if (QUEUED.includes(url.pathname)) {
      event.respondWith(sendOrKeep(request));
    } else if (SIGN_OUT.includes(url.pathname)) {
      event.respondWith(signOut(request));
    } else if (SIGN_IN.includes(url.pathname)) {
      event.respondWith(signIn(request));
    }
    return;
  }
  if (request.method !== 'GET') {
    return;
  }
  if (ASSETS.includes(url.pathname + url.search)) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
  } else if (request.mode === 'navigate') {
    event.respondWith(page(request, url));
  }
});

// Network first; a kept page or the offline page when there is no network.
async function page(request, url) {
  try {
    const response = await fetch(request);
    if (response.redirected && new URL(response.url).pathname === '/login') {
      // Signed out (or never signed in here): what was kept is no longer theirs to see.
      await caches.delete(PAGE_CACHE);
    } else if (response.ok && !response.redirected && KEPT.some((re) => re.test(url.pathname))) {
      const cache = await caches.open(PAGE_CACHE);
      await cache.put(request, response.clone());
    }
    // The offline pages follow the language (and the menu: see signIn and signOut).
    if (url.pathname.startsWith('/lang/')) {
      keepOfflinePages().catch(() => {});
    }
    return response;
  } catch (offline) {
    const kept = await caches.match(request, { ignoreVary: true });
    if (kept) {
      return kept;
    }
    const fallback = await caches.match('/offline');
    return fallback || Response.error();
  }
}

// A diary day or a session: sent now if the server can be reached, else kept to send later.
async function sendOrKeep(request) {
  const body = await request.clone().text();
  try {
    return await fetch(request);
  } catch (offline) {
    await store('readwrite', (queue) =>
      queue.add({ url: new URL(request.url).pathname, body, saved: Date.now(), refused: false }));
    if (self.registration.sync) {
      self.registration.sync.register('backcare-send').catch(() => {});
    }
    await tellClients();
    return Response.redirect(new URL('/offline?queued=1', self.location.origin).href, 303);
  }
}

// Signing in: the offline pages are kept again with the menu of someone signed in (the
// pages carry no referrer to tell where a visit came from, so the form is where to see it).
async function signIn(request) {
  const response = await fetch(request);
  keepOfflinePages().catch(() => {});
  return response;
}

// Log-out and account deletion: send what waits first (it belongs to this session), then
// forget the kept pages, and keep the offline pages again with the signed-out menu.
async function signOut(request) {
  await flush();
  await caches.delete(PAGE_CACHE);
  const response = await fetch(request);
  keepOfflinePages().catch(() => {});
  return response;
}

self.addEventListener('sync', (event) => {
  if (event.tag === 'backcare-send') {
    event.waitUntil(flush());
  }
});

self.addEventListener('message', (event) => {
  const kind = event.data && event.data.type;
  if (kind === 'flush') {
    event.waitUntil(flush());
  } else if (kind === 'count') {
    event.waitUntil(tellClients());
  }
});

// --- The queue: IndexedDB, one store of saved forms, oldest first.

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('backcare', 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore('queue', { keyPath: 'id', autoIncrement: true });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function store(mode, work) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction('queue', mode);
    const request = work(tx.objectStore('queue'));
    tx.oncomplete = () => {
      db.close();
      resolve(request ? request.result : undefined);
    };
    tx.onerror = () => {
      db.close();
      reject(tx.error);
    };
  });
}

let sending = null;

// Sends the saved forms in order. A form the server took (a redirect or a page) leaves the
// queue; without a connection, or when the server cannot take it now (signed out, an error
// on its side), it stays and the rest wait behind it; a form the server refused as wrong is
// kept, marked, and no longer sent, so the person can see it was not saved.
function flush() {
  if (!sending) {
    sending = (async () => {
      const queue = await store('readonly', (q) => q.getAll());
      let sent = 0;
      for (const item of queue) {
        if (item.refused) {
          continue;
        }
        let response;
        try {
          response = await fetch(item.url, {
            method: 'POST',
            body: item.body,
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            credentials: 'same-origin',
            redirect: 'manual',
          });
        } catch (offline) {
          break;
        }
        const taken = response.type === 'opaqueredirect' || response.ok;
        if (taken) {
          await store('readwrite', (q) => q.delete(item.id));
          sent += 1;
        } else if (response.status === 401 || response.status === 403 || response.status >= 500) {
          break;
        } else {
          item.refused = true;
          await store('readwrite', (q) => q.put(item));
        }
      }
      if (sent > 0) {
        // What was kept of the diary and the plan is older than what the server now holds.
        await refreshKept();
      }
      await tellClients();
      return sent;
    })().finally(() => {
      sending = null;
    });
  }
  return sending;
}

// Fetches each kept page again; one the server no longer gives is forgotten.
async function refreshKept() {
  const cache = await caches.open(PAGE_CACHE);
  for (const request of await cache.keys()) {
    try {
      const response = await fetch(request.url, { credentials: 'same-origin' });
      if (response.ok && !response.redirected) {
        await cache.put(request, response);
      } else {
        await cache.delete(request);
      }
    } catch (offline) {
      return;
    }
  }
}

// Tells every open page how many saved forms wait, and how many were refused.
async function tellClients() {
  const queue = await store('readonly', (q) => q.getAll());
  const waiting = queue.filter((item) => !item.refused).length;
  const refused = queue.length - waiting;
  for (const client of await self.clients.matchAll({ type: 'window' })) {
    client.postMessage({ type: 'queue', waiting, refused });
  }
}
