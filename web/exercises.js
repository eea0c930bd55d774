// The exercises page (exercises.html): the widgets, plus CodeMirror as the code editor of exercise
// 6.2 (web/code_editor.js). CodeMirror is a third of the page's script, so it loads only when
// exercise 6.2 comes near the screen or gets the focus; until then (a moment) the exercise shows
// its plain text area, and the code typed there carries over (setCodeEditor swaps the editor).
import { setCodeEditor } from './widgets/index.js';

const exercise = document.querySelector('reglab-exercise[n="6.2"]');
let loading = null;
const load = () => (loading ??= import('./code_editor.js').then(({ codeMirror }) => setCodeEditor(codeMirror)));
if (exercise) {
  const near = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) { near.disconnect(); load(); }
  }, { rootMargin: '50% 0px' });
  near.observe(exercise);
  exercise.addEventListener('focusin', load, { once: true });
}
