// CutMix (Yun et al. 2019): paste a rectangle of a partner image into each image, and mix the
// targets by the area that remains. With a permutation π of the batch and a box B (half-open
// rows [y0, y1) × cols [x0, x1)):
//   x̃_i = x_i outside B, x_π(i) inside B
//   λ_adj = 1 − |B|/(H·W),   ỹ_i = λ_adj·y_i + (1 − λ_adj)·y_π(i)
// λ (drawn from Beta(α, α), see sample_mix_lambda) only sizes the box; the targets use λ_adj,
// the fraction of image i actually kept after clipping.
#pragma once
#include <vector>

#include "reglab/rng.h"
#include "reglab/tensor.h"

namespace reglab {

struct CutMixBox {
  int y0, y1, x0, x1;  // half-open: rows y0 ≤ r < y1, cols x0 ≤ c < x1
};

// A box of side round(H·√(1−λ)) × round(W·√(1−λ)) (area ≈ (1 − λ)·H·W) centred at a uniform
// pixel (cy, cx), clipped to the image: so boxes near a border are smaller.
CutMixBox cutmix_box(int h, int w, float lam, Rng& rng);

// images: B × (h·w) row-major pixels. images_out / targets_out are resized (no allocation when
// they already have the shape) and must not alias the inputs. Returns λ_adj.
float cutmix(const Matrix& images, int h, int w, const Matrix& targets, const std::vector<int>& perm,
             const CutMixBox& box, Matrix& images_out, Matrix& targets_out);

}  // namespace reglab
