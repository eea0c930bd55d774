// 2-D convolution (torch.nn.Conv2d semantics: a cross-correlation, no kernel flip), on batches of
// images stored one per row, channel-major (image_shape.h). Geometry and padding: kernels/im2col.h.
//   W: out × (in·kh·kw) — PyTorch's weight [out, in, kh, kw] flattened, so its values load as they are
//   b: 1 × out
// Each product runs as one GEMM (kernels/gemm.h: the SIMD128 kernel under wasm) per group of images
// on their im2col matrices; the backward needs only those matrices, not x. Layers with few inputs
// per output (stride 1, in·kh·kw ≤ kConvDirectMaxPatch: a first layer on grey images) take the
// direct path of kernels/conv2d_direct.h instead, which keeps zero-padded images, not im2col blocks.
// Optional spectral normalization divides W by σ of that out × (in·kh·kw) matrix, as PyTorch's
// spectral_norm does for a conv weight (dim 0 kept, the rest flattened; spectral_norm.h).
#pragma once
#include "kernels/im2col.h"
#include "layers/dense.h"  // Init
#include "layers/layer.h"

namespace reglab {

// Which kernel computes the products: Auto picks as stated above; the others force one (tests
// compare the two on the same geometry; Direct throws where it does not apply). The backward
// must be given the forward's choice: `cols` holds what that path keeps.
enum class ConvPath { Auto, Im2colGemm, Direct };

// The im2col matrices of a group of G images side by side, cols = [cols_n … cols_{n+G−1}]
// (in·kh·kw × G·OH·OW, cols_n = im2col(x_n), kernels/im2col.h), make each product one GEMM per
// group (G: as many images as keep the block in cache, conv2d.cpp):
//   Y = W · cols  (out × G·OH·OW),  then y[n][o][pixel] = Y[o][(n − first)·OH·OW + pixel] + b[o]
// y is B × out·OH·OW, channel-major like the input. `cols` keeps every group's block for the
// backward (in·kh·kw·B·OH·OW values); `work` is scratch.
// keep_cols = false (evaluation: no backward follows) keeps only one group's block in `cols`.
void conv2d_forward(const Matrix& x, const Matrix& W, const Matrix& b, const Conv2DGeometry& g, Matrix& y,
                    Matrix& cols, Matrix& work, bool keep_cols = true, ConvPath path = ConvPath::Auto);
// Backward, group by group (parameter gradients ACCUMULATE; dx overwritten), with dY = dy laid
// out like Y (in `work`):
//   db += Σ_n Σ_pixels dy_n,   dW += dY · colsᵀ,   dcols = Wᵀ · dY,   dx_n = col2im(dcols_n)
// `dcols` is scratch (in·kh·kw × G·OH·OW). input_gradient = false skips dx (the first layer of a
// model: nobody reads the gradient of the data).
void conv2d_backward(const Matrix& dy, const Matrix& W, const Conv2DGeometry& g, const Matrix& cols, Matrix& dx,
                     Matrix& dW, Matrix& db, Matrix& work, Matrix& dcols, bool input_gradient = true,
                     ConvPath path = ConvPath::Auto);

// Initialization with PyTorch's fans for a conv weight: fan_in = in·kh·kw, fan_out = out·kh·kw.
//   He: W ~ Normal(0, √(2/fan_in));  Xavier: W ~ Uniform(±√(6/(fan_in + fan_out))).  b starts at 0.
class Conv2D : public Layer {
 public:
  Conv2D(const Conv2DGeometry& geometry, Init init, Rng& rng);

  const char* kind() const override { return "conv2d"; }
  const Matrix& forward(const Matrix& x, Mode mode, Rng& rng) override;
  const Matrix& backward(const Matrix& dy) override;
  std::vector<ParamRef> params() override;  // W (role Weight: penalties, decay), b (role Bias)
  std::vector<std::pair<const char*, Matrix*>> buffers() override;  // "u", "v" when spectral norm is on

  void set_input_gradient(bool on) { input_gradient_ = on; }
  const Conv2DGeometry& geometry() const { return geometry_; }

  // Spectral normalization, exactly as Dense (dense.h) with W seen as out × (in·kh·kw): u (1 × out)
  // starts as a normalized Normal(0, 1) vector warmed up by 15 iterations; training forwards run
  // `iterations` power iterations, evaluation forwards reuse u, v.
  void enable_spectral_norm(int iterations, Rng& rng);
  bool spectral_norm_enabled() const { return spectral_iterations_ > 0; }
  float sigma() const;            // σ that divided W in the last forward (spectral norm on), else σ(W)
  float effective_sigma() const;  // σ of the weight the forward applies (W/σ or W)
  void refine_spectral_norm(int iterations);

  Matrix W, b, dW, db;

 private:
  float largest_singular_value(float scale) const;

  Conv2DGeometry geometry_;
  Matrix y_, dx_, cols_, work_, dcols_;
  bool cols_kept_ = false;  // the last forward was in training mode: cols_ holds every image's block
  bool input_gradient_ = true;
  int spectral_iterations_ = 0;
  float sigma_ = 1.0f;
  Matrix u_, v_, W_sn_, dW_sn_;
  mutable Matrix probe_u_, probe_v_;
};

}  // namespace reglab
