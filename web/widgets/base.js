// The base of every RegLab widget: a custom element with a Shadow DOM, a theme, a header with
// Play / Pause / Reset, a status line, autoplay when it scrolls into view, a turn in the page's
// training queue, and the events a scrollytelling page listens to:
//   reglab-epoch {epoch, epochs, runs: [{label, record}]}   reglab-done {runs: [{label, summary}]}
//   element.play() / pause() / reset(); element.state ('idle'|'queued'|'training'|'paused'|'done'|'error')
// Attributes are data: parsed, range-checked, and only ever shown through textContent.
import { el, wakeCharts } from '../views/charts.js';
import { widgetSheet, PALETTES, themeChart } from './style.js';
import { requestTurn, releaseTurn } from './runtime.js';

// Training runs go through a run session (session/run_session.js) via RunGroup.
export { RunGroup } from './run_group.js';

// ---- attribute parsing -------------------------------------------------------------------------
export function intAttr(node, name, fallback, min, max) {
  const text = node.getAttribute(name);
  if (text === null || text.trim() === '') return fallback;
  const v = Number(text);
  if (!Number.isInteger(v) || v < min || v > max) throw attributeError(name, `must be a whole number from ${min} to ${max}, got "${clip(text)}"`);
  return v;
}

export function numberAttr(node, name, fallback, min, max) {
  const text = node.getAttribute(name);
  if (text === null || text.trim() === '') return fallback;
  const v = Number(text);
  if (!Number.isFinite(v) || v < min || v > max) throw attributeError(name, `must be a number from ${min} to ${max}, got "${clip(text)}"`);
  return v;
}

export function choiceAttr(node, name, fallback, choices) {
  const text = node.getAttribute(name);
  if (text === null || text.trim() === '') return fallback;
  if (!choices.includes(text)) throw attributeError(name, `must be one of ${choices.join(', ')}, got "${clip(text)}"`);
  return text;
}

// A JSON spec attribute: must parse to a plain object; the engine validates the fields.
export function specAttr(node, name) {
  const text = node.getAttribute(name);
  if (text === null) return null;
  let v;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw attributeError(name, `is not valid JSON (${e.message})`);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw attributeError(name, 'must be a JSON object (a RegLab spec)');
  if (v.version === undefined) v.version = 1; // specs written before versioning mean version 1
  return v;
}

// Short text for the label of a run taken from an attribute.
export const textAttr = (node, name, fallback, max = 60) => {
  const t = node.getAttribute(name);
  return t === null || !t.trim() ? fallback : t.trim().slice(0, max);
};

// A colour swatch (colour set through the CSSOM, which a strict style-src policy allows).
export function swatch(colour) {
  const s = el('span', { class: 'swatch', 'aria-hidden': 'true' });
  s.style.background = colour;
  return s;
}

function clip(text) {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

export function attributeError(name, message) {
  const e = new Error(`${name} ${message}`);
  e.path = `@${name}`;
  return e;
}

export function errorText(e, prefix = '') {
  const path = e?.path && !String(e.path).startsWith('@') ? `${e.path}: ` : '';
  return `${prefix}${path}${e?.message ?? String(e)}`;
}

// ---- visibility --------------------------------------------------------------------------------
let observer = null;
function observe(w) {
  observer ??= new IntersectionObserver((entries) => {
    for (const e of entries) e.target.onVisibility(e.isIntersecting);
  }, { threshold: 0.2 });
  observer.observe(w);
}
function unobserve(w) {
  observer?.unobserve(w);
}

const ICONS = { play: '▶', pause: '❚❚', reset: '↺' };

// Widgets without a theme attribute follow the page (data-theme) or the system setting.
const live = new Set();
const followSystem = () => { for (const w of live) if (!w.hasAttribute('theme')) w.applyTheme(); };
matchMedia('(prefers-color-scheme: dark)').addEventListener?.('change', followSystem);
new MutationObserver(followSystem).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

export class ReglabWidget extends HTMLElement {
  static get observedAttributes() { return ['theme']; }
  static sheets = [];
  static label = 'RegLab widget';

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.shadowRoot.adoptedStyleSheets = [widgetSheet(), ...this.constructor.sheets];
    this.visible = false;
    this.gen = 0;
    this.job = null;
    this.charts = [];
    this._state = 'idle';
  }

  get state() { return this._state; }

  connectedCallback() {
    live.add(this);
    this.applyTheme();
    if (this.built) this.attachCharts();
    if (!this.built) {
      this.built = true;
      this.frame();
      // Built a microtask later, so a page that imports the widgets and then calls configure()
      // (e.g. to set where the engine files are) is heard before the first fetch.
      queueMicrotask(() => {
        try {
          this.build();
        } catch (e) {
          this.fail(e);
        }
        observe(this);
      });
      return;
    }
    observe(this);
  }

  disconnectedCallback() {
    live.delete(this);
    unobserve(this);
    this.visible = false;
    if (this._state === 'queued') this.pause();
  }

  attributeChangedCallback(name) {
    if (name === 'theme' && this.built) this.applyTheme();
  }

  // ---- theme ---------------------------------------------------------------------------------
  get themeName() {
    const t = this.getAttribute('theme');
    if (t === 'light' || t === 'dark') return t;
    const page = document.documentElement.dataset.theme;
    if (page === 'light' || page === 'dark') return page;
    return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }
  get palette() { return PALETTES[this.themeName]; }
  applyTheme() {
    this.dataset.theme = this.themeName;
    for (const c of this.charts) themeChart(c, this.palette);
    this.onTheme?.();
  }
  runColour(i) { return this.palette.runs[i % this.palette.runs.length]; }
  // Registers a chart view (web/views/charts.js) so it follows the widget's theme.
  addChart(view) {
    this.charts.push(view);
    // Built once the widget has been on screen (views/charts.js wakeCharts), or given data.
    view.wanted = () => this.seen || view.hasData();
    themeChart(view, this.palette);
    this.attachCharts();
    return view;
  }

  // Chart.js notices that a canvas was attached with a MutationObserver on `document`, which does
  // not see inside a shadow root; so the widget tells each chart once its canvas is in the page.
  attachCharts() {
    this.chartWatch ??= new MutationObserver(() => this.attachCharts());
    if (!this.chartWatching) {
      this.chartWatch.observe(this.shadowRoot, { childList: true, subtree: true });
      this.chartWatching = true;
    }
    for (const view of this.charts) {
      const c = view.chart;
      if (c && !c.attached && view.canvas.isConnected) {
        c.unbindEvents();
        c.bindEvents();
        view.invalidate();
      }
    }
  }

  // ---- frame: card, header, buttons, status ----------------------------------------------------
  get showControls() {
    const c = this.getAttribute('controls');
    return !(c === 'false' || c === 'none' || c === 'hidden' || c === 'off');
  }

  frame() {
    this.titleEl = el('span', { class: 'title', text: this.constructor.label });
    this.playButton = el('button', { type: 'button', class: 'primary', part: 'play', onclick: () => (this.isRunning ? this.pause() : this.play()) });
    this.resetButton = el('button', { type: 'button', part: 'reset', onclick: () => this.reset() }, el('span', { 'aria-hidden': 'true', text: ICONS.reset }), ' Reset');
    this.buttons = el('span', { class: 'bar' }, this.playButton, this.resetButton);
    this.buttons.hidden = !this.showControls;
    this.descEl = el('p', { class: 'desc' });
    this.statusEl = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
    this.body = el('div', { class: 'body' });
    this.card = el('section', { class: 'card', part: 'card', 'aria-label': this.constructor.label },
      el('header', {}, this.titleEl, this.buttons), this.descEl, this.body, this.statusEl);
    this.shadowRoot.replaceChildren(this.card);
    this.updateButtons();
  }

  // The hint shown before anything happened (kept when the widget already started).
  idleText(text) {
    if (this._state === 'idle') this.setState('idle', text);
  }

  setTitle(text, desc) {
    this.titleEl.textContent = text;
    this.card.setAttribute('aria-label', text);
    if (desc !== undefined) this.descEl.textContent = desc;
    this.descEl.hidden = !this.descEl.textContent;
  }

  get isRunning() { return this._state === 'training' || this._state === 'queued' || this._state === 'loading'; }

  setState(state, text) {
    this._state = state;
    this.dataset.state = state;
    this.statusEl.classList.toggle('error', state === 'error');
    if (text !== undefined) this.statusEl.textContent = text;
    else if (state === 'queued') this.statusEl.textContent = 'Waiting for another widget on this page to finish training…';
    else if (state === 'paused') this.statusEl.textContent = `Paused${this.progressText ? ` at ${this.progressText()}` : ''}.`;
    this.updateButtons();
  }

  updateButtons() {
    if (!this.playButton) return;
    const running = this.isRunning;
    const label = running ? 'Pause' : this._state === 'paused' ? 'Resume' : this._state === 'done' ? 'Run again' : 'Play';
    this.playButton.replaceChildren(el('span', { 'aria-hidden': 'true', text: running ? ICONS.pause : ICONS.play }), ` ${label}`);
    this.playButton.disabled = this._state === 'error' && !this.canRetry;
  }

  fail(e) {
    this.setState('error', errorText(e));
    this.emit('reglab-error', { message: errorText(e), path: e?.path ?? '' });
  }

  emit(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  // ---- autoplay ------------------------------------------------------------------------------
  onVisibility(visible) {
    this.visible = visible;
    if (visible && !this.seen) {
      this.seen = true;
      wakeCharts();
    }
    this.onShown?.(visible);
    if (visible && this.hasAttribute('autoplay') && this._state === 'idle' && !this.autoplayed) {
      this.autoplayed = true;
      this.play();
    }
  }

  // ---- play / pause / reset ------------------------------------------------------------------
  // Subclasses implement: async run() (resolves when finished; may await this.gate() between
  // steps), suspend() / resume() (pause the workers), cancel() (stop and give workers back),
  // clear() (empty the views), result() (detail of reglab-done).
  async play() {
    if (this.isRunning) return;
    if (this._state === 'error' && !this.canRetry) return;
    if (this._state === 'done' || this._state === 'error') this.reset();
    const gen = this.gen;
    this.setState('queued');
    const ok = await requestTurn(this);
    if (!ok || gen !== this.gen) return;
    this.setState('training', this.job ? 'Training…' : 'Loading the engine…');
    if (this.job) {
      this.resume?.();
      this.wake?.();
      return;
    }
    this.job = this.run().then(
      () => {
        if (gen !== this.gen) return;
        this.job = null;
        releaseTurn(this);
        if (this._state !== 'error') {
          this.setState('done', this.doneText?.() ?? 'Done.');
          this.emit('reglab-done', this.result?.() ?? {});
        }
      },
      (e) => {
        if (gen !== this.gen) return;
        this.job = null;
        releaseTurn(this);
        this.cancel?.();
        this.fail(e);
      });
  }

  pause() {
    if (this._state === 'queued') {
      releaseTurn(this);
      this.setState(this.job ? 'paused' : 'idle', this.job ? undefined : '');
      return;
    }
    if (this._state !== 'training') return;
    this.suspend?.();
    releaseTurn(this);
    this.setState('paused');
  }

  reset() {
    this.gen++;
    releaseTurn(this);
    this.cancel?.();
    this.job = null;
    this.wake?.();
    this.clear?.();
    this.setState('idle', '');
  }

  // Sequential widgets await this between steps: it resolves at once while training and waits
  // while paused.
  gate() {
    if (this._state === 'training') return Promise.resolve();
    return new Promise((resolve) => { this.wake = () => { this.wake = null; resolve(); }; });
  }
}
