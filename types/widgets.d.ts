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
    'reglab-exercise': ReglabWidgetElement;
    'reglab-progress': ReglabWidgetElement;
  }
  interface HTMLElementEventMap {
    'reglab-epoch': CustomEvent<ReglabEpochDetail>;
    'reglab-done': CustomEvent<Record<string, unknown>>;
  }
}
