// The theme switch of the site header on every page but the lab (web/app.js runs the lab's own):
// light or dark on <html data-theme>, following the system until the person picks one, and the pick
// is shared by every page of the site (the same localStorage key as the lab's).
const KEY = 'reglab-theme';
const button = document.getElementById('theme');
const media = matchMedia('(prefers-color-scheme: dark)');

function stored() {
  try { return localStorage.getItem(KEY); } catch { return null; }
}

function setTheme(name, remember) {
  document.documentElement.dataset.theme = name;
  if (button) {
    button.setAttribute('aria-pressed', name === 'dark' ? 'true' : 'false');
    button.textContent = name === 'dark' ? 'Light theme' : 'Dark theme';
  }
  if (remember) try { localStorage.setItem(KEY, name); } catch { /* storage off: the pick lasts this page */ }
}

setTheme(stored() ?? (media.matches ? 'dark' : 'light'), false);
media.addEventListener('change', (e) => { if (!stored()) setTheme(e.matches ? 'dark' : 'light', false); });
button?.addEventListener('click', () => setTheme(document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark', true));
