// embed.html: the iframe form of a widget, for hosts that strip <script>. The query string is
// data: ?preset=<name> or ?spec=<base64url JSON> (or ?spec-a=…&spec-b=…), with optional widget,
// epochs, theme, controls, autoplay. Nothing from it is ever inserted as HTML: each value is
// decoded, checked and set as an attribute of a widget the page creates.
import './index.js';
import { decodeSpec } from '../state/url.js';

const WIDGETS = ['compare', 'dropout-demo', 'bias-variance', 'augment-gallery', 'ladder', 'exercise'];
const PASS = ['preset', 'runs', 'epochs', 'theme', 'controls', 'height', 'speed', 'metric', 'title', 'label-a', 'label-b', 'n', 'augment', 'count', 'p', 'k'];

function show(message) {
  const p = document.createElement('p');
  p.className = 'embed-error';
  p.textContent = message;
  document.body.replaceChildren(p);
}

try {
  const q = new URLSearchParams(location.search);
  const kind = q.get('widget') ?? 'compare';
  if (!WIDGETS.includes(kind)) throw new Error(`unknown widget "${kind.slice(0, 40)}" (choose one of ${WIDGETS.join(', ')})`);
  const w = document.createElement(`reglab-${kind}`);
  for (const name of PASS) if (q.has(name)) w.setAttribute(name, q.get(name).slice(0, 200));
  // A spec travels as base64url(JSON), like the lab's links: ?spec= (one run) or ?spec-a=&spec-b=.
  const decode = (name) => (q.has(name) ? JSON.stringify(decodeSpec(q.get(name))) : null);
  const a = decode('spec-a') ?? decode('spec');
  const b = decode('spec-b');
  if (a) w.setAttribute('spec-a', a);
  if (b) w.setAttribute('spec-b', b);
  if (q.has('autoplay') && q.get('autoplay') !== 'false') w.setAttribute('autoplay', '');
  document.body.replaceChildren(w);
} catch (e) {
  show(`This embed link could not be read: ${e.message}`);
}
