// How RegLab stores images, for every layer of a convolutional block.
//   An image of C channels, H rows and W columns is ONE ROW of C·H·W values, channel-major:
//   value (c, i, j) sits at column (c·H + i)·W + j — PyTorch's x.flatten(1) of an NCHW tensor.
//   A batch is a Matrix with one image per row (B × C·H·W).
// Flatten is therefore implicit: it is the identity on this layout, so there is no flatten layer.
// The first dense layer after the conv blocks reads each row as it is (C·H·W order), which is
// what nn.Flatten() followed by nn.Linear does, and PyTorch's Linear weights load unchanged.
#pragma once
#include <string>

#include "reglab/error.h"

namespace reglab {

struct ImageShape {
  int channels = 1, height = 1, width = 1;

  int pixels() const { return height * width; }        // H·W, the values of one channel
  int size() const { return channels * height * width; }  // C·H·W, the columns of a batch
  bool operator==(const ImageShape& o) const {
    return channels == o.channels && height == o.height && width == o.width;
  }
  std::string str() const {
    return std::to_string(channels) + "×" + std::to_string(height) + "×" + std::to_string(width);
  }
};

// Throws reglab::Error(path) unless every dimension is ≥ 1.
inline void check_image_shape(const ImageShape& s, const std::string& path) {
  if (s.channels < 1 || s.height < 1 || s.width < 1)
    throw Error(path, "an image needs at least 1 channel and 1×1 pixels, got " + s.str());
}

// Throws reglab::Error(path) unless x holds images of shape s, one per row.
template <typename M>
void check_image_batch(const M& x, const ImageShape& s, const std::string& path) {
  if (x.cols() != s.size())
    throw Error(path, "expected images of " + s.str() + " = " + std::to_string(s.size()) + " values per row, got " +
                          std::to_string(x.cols()));
}

}  // namespace reglab

namespace reglab {

// Pooling windows (max_pool_2d.h, avg_pool_2d.h): kernel k, stride s, no padding, floor mode as
// PyTorch's default (ceil_mode=False): out = ⌊(H − k)/s⌋ + 1, so with an odd size the last row
// (column) that does not fill a window is ignored — 5×7 pooled by 2 is 2×3.
struct Pool2DGeometry {
  ImageShape in;
  int kernel = 2, stride = 2;
  int out_h = 1, out_w = 1;
  ImageShape out() const { return {in.channels, out_h, out_w}; }
};

// Errors name `path` + ".pool" (kernel 1–7, 1 ≤ stride ≤ kernel, kernel ≤ H and W).
inline Pool2DGeometry pool2d_geometry(const ImageShape& in, int kernel, int stride, const std::string& path) {
  check_image_shape(in, path);
  if (kernel < 1 || kernel > 7)
    throw Error(path + ".pool", "pooling window must be from 1 to 7, got " + std::to_string(kernel));
  if (stride < 1 || stride > kernel)
    throw Error(path + ".pool", "pooling stride must be from 1 to the window " + std::to_string(kernel) + ", got " +
                                    std::to_string(stride));
  if (kernel > in.height || kernel > in.width)
    throw Error(path + ".pool", "a " + std::to_string(kernel) + "×" + std::to_string(kernel) +
                                    " pooling window does not fit the " + std::to_string(in.height) + "×" +
                                    std::to_string(in.width) + " image; the image would shrink below 1×1");
  Pool2DGeometry g;
  g.in = in;
  g.kernel = kernel;
  g.stride = stride;
  g.out_h = (in.height - kernel) / stride + 1;
  g.out_w = (in.width - kernel) / stride + 1;
  return g;
}

}  // namespace reglab
