// Registers the site's service worker (dist/sw.js, built by web/build-sw.mjs) from every page of
// the site, and shows "Updated — reload" when a new version of the site has been cached in full.
// The new worker waits until the person reloads (it never takes over a page that was loaded from
// the old version, so a page never mixes files of two versions); the button tells it to take over,
// and the page reloads once it has. Pages of other sites that embed the widgets never load this.
const sw = navigator.serviceWorker;
let asked = false;

function showUpdate(worker) {
  if (document.getElementById('site-update')) return;
  const bar = document.createElement('div');
  bar.id = 'site-update';
  bar.setAttribute('role', 'status');
  bar.style.cssText = 'position:fixed;inset:auto 12px 12px auto;z-index:1000;display:flex;gap:10px;align-items:center;'
    + 'padding:8px 12px;border-radius:10px;background:#0b4f7d;color:#fff;font:0.95rem/1.3 system-ui,sans-serif;box-shadow:0 2px 10px rgba(0,0,0,.3)';
  const text = document.createElement('span');
  text.textContent = 'Updated — reload to use the new version.';
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Reload';
  button.style.cssText = 'font:inherit;padding:4px 12px;border-radius:6px;border:1px solid #fff;background:#fff;color:#0b4f7d;cursor:pointer';
  button.addEventListener('click', () => {
    asked = true;
    if (worker) worker.postMessage({ type: 'skip-waiting' });
    else location.reload();
  });
  bar.append(text, button);
  document.body.append(bar);
}

async function register() {
  // dist/offline.js and dist/sw.js sit side by side: the worker's scope is the whole site.
  const reg = await sw.register(new URL('./sw.js', import.meta.url));
  // A version installed while this page was open (another tab, or the check below) is waiting.
  if (reg.waiting && sw.controller) showUpdate(reg.waiting);
  reg.addEventListener('updatefound', () => {
    const next = reg.installing;
    next?.addEventListener('statechange', () => {
      if (next.state === 'installed' && sw.controller) showUpdate(next);
    });
  });
  // The first install takes control quietly (clients.claim); a later change of controller is a
  // new version: reload when this page asked for it, otherwise say so.
  let hadController = !!sw.controller;
  sw.addEventListener('controllerchange', () => {
    if (asked) location.reload();
    else if (hadController) showUpdate(null);
    hadController = true;
  });
  // Look for a new version on every page load (browsers do it at most once a day on their own).
  reg.update().catch(() => {});
}

// Installing fetches the whole site (~1 MB compressed): it waits until the page has what it needs
// for its first view, so it never competes with it on a slow connection — on the lab 3 s after
// its first chart frame (the 'reglab:first-chart' mark: the first epochs and their charts come
// first), other pages' load event; at most 20 s.
const AFTER_FIRST_CHART_MS = 3000;
function afterFirstView() {
  return new Promise((resolve) => {
    const loaded = () => (document.getElementById('lab') ? firstChart() : resolve());
    const soon = () => setTimeout(resolve, AFTER_FIRST_CHART_MS);
    const firstChart = () => {
      if (performance.getEntriesByName('reglab:first-chart').length) return soon();
      new PerformanceObserver((list, observer) => {
        if (list.getEntriesByName('reglab:first-chart').length) { observer.disconnect(); soon(); }
      }).observe({ type: 'mark' });
    };
    setTimeout(resolve, 20_000);
    if (document.readyState === 'complete') loaded();
    else addEventListener('load', loaded, { once: true });
  });
}

if (sw && (location.protocol === 'https:' || location.hostname === 'localhost' || location.hostname === '127.0.0.1')) {
  afterFirstView().then(register).catch((e) => console.info('RegLab: offline use is not available here:', e.message));
}
