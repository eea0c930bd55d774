// RegLab widgets: one <script type="module" src=".../reglab-widgets.js"> and then, anywhere in
// the page, <reglab-compare>, <reglab-dropout-demo>, <reglab-bias-variance>,
// <reglab-augment-gallery>, <reglab-ladder>, <reglab-exercise>, <reglab-progress>.
// The engine, presets and data are found next to this script (see runtime.js), so the page may
// live on another origin. Every widget shares one worker pool and one training queue.
import { ReglabCompare } from './compare.js';
import { ReglabDropoutDemo } from './dropout_demo.js';
import { ReglabBiasVariance } from './bias_variance.js';
import { ReglabAugmentGallery } from './augment_gallery.js';
import { ReglabLadder } from './ladder.js';
import { ReglabExercise, setCodeEditor } from './exercise.js';
import { ReglabProgress } from './progress_widget.js';
import { configure, baseUrl, PRESET_ALIASES } from './runtime.js';
import { readSubmission } from './progress.js';

export const ELEMENTS = {
  'reglab-compare': ReglabCompare,
  'reglab-dropout-demo': ReglabDropoutDemo,
  'reglab-bias-variance': ReglabBiasVariance,
  'reglab-augment-gallery': ReglabAugmentGallery,
  'reglab-ladder': ReglabLadder,
  'reglab-exercise': ReglabExercise,
  'reglab-progress': ReglabProgress,
};

for (const [name, cls] of Object.entries(ELEMENTS)) {
  if (!customElements.get(name)) customElements.define(name, cls);
}

export { configure, baseUrl, setCodeEditor, readSubmission, PRESET_ALIASES, ReglabCompare, ReglabDropoutDemo, ReglabBiasVariance, ReglabAugmentGallery, ReglabLadder, ReglabExercise, ReglabProgress };
