// Colours and chart defaults for the current theme. Run colours follow the Okabe–Ito palette
// (distinguishable with the common colour-vision deficiencies); each run keeps its colour in both
// themes, with a lighter tint on dark backgrounds. Line styles (solid train / dashed validation)
// carry meaning too, so nothing relies on colour alone.

const RUN_COLOURS = {
  light: ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#B8860B', '#56B4E9'],
  dark: ['#5AB0EA', '#F08A4B', '#2CC497', '#E397C5', '#F0C04A', '#9AD8FF'],
};
const CLASS_COLOURS = {
  light: ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#999999', '#7A5195', '#2F4B7C'],
  dark: ['#4EA5E0', '#F0B020', '#2CC497', '#E397C5', '#9AD8FF', '#F08A4B', '#F0E442', '#BBBBBB', '#B48CD8', '#6C8EC9'],
};

export function themeName() {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

export const runColour = (i) => RUN_COLOURS[themeName()][i % 6];
export const classColour = (k) => CLASS_COLOURS[themeName()][k % 10];

// Reading a custom property forces a style recalculation, so values are cached per theme.
const cache = new Map();
export function cssVar(name) {
  const key = `${themeName()}|${name}`;
  if (!cache.has(key)) cache.set(key, getComputedStyle(document.documentElement).getPropertyValue(name).trim());
  return cache.get(key);
}

export function chartColours() {
  return { fg: cssVar('--fg'), muted: cssVar('--muted'), grid: cssVar('--grid'), bg: cssVar('--surface') };
}

// '#rrggbb' → 'rgba(r,g,b,a)'
export function alpha(hex, a) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${a})`;
}

export function rgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
