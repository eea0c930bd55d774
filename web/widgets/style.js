// The widgets' look: one constructable stylesheet shared by every shadow root (no <style> element,
// so a page's Content-Security-Policy for styles does not apply to it), and the two palettes.
// `:host { all: initial }` stops the page's inherited fonts and colours at the widget's edge.

// The same Okabe–Ito run colours as the lab (web/views/theme.js), per theme.
export const PALETTES = {
  light: {
    fg: '#1b2230', muted: '#586172', grid: '#e6e9ee', surface: '#ffffff', surface2: '#f3f5f8', border: '#d9dee5',
    accent: '#0b5cad', accentFg: '#ffffff', ok: '#1a7f37', okBg: '#e8f5ec', bad: '#b3261e', badBg: '#fdecea',
    runs: ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#B8860B', '#56B4E9'],
  },
  dark: {
    fg: '#e4e8ee', muted: '#9ba5b4', grid: '#27303a', surface: '#161b22', surface2: '#1d242d', border: '#2e3743',
    accent: '#6cb2ff', accentFg: '#0b1320', ok: '#5fd07a', okBg: '#16301e', bad: '#ff8a80', badBg: '#3a1d1b',
    runs: ['#5AB0EA', '#F08A4B', '#2CC497', '#E397C5', '#F0C04A', '#9AD8FF'],
  },
};

const CSS = `
:host {
  all: initial;
  display: block;
  contain: content;
  margin: 1.25rem 0;
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  color: var(--fg);
  --fg: #1b2230; --muted: #586172; --grid: #e6e9ee; --surface: #fff; --surface-2: #f3f5f8; --border: #d9dee5;
  --accent: #0b5cad; --accent-fg: #fff; --ok: #1a7f37; --ok-bg: #e8f5ec; --bad: #b3261e; --bad-bg: #fdecea;
  --mono: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace;
}
:host([data-theme="dark"]) {
  --fg: #e4e8ee; --muted: #9ba5b4; --grid: #27303a; --surface: #161b22; --surface-2: #1d242d; --border: #2e3743;
  --accent: #6cb2ff; --accent-fg: #0b1320; --ok: #5fd07a; --ok-bg: #16301e; --bad: #ff8a80; --bad-bg: #3a1d1b;
  color-scheme: dark;
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.card {
  background: var(--surface); border: 1px solid var(--border); border-radius: 10px;
  padding: 12px 14px 10px; box-shadow: 0 1px 2px rgba(16,24,40,.05);
}
header { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 12px; margin-bottom: 6px; }
header .title { font-weight: 600; font-size: 14.5px; flex: 1 1 12rem; min-width: 0; }
header .brand { font-size: 11px; color: var(--muted); letter-spacing: .02em; text-decoration: none; }
header .brand:hover { color: var(--accent); }
p { margin: 4px 0; }
.desc { color: var(--muted); font-size: 13px; margin: 0 0 6px; }
.bar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 8px; }
button, .button {
  all: unset; box-sizing: border-box; display: inline-flex; align-items: center; gap: 5px; cursor: pointer;
  font: 500 13px/1 inherit; font-family: inherit; color: var(--fg); background: var(--surface-2);
  border: 1px solid var(--border); border-radius: 7px; padding: 6px 11px; min-height: 30px; white-space: nowrap;
}
button:hover:not(:disabled) { border-color: var(--accent); }
button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible {
  outline: 2px solid var(--accent); outline-offset: 2px;
}
button.primary { background: var(--accent); color: var(--accent-fg); border-color: var(--accent); }
button:disabled { opacity: .5; cursor: default; }
button svg { width: 12px; height: 12px; fill: currentColor; }
.status { font-size: 12.5px; color: var(--muted); font-variant-numeric: tabular-nums; min-height: 1.5em; }
.status.error, .error { color: var(--bad); }
.chart { margin: 4px 0 0; }
.chart figcaption { font-size: 12.5px; color: var(--muted); margin-bottom: 2px; }
.chart-box { position: relative; width: 100%; }
.chart canvas { display: block; }
.fig-note { font-size: 12px; color: var(--muted); margin: 2px 0 0; }
.fig-note:empty { display: none; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0,0,0,0); white-space: nowrap; border: 0; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
.chip { display: inline-flex; align-items: center; gap: 6px; font-size: 12.5px; padding: 3px 9px; border-radius: 999px; background: var(--surface-2); border: 1px solid var(--border); font-variant-numeric: tabular-nums; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 3px; flex: none; }
.progress { height: 4px; background: var(--surface-2); border-radius: 2px; overflow: hidden; margin: 6px 0 2px; }
.progress > div { height: 100%; width: 0; background: var(--accent); transition: width .2s; }
.grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 10px; }
label.field { display: inline-flex; align-items: center; gap: 6px; font-size: 13px; }
input[type="number"], input[type="text"], select {
  font: 13px/1.3 inherit; font-family: inherit; color: var(--fg); background: var(--surface);
  border: 1px solid var(--border); border-radius: 6px; padding: 4px 6px; min-height: 28px;
}
input[type="number"] { width: 6.5em; }
input[type="range"] { accent-color: var(--accent); width: 9rem; }
.gallery { margin: 4px 0; }
.gallery > figcaption { font-size: 12.5px; color: var(--muted); margin-bottom: 4px; }
.gallery .grid { display: flex; flex-wrap: wrap; gap: 6px; }
.gallery .cell { margin: 0; text-align: center; }
.gallery .cell canvas { image-rendering: pixelated; border-radius: 4px; border: 1px solid var(--border); background: #fff; display: block; }
.gallery .cell figcaption { font-size: 10.5px; line-height: 1.25; color: var(--muted); font-variant-numeric: tabular-nums; max-width: 50px; margin: 2px auto 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; font-size: 13px; font-variant-numeric: tabular-nums; margin: 6px 0; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--border); text-align: right; }
th:first-child, td:first-child { text-align: left; }
thead th { color: var(--muted); font-weight: 600; }
.verdict { border-radius: 8px; padding: 8px 12px; margin: 8px 0; font-size: 13.5px; }
.verdict.pass { background: var(--ok-bg); color: var(--ok); }
.verdict.fail { background: var(--bad-bg); color: var(--bad); }
.verdict ul { margin: 4px 0 0; padding-left: 1.2em; }
.verdict li { margin: 2px 0; }
.verdict .num { font-variant-numeric: tabular-nums; }
`;

let sheet = null;
export function widgetSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}

// Extra rules one widget needs (exercise editor, …), shared by its instances.
const extra = new Map();
export function sheetFor(key, css) {
  if (!extra.has(key)) {
    const s = new CSSStyleSheet();
    s.replaceSync(css);
    extra.set(key, s);
  }
  return extra.get(key);
}

export const alpha = (hex, a) => {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${a})`;
};

// Chart.js views from web/views/charts.js take their colours from the lab page's CSS variables;
// inside a widget on someone else's page these come from the widget's palette instead.
export function themeChart(view, pal) {
  const c = view.chart;
  if (!c) return;
  for (const s of Object.values(c.options.scales)) {
    if (s.ticks) s.ticks.color = pal.muted;
    if (s.grid) s.grid.color = pal.grid;
    if (s.title) s.title.color = pal.muted;
  }
  c.options.plugins.legend.labels.color = pal.fg;
  c.options.color = pal.fg;
  c.options.borderColor = pal.grid;
  for (const d of c.data.datasets) {
    if (Number.isInteger(d.runIndex)) {
      const colour = pal.runs[d.runIndex % pal.runs.length];
      d.borderColor = colour;
      d.backgroundColor = alpha(colour, 0.12);
      if (d.fill && typeof d.fill === 'object') d.fill = { ...d.fill, above: alpha(colour, 0.13), below: alpha(colour, 0.05) };
    }
  }
  view.invalidate();
}
