// Abbreviations explained where they appear: each is an <abbr> that shows what it stands for in
// one shared tooltip on hover and on keyboard focus (Escape hides it), and is described to screen
// readers through aria-describedby. The words live in state/words.js (ABBREVIATIONS).
import { ABBREVIATIONS } from '../state/words.js';

const TIP_ID = 'reglab-tip';
let tip = null;

function tooltip() {
  if (tip?.isConnected) return tip;
  tip = document.createElement('div');
  tip.id = TIP_ID;
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  tip.style.cssText = 'position:fixed;z-index:1000;max-width:min(300px,90vw);padding:6px 9px;border-radius:6px;font-size:0.8rem;line-height:1.35;'
    + 'background:var(--fg,#111);color:var(--surface,#fff);box-shadow:0 2px 8px rgba(0,0,0,0.25);pointer-events:none;text-transform:none;letter-spacing:normal;font-weight:400';
  document.body.append(tip);
  return tip;
}

let current = null;

function show(target) {
  current = target;
  const t = tooltip();
  t.textContent = target.dataset.tip;
  t.hidden = false;
  const r = target.getBoundingClientRect();
  const w = t.offsetWidth, h = t.offsetHeight;
  const left = Math.max(6, Math.min(window.innerWidth - w - 6, r.left + r.width / 2 - w / 2));
  const top = r.bottom + 6 + h > window.innerHeight ? r.top - h - 6 : r.bottom + 6;
  t.style.left = `${left}px`;
  t.style.top = `${Math.max(6, top)}px`;
}

function hide() { current = null; if (tip) tip.hidden = true; }

let installed = false;
function install() {
  if (installed) return;
  installed = true;
  const target = (e) => e.target?.closest?.('abbr[data-tip]');
  document.addEventListener('mouseover', (e) => { const a = target(e); if (a) show(a); });
  document.addEventListener('mouseout', (e) => { if (target(e)) hide(); });
  document.addEventListener('focusin', (e) => { const a = target(e); if (a) show(a); else hide(); });
  document.addEventListener('focusout', (e) => { if (target(e)) hide(); });
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape') hide(); });
  // Focusing an abbreviation may scroll the page: the tooltip follows it.
  window.addEventListener('scroll', () => { if (current?.isConnected) show(current); else hide(); }, { passive: true });
}

// <abbr> for `text`, explained by `explanation` (default: the ABBREVIATIONS entry).
export function abbr(text, explanation = ABBREVIATIONS[text]) {
  install();
  const a = document.createElement('abbr');
  a.textContent = text;
  a.dataset.tip = explanation;
  a.tabIndex = 0;
  a.setAttribute('aria-describedby', TIP_ID);
  a.setAttribute('aria-label', `${text}: ${explanation}`);
  a.style.cssText = 'text-decoration:underline dotted;text-underline-offset:2px;cursor:help';
  tooltip();
  return a;
}

// Greek letters keep their case inside uppercased headers (σ must not become Σ).
export function caseSafe(text) {
  const frag = document.createDocumentFragment();
  for (const part of String(text).split(/([α-ωϵϑϕ]+)/)) {
    if (!part) continue;
    if (/^[α-ωϵϑϕ]+$/.test(part)) {
      const s = document.createElement('span');
      s.style.textTransform = 'none';
      s.textContent = part;
      frag.append(s);
    } else frag.append(part);
  }
  return frag;
}

// A header's text with its abbreviation explained (when it is one) and its Greek letters safe.
export function headerText(text) {
  if (ABBREVIATIONS[text]) {
    const a = abbr(text);
    a.replaceChildren(caseSafe(text));
    return a;
  }
  return caseSafe(text);
}

const SKIP = 'abbr, code, pre, script, style, button, select, option, textarea, .katex, [aria-hidden="true"], svg';
const WORDS = ['ECE', 'AdamW', 'SGD', 'MC'];

// Marks the first occurrence of each abbreviation in the text under `root` (one tab stop each).
export function markAbbreviations(root, words = WORDS) {
  const seen = new Set([...root.querySelectorAll('abbr[data-tip]')].map((a) => a.textContent));
  const re = new RegExp(`(^|[^\\w])(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\w])`);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement?.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
  for (const node of nodes) {
    let current = node;
    for (;;) {
      const m = current.textContent.match(re);
      if (!m) break;
      const word = m[2];
      const at = m.index + m[1].length;
      if (seen.has(word)) {
        // Look past this occurrence for another word not yet marked.
        const rest = current.splitText(at + word.length);
        current = rest;
        continue;
      }
      seen.add(word);
      const after = current.splitText(at);
      const rest = after.splitText(word.length);
      after.replaceWith(abbr(word));
      current = rest;
    }
  }
}
