#include "layers/sequence/gru_cell.h"

#include <cstring>

#include "kernels/vector_math.h"

namespace reglab {

namespace {
using vmath::f32x4;

// Four hidden units of one row (vmath: one vector exp per gate instead of a libm call per unit;
// in the wasm build, three musl expf per unit were the largest non-GEMM cost of a GRU step).
struct Gates4 {
  f32x4 r, z, n, h_new;
};
Gates4 gates4(f32x4 i_r, f32x4 i_z, f32x4 i_n, f32x4 h_r, f32x4 h_z, f32x4 h_n, f32x4 h) {
  const f32x4 r = vmath::sigmoid(i_r + h_r);
  const f32x4 z = vmath::sigmoid(i_z + h_z);
  const f32x4 n = vmath::tanh(i_n + r * h_n);
  return {r, z, n, (1.0f - z) * n + z * h};
}

// The first `count` (< 4) floats at p, zero-padded to a vector.
f32x4 load_partial(const float* p, Eigen::Index count) {
  float v[4] = {0.0f, 0.0f, 0.0f, 0.0f};
  std::memcpy(v, p, static_cast<size_t>(count) * sizeof(float));
  return vmath::load(v);
}
void store_partial(float* p, f32x4 x, Eigen::Index count) {
  float v[4];
  vmath::store(v, x);
  std::memcpy(p, v, static_cast<size_t>(count) * sizeof(float));
}
}  // namespace

void gru_cell_forward(const Eigen::Ref<const Matrix>& gi, const Eigen::Ref<const Matrix>& gh,
                      const Eigen::Ref<const Matrix>& h, Eigen::Ref<Matrix> r, Eigen::Ref<Matrix> z,
                      Eigen::Ref<Matrix> n, Eigen::Ref<Matrix> h_new) {
  const Eigen::Index B = h.rows(), H = h.cols();
  for (Eigen::Index b = 0; b < B; ++b) {
    const float* gi_b = gi.data() + b * gi.outerStride();
    const float* gh_b = gh.data() + b * gh.outerStride();
    const float* h_b = h.data() + b * h.outerStride();
    float* out[4] = {&r(b, 0), &z(b, 0), &n(b, 0), &h_new(b, 0)};
    Eigen::Index j = 0;
    for (; j + 4 <= H; j += 4) {
      const Gates4 g = gates4(vmath::load(gi_b + j), vmath::load(gi_b + H + j), vmath::load(gi_b + 2 * H + j),
                              vmath::load(gh_b + j), vmath::load(gh_b + H + j), vmath::load(gh_b + 2 * H + j),
                              vmath::load(h_b + j));
      vmath::store(out[0] + j, g.r);
      vmath::store(out[1] + j, g.z);
      vmath::store(out[2] + j, g.n);
      vmath::store(out[3] + j, g.h_new);
    }
    if (j < H) {  // H not a multiple of 4: the last units through the same vector code
      const Eigen::Index c = H - j;
      const Gates4 g = gates4(load_partial(gi_b + j, c), load_partial(gi_b + H + j, c), load_partial(gi_b + 2 * H + j, c),
                              load_partial(gh_b + j, c), load_partial(gh_b + H + j, c), load_partial(gh_b + 2 * H + j, c),
                              load_partial(h_b + j, c));
      store_partial(out[0] + j, g.r, c);
      store_partial(out[1] + j, g.z, c);
      store_partial(out[2] + j, g.n, c);
      store_partial(out[3] + j, g.h_new, c);
    }
  }
}

void gru_cell_backward(const Eigen::Ref<const Matrix>& dh_new, const Eigen::Ref<const Matrix>& gh,
                       const Eigen::Ref<const Matrix>& h, const Eigen::Ref<const Matrix>& r,
                       const Eigen::Ref<const Matrix>& z, const Eigen::Ref<const Matrix>& n, Eigen::Ref<Matrix> dgi,
                       Eigen::Ref<Matrix> dgh, Eigen::Ref<Matrix> dh) {
  const Eigen::Index B = h.rows(), H = h.cols();
  for (Eigen::Index b = 0; b < B; ++b)
    for (Eigen::Index j = 0; j < H; ++j) {
      const float g = dh_new(b, j), rj = r(b, j), zj = z(b, j), nj = n(b, j);
      const float da_n = g * (1.0f - zj) * (1.0f - nj * nj);
      const float da_r = da_n * gh(b, 2 * H + j) * rj * (1.0f - rj);
      const float da_z = g * (h(b, j) - nj) * zj * (1.0f - zj);
      dgi(b, j) = dgh(b, j) = da_r;
      dgi(b, H + j) = dgh(b, H + j) = da_z;
      dgi(b, 2 * H + j) = da_n;
      dgh(b, 2 * H + j) = da_n * rj;
      dh(b, j) = g * zj;
    }
}

}  // namespace reglab
