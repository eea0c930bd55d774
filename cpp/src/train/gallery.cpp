#include "reglab/gallery.h"

#include <algorithm>

#include "augment/cutmix.h"
#include "augment/image.h"
#include "augment/mixup.h"
#include "augment/noise.h"
#include "losses/label_smoothing.h"
#include "reglab/error.h"

namespace reglab {

Gallery augmented_gallery(const Spec& spec, const DataTexts& texts, int count, uint32_t seed) {
  if (count < 1 || count > 256) throw Error("count", "must be in [1, 256], got " + std::to_string(count));
  Splits s = build_splits(spec, texts);
  const Dataset& train = s.train;
  if (train.image_h == 0) throw Error("data.kind", "an image gallery needs image data (digits or fashion_mnist), got \"" + spec.data.kind + "\"");
  count = std::min(count, train.rows());
  Rng rng(seed, 0x9a11);
  Gallery g;
  g.count = count;
  g.h = train.image_h;
  g.w = train.image_w;
  g.num_classes = train.num_classes;
  g.class_names = train.class_names;
  Matrix x(count, train.features());
  Labels labels(count);
  for (int i = 0; i < count; ++i) {
    x.row(i) = train.x.row(i);
    labels[i] = train.labels[i];
  }
  g.originals.assign(x.data(), x.data() + x.size());
  Matrix targets;
  smoothed_targets(labels, train.num_classes, static_cast<float>(spec.loss.labelSmoothing), targets);
  const AugmentSpec& a = spec.augment;
  if (a.noise > 0) add_input_noise(x, static_cast<float>(a.noise), rng);
  if (a.image.enabled()) augment_images(x, g.h, g.w, a.image, rng);
  Matrix xm = x, tm = targets;
  if (a.mixupAlpha > 0 || a.cutmixAlpha > 0) {
    std::vector<int> perm = rng.permutation(count);
    if (a.cutmixAlpha > 0 && (a.mixupAlpha <= 0 || rng.bernoulli(0.5))) {
      float lam = sample_mix_lambda(a.cutmixAlpha, rng);
      cutmix(x, g.h, g.w, targets, perm, cutmix_box(g.h, g.w, lam, rng), xm, tm);
    } else {
      mixup(x, targets, sample_mix_lambda(a.mixupAlpha, rng), perm, xm, tm);
    }
  }
  g.images.assign(xm.data(), xm.data() + xm.size());
  g.targets.assign(tm.data(), tm.data() + tm.size());
  g.labels = labels;
  return g;
}

}  // namespace reglab
