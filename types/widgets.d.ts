// Types for `import 'reglab/widgets'` (dist/reglab-widgets.js): the custom elements it defines,
// their events and configure().
import type { EpochRecord } from './reglab.js';

export type WidgetState = 'idle' | 'queued' | 'loading' | 'training' | 'paused' | 'done' | 'error';

export interface ReglabWidgetElement extends HTMLElement {
  readonly state: WidgetState;
  play(): Promise<void>;
  pause(): void;
  reset(): void;
}

/** One check of an exercise: a stable id, whether it holds, and what is wrong in words. */
export interface ExerciseCheck { id: string; ok: boolean; message: string }
export interface ExerciseResult { pass: boolean; checks: ExerciseCheck[] }

/** The answers check() takes: 6.1 {lambda, explanation?}, 6.3 {norm, placement?}, 6.4 {alpha, hidden?, conclusion?}. */
export interface ExerciseAnswers {
  lambda?: number; explanation?: string;
  norm?: 'batch' | 'layer' | 'none'; placement?: 'pre' | 'post';
  alpha?: number; hidden?: 64 | 128 | 256; conclusion?: '' | 'better' | 'same' | 'worse';
}

/** <reglab-exercise n="6.1|6.2|6.3|6.4" [no-progress]>: check() runs exactly what the exercise's
 *  button runs — check(code) for 6.2, check(answers) for the others. */
export interface ReglabExerciseElement extends ReglabWidgetElement {
  check(codeOrAnswers: string | ExerciseAnswers): Promise<ExerciseResult>;
}

/** A page may give exercise 6.2 a richer code editor (the exercises page bundles CodeMirror). */
export interface CodeEditor {
  dom: HTMLElement;
  value: string;
  markErrors(errors: Array<{ line: number; message: string }>): void;
  destroy(): void;
}
export function setCodeEditor(factory: (options: { doc: string; root: ShadowRoot; label: string; onChange(value: string): void; onRun(): void }) => CodeEditor): void;

/** A submission file's text → the answers in it (any status or result in the file is dropped). */
export function readSubmission(text: string, fileName?: string): {
  student: string; created: string | null;
  exercises: Record<string, { answers: Record<string, string | number | boolean>; updated: string | null; referenceShown: boolean }>;
};

export interface ReglabEpochDetail {
  epoch: number;
  epochs: number;
  runs: Array<{ label: string; epoch?: number; record: EpochRecord | null }>;
}

/** How many widgets may train at once (default 1) and where the RegLab files are served from
 *  when the widgets were bundled into an app (default: next to reglab-widgets.js). */
export function configure(options: { concurrency?: number; base?: string }): void;
export function baseUrl(): URL;
export const PRESET_ALIASES: Record<string, { file: string; runs?: string[]; description?: string }>;
export const ELEMENTS: Record<string, CustomElementConstructor>;

declare global {
  interface HTMLElementTagNameMap {
    'reglab-compare': ReglabWidgetElement;
    'reglab-dropout-demo': ReglabWidgetElement;
    'reglab-bias-variance': ReglabWidgetElement;
    'reglab-augment-gallery': ReglabWidgetElement;
    'reglab-ladder': ReglabWidgetElement;
    'reglab-exercise': ReglabExerciseElement;
    'reglab-progress': ReglabWidgetElement;
  }
  interface HTMLElementEventMap {
    'reglab-epoch': CustomEvent<ReglabEpochDetail>;
    'reglab-done': CustomEvent<Record<string, unknown>>;
  }
}
