// <reglab-augment-gallery>: training digits before and after augmentation (shifts, rotations and
// zooms, mixup or CutMix), drawn by the engine's own augmentation code.
// Attributes: augment (image | mixup | cutmix), count (images, 2–16), controls, theme.
// It does not train: it draws when it scrolls into view; "New samples" draws another batch.
import { el } from '../views/charts.js';
import { imageGrid } from '../views/gallery.js';
import { ReglabWidget, intAttr, choiceAttr, errorText } from './base.js';
import { loadPreset, taskWorker } from './runtime.js';

const RUN = { image: 'shift/rotate/zoom', mixup: 'mixup α=0.2', cutmix: 'CutMix α=1' };
const TITLE = { image: 'Image augmentation: shift, rotate, zoom', mixup: 'Mixup: blended images, blended labels', cutmix: 'CutMix: a patch of another image, labels mixed by area' };
let uid = 0;

export class ReglabAugmentGallery extends ReglabWidget {
  static label = 'Augmented training images';

  build() {
    this.uid = ++uid;
    this.kind = choiceAttr(this, 'augment', 'image', ['image', 'mixup', 'cutmix']);
    this.count = intAttr(this, 'count', 8, 2, 16);
    this.seed = 1;
    this.setTitle(TITLE[this.kind], 'Top: the original training images. Bottom: what the network sees after augmentation (labels under each image).');
    this.playButton.hidden = true;
    this.resetButton.replaceChildren('New samples');
    this.resetButton.onclick = () => { this.seed++; this.draw(); };
    this.grids = el('div', { class: 'galleries' });
    this.body.replaceChildren(this.grids);
    this.ready = loadPreset('6.7').then((p) => {
      this.spec = (p.runs.find((r) => r.label === RUN[this.kind]) ?? p.runs[0]).spec;
    });
    this.ready.catch((e) => this.fail(e));
    this.setState('idle', 'Draws when it scrolls into view.');
  }

  onShown(visible) { if (visible && !this.drawn) { this.drawn = true; this.draw(); } }
  play() { return this.draw(); }
  pause() {}
  reset() { this.seed = 1; return this.draw(); }

  async draw() {
    try {
      await this.ready;
      this.setState('training', 'Augmenting…');
      const g = await taskWorker().run('augmentImages', { spec: this.spec, count: this.count, seed: this.seed }, `gallery-${this.uid}`);
      if (!g) return;
      const k = g.numClasses;
      const soft = k && g.targets?.length ? Array.from({ length: g.count }, (_, i) => g.targets.slice(i * k, (i + 1) * k)) : Array.from(g.labels);
      this.grids.replaceChildren(
        imageGrid('original', { images: g.originals, h: g.h, w: g.w, labels: Array.from(g.labels) }, { max: this.count, scale: 6 }),
        imageGrid(`augmented (sample ${this.seed})`, { images: g.images, h: g.h, w: g.w, labels: soft }, { max: this.count, scale: 6 }));
      this.dataset.images = String(g.count);
      this.setState('done', `${g.count} images of ${g.h}×${g.w} pixels.`);
      this.emit('reglab-done', { images: g.count, seed: this.seed });
    } catch (e) {
      this.setState('error', errorText(e));
    }
  }
}
