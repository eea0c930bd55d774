// The page's entry module: the only code that reads or writes `location` and history. It builds
// the lesson navigation, the theme switch and the Lab, and keeps the URL and the lab in step
// (Back/Forward reopen the state a link describes).
import 'katex/dist/katex.min.css';
import './styles.css';
import { Lab } from './lab.js';
import { LESSONS } from './lessons.js';
import { decodeState, encodeState } from './state/url.js';
import { loadCharts } from './views/charts.js';

// Chart.js is a chunk of its own (views/charts.js); the lab's first screen is charts, so it is
// fetched now, beside the lesson's preset and the engine.
loadCharts();

const workerUrl = new URL('./engine/worker.js', import.meta.url);
const presetUrl = (id) => new URL(`./presets/${encodeURIComponent(id)}.json`, import.meta.url);
const describeUrl = new URL('./engine/describe.json', import.meta.url);

const nav = document.getElementById('lessons');
const notice = document.getElementById('notice');
const root = document.getElementById('lab');

// ---- theme: light / dark, following the system until the person picks one -------------------
const themeButton = document.getElementById('theme');
function setTheme(name, remember) {
  document.documentElement.dataset.theme = name;
  themeButton.setAttribute('aria-pressed', name === 'dark' ? 'true' : 'false');
  themeButton.textContent = name === 'dark' ? 'Light theme' : 'Dark theme';
  if (remember) localStorage.setItem('reglab-theme', name);
  lab?.applyTheme();
}
let lab = null;
const media = matchMedia('(prefers-color-scheme: dark)');
setTheme(localStorage.getItem('reglab-theme') ?? (media.matches ? 'dark' : 'light'), false);
media.addEventListener('change', (e) => { if (!localStorage.getItem('reglab-theme')) setTheme(e.matches ? 'dark' : 'light', false); });
themeButton.addEventListener('click', () => setTheme(document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark', true));

// ---- navigation ------------------------------------------------------------------------------
// The lessons' tabs are in the built page (web/build.mjs writes them into index.html).

function markNav(id) {
  for (const a of nav.querySelectorAll('a')) {
    if (a.dataset.lesson === id) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function showNotice(text) {
  notice.hidden = !text;
  notice.textContent = text ?? '';
}

// ---- URL ⇄ lab ------------------------------------------------------------------------------
function readUrl() {
  try {
    const s = decodeState(location.hash);
    return { ...s, lesson: s.lesson && LESSONS.some((l) => l.id === s.lesson) ? s.lesson : '6.1' };
  } catch (e) {
    showNotice(`This link's experiment could not be read (${e.message}); showing the lesson's own preset instead.`);
    const lesson = (location.hash.match(/^#\/([\d.]+)/) ?? [])[1];
    return { lesson: LESSONS.some((l) => l.id === lesson) ? lesson : '6.1', preset: null, runs: null };
  }
}

async function route() {
  const state = readUrl();
  if (lab.lesson && lab.sameAs(state)) return;
  const firstLesson = !lab.lesson;
  const lessonChanged = lab.lesson?.id !== state.lesson;
  markNav(state.lesson);
  await lab.open(state);
  const title = LESSONS.find((l) => l.id === state.lesson)?.title;
  document.title = `${state.lesson} ${title} — RegLab`;
  const canonical = encodeState(lab.state());
  if (canonical !== location.hash) history.replaceState(null, '', canonical);
  // Another lesson opens at its top. (Not the first one: the page is there already, and scrolling
  // made the browser lay the new lesson out inside the task that drew it.)
  if (lessonChanged && !firstLesson) window.scrollTo({ top: 0 });
}

function onState(state, { push }) {
  const hash = encodeState(state);
  if (hash === location.hash) return;
  history[push ? 'pushState' : 'replaceState'](null, '', hash);
}

let routing = Promise.resolve();
const queueRoute = () => { routing = routing.then(route, route); };

async function main() {
  lab = new Lab(root, {
    workerUrl, presetUrl, describeUrl, onState, onNotice: showNotice, predictFirst: true,
    onEngineInfo: ({ version, simd }) => {
      document.getElementById('engine').textContent = `engine ${version} · WebAssembly${simd ? ' SIMD' : ''}`;
    },
  });
  // The lesson the URL names is fetched while the lab starts (its fields, its workers).
  lab.prefetch(readUrl());
  try {
    await lab.init();
  } catch (e) {
    lab.showFatal(`The training engine could not be loaded: ${e.message}`);
    return;
  }
  window.addEventListener('popstate', queueRoute);
  window.addEventListener('hashchange', queueRoute);
  queueRoute();
}

main();
