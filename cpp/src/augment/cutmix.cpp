#include "augment/cutmix.h"

#include <algorithm>
#include <cmath>

namespace reglab {

CutMixBox cutmix_box(int h, int w, float lam, Rng& rng) {
  const double cut = std::sqrt(std::max(0.0, 1.0 - static_cast<double>(lam)));
  const int cut_h = static_cast<int>(std::lround(h * cut)), cut_w = static_cast<int>(std::lround(w * cut));
  const int cy = static_cast<int>(rng.uniform_int(static_cast<uint32_t>(h)));
  const int cx = static_cast<int>(rng.uniform_int(static_cast<uint32_t>(w)));
  const int top = cy - cut_h / 2, left = cx - cut_w / 2;
  CutMixBox box;
  box.y0 = std::clamp(top, 0, h);
  box.y1 = std::clamp(top + cut_h, 0, h);
  box.x0 = std::clamp(left, 0, w);
  box.x1 = std::clamp(left + cut_w, 0, w);
  return box;
}

// x̃_i = x_i with B taken from x_π(i);  λ_adj = 1 − |B|/(HW);  ỹ_i = λ_adj y_i + (1 − λ_adj) y_π(i)
float cutmix(const Matrix& images, int h, int w, const Matrix& targets, const std::vector<int>& perm,
             const CutMixBox& box, Matrix& images_out, Matrix& targets_out) {
  const int box_h = std::max(0, box.y1 - box.y0), box_w = std::max(0, box.x1 - box.x0);
  const float lam_adj = 1.0f - static_cast<float>(box_h * box_w) / static_cast<float>(h * w);
  images_out = images;
  for (Eigen::Index i = 0; i < images.rows(); ++i) {
    const float* partner = images.row(perm[i]).data();
    float* out = images_out.row(i).data();
    for (int r = box.y0; r < box.y1; ++r)
      for (int c = box.x0; c < box.x1; ++c) out[r * w + c] = partner[r * w + c];
  }
  targets_out.resize(targets.rows(), targets.cols());
  for (Eigen::Index i = 0; i < targets.rows(); ++i)
    targets_out.row(i) = lam_adj * targets.row(i) + (1.0f - lam_adj) * targets.row(perm[i]);
  return lam_adj;
}

}  // namespace reglab
