#include "augment/noise.h"

namespace reglab {

// x_ij ← x_ij + σ·ε_ij
void add_input_noise(Matrix& x, float sigma, Rng& rng) {
  if (sigma <= 0) return;
  float* data = x.data();
  for (Eigen::Index k = 0; k < x.size(); ++k) data[k] += sigma * static_cast<float>(rng.normal());
}

}  // namespace reglab
