// Synthetic datasets for the 2-D playground and the regression lessons. Every generator draws only
// from the Rng it is given, so a seed gives the same points natively and in the browser.
//
// Classes are balanced the way scikit-learn splits them: with K classes, class k gets
// n/K samples and the first n mod K classes get one more. Samples come out shuffled.
// The 2-D sets are laid out for plotting a decision boundary; without noise they fill:
//   moons      x ∈ [−1.5, 1.5], y ∈ [−0.75, 0.75]  (scikit-learn's moons shifted by (−0.5, −0.25))
//   circles    the unit circle (class 0) and a circle of radius 0.5 (class 1), as scikit-learn
//   spiral     K arms inside the unit disc
//   xor        [−1, 1]², class 0 in quadrants I and III, class 1 in II and IV
//   gaussians  K clusters centred on the unit circle
// and the noise (σ of Gaussian jitter added to each coordinate) widens them by about 2σ,
// so a plotting window of [−2, 2]² holds every point for noise ≤ 0.25.
#pragma once
#include "reglab/dataset.h"
#include "reglab/rng.h"
#include "reglab/spec.h"

namespace reglab {

// Two interleaving half circles (scikit-learn make_moons, then shifted to be centred).
// Class 0 is the upper arc, class 1 the lower one; points are evenly spaced along each arc.
Dataset make_moons(int n, double noise, Rng& rng);

// Two concentric circles, class 0 outside (radius 1), class 1 inside (radius 0.5, factor 0.5).
Dataset make_circles(int n, double noise, Rng& rng);

// K interleaved spiral arms: arm k at radius r ∈ [0, 1] has angle θ = 2πk/K + 2π·r (one turn).
Dataset make_spiral(int n, int classes, double noise, Rng& rng);

// The XOR pattern: |x1|, |x2| ~ U[0.05, 1], label 0 when x1·x2 > 0 (before noise), else 1.
Dataset make_xor(int n, double noise, Rng& rng);

// K isotropic Gaussian blobs with σ = noise, centred at (cos 2πk/K, sin 2πk/K).
Dataset make_gaussians(int n, int classes, double noise, Rng& rng);

// 1-D regression: x ~ U[0, 1], y = sin(2πx) + N(0, noise²). num_classes 0, x and y are n × 1.
Dataset make_sine(int n, double noise, Rng& rng);

// Label noise: exactly round(rate·n) samples, chosen at random, get a different class drawn
// uniformly from the other K − 1 classes. Does nothing to regression data.
void flip_labels(Dataset& data, double rate, Rng& rng);

// The generator named by spec.kind (moons circles spiral xor gaussians sine) with spec.n,
// spec.noise, spec.classes, then spec.labelFlip. Throws Error("data.kind") for other kinds.
Dataset make_synthetic(const DataSpec& spec, Rng& rng);
bool is_synthetic_dataset(const std::string& kind);

}  // namespace reglab
