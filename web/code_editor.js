// CodeMirror 6 as the code editor of exercise 6.2 — line numbers, JavaScript highlighting, and the
// sandbox's errors (syntax errors and exceptions, with their line) marked at their line. Loaded by
// the exercises page (web/exercises.js) when exercise 6.2 comes near the screen, as a chunk of its
// own; the widgets bundle keeps its plain text area for other pages.
import { EditorView, lineNumbers, keymap, highlightActiveLine, highlightActiveLineGutter, drawSelection } from '@codemirror/view';
import { EditorState } from '@codemirror/state';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { syntaxHighlighting, HighlightStyle, bracketMatching, indentOnInput } from '@codemirror/language';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { tags } from '@lezer/highlight';

// Colours from the widget's CSS variables (style.js), so the editor follows the light/dark theme.
const theme = EditorView.theme({
  '&': { color: 'var(--fg)', backgroundColor: 'var(--surface)', border: '1px solid var(--border)', borderRadius: '8px', height: '24em', fontSize: '12.5px' },
  '&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '-1px' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5', overflow: 'auto' },
  '.cm-content': { caretColor: 'var(--fg)' },
  '.cm-cursor': { borderLeftColor: 'var(--fg)' },
  '.cm-gutters': { backgroundColor: 'var(--surface-2)', color: 'var(--muted)', borderRight: '1px solid var(--border)', borderRadius: '8px 0 0 8px' },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--accent) 7%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'color-mix(in srgb, var(--accent) 12%, transparent)', color: 'var(--fg)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'color-mix(in srgb, var(--accent) 25%, transparent)' },
  '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy var(--bad)', textUnderlineOffset: '3px' },
  '.cm-tooltip': { backgroundColor: 'var(--surface)', color: 'var(--fg)', border: '1px solid var(--border)' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--bad)' },
});

const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword, tags.operatorKeyword], color: 'var(--cm-keyword, #8a3ab9)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--cm-number, #b35900)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--cm-string, #1a7f37)' },
  { tag: tags.comment, color: 'var(--muted)', fontStyle: 'italic' },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], color: 'var(--accent)' },
]);

export function codeMirror({ doc, root, label, onChange, onRun }) {
  const view = new EditorView({
    root,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(), highlightActiveLineGutter(), highlightActiveLine(), drawSelection(), history(), indentOnInput(), bracketMatching(),
        javascript(), syntaxHighlighting(highlight), lintGutter(), theme,
        EditorState.tabSize.of(2),
        keymap.of([{ key: 'Mod-Enter', run: () => { onRun(); return true; } }, indentWithTab, ...defaultKeymap, ...historyKeymap]),
        EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
        EditorView.updateListener.of((u) => { if (u.docChanged) onChange(u.state.doc.toString()); }),
      ],
    }),
  });
  view.dom.classList.add('code-editor');
  return {
    dom: view.dom,
    view,
    get value() { return view.state.doc.toString(); },
    set value(v) { view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: v } }); },
    // [{line, message}] → diagnostics on those lines (the gutter marks them; hover shows the text).
    markErrors(list) {
      const doc = view.state.doc;
      const diagnostics = list.filter((d) => d.line >= 1).map((d) => {
        const line = doc.line(Math.min(d.line, doc.lines));
        return { from: line.from, to: Math.max(line.from, line.to), severity: 'error', message: d.message };
      });
      view.dispatch(setDiagnostics(view.state, diagnostics));
      view.dom.dataset.errorLines = diagnostics.map((d) => doc.lineAt(d.from).number).join(',');
    },
    destroy() { view.destroy(); },
  };
}

