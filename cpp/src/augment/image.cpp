#include "augment/image.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace reglab {

void flip_horizontal(float* image, int h, int w) {
  for (int r = 0; r < h; ++r) std::reverse(image + r * w, image + (r + 1) * w);
}

// Inverse map of output pixel (r, c), with centre (cy, cx), u = c − cx, v = cy − r (v points up):
//   (u', v') = ((c − cx − dx)/s, (cy + dy − r)/s)
//   u = u' cos θ + v' sin θ,  v = −u' sin θ + v' cos θ      (undo a counter-clockwise rotation)
//   source = (r_in, c_in) = (cy − v, cx + u), sampled bilinearly with zero outside.
void affine_transform(const float* src, float* dst, int h, int w, double dx, double dy, double angle_deg,
                      double scale) {
  const double cy = (h - 1) / 2.0, cx = (w - 1) / 2.0;
  const double theta = angle_deg * 3.14159265358979323846 / 180.0;
  const double cos_t = std::cos(theta), sin_t = std::sin(theta), inv_s = 1.0 / scale;
  auto pixel = [&](int r, int c) { return (r >= 0 && r < h && c >= 0 && c < w) ? src[r * w + c] : 0.0f; };
  for (int r = 0; r < h; ++r)
    for (int c = 0; c < w; ++c) {
      const double up = (c - cx - dx) * inv_s, vp = (cy + dy - r) * inv_s;
      const double u = up * cos_t + vp * sin_t, v = -up * sin_t + vp * cos_t;
      const double r_in = cy - v, c_in = cx + u;
      const int r0 = static_cast<int>(std::floor(r_in)), c0 = static_cast<int>(std::floor(c_in));
      const double fr = r_in - r0, fc = c_in - c0;
      const double value = (1 - fr) * ((1 - fc) * pixel(r0, c0) + fc * pixel(r0, c0 + 1)) +
                           fr * ((1 - fc) * pixel(r0 + 1, c0) + fc * pixel(r0 + 1, c0 + 1));
      dst[r * w + c] = static_cast<float>(value);
    }
}

void translate_image(const float* src, float* dst, int h, int w, double dx, double dy) {
  affine_transform(src, dst, h, w, dx, dy, 0.0, 1.0);
}

void rotate_image(const float* src, float* dst, int h, int w, double angle_deg) {
  affine_transform(src, dst, h, w, 0.0, 0.0, angle_deg, 1.0);
}

void scale_image(const float* src, float* dst, int h, int w, double scale) {
  affine_transform(src, dst, h, w, 0.0, 0.0, 0.0, scale);
}

void adjust_brightness(float* image, int pixels, float delta) {
  for (int k = 0; k < pixels; ++k) image[k] += delta;
}

void adjust_contrast(float* image, int pixels, float factor) {
  double sum = 0;
  for (int k = 0; k < pixels; ++k) sum += image[k];
  const float mean = static_cast<float>(sum / pixels);
  for (int k = 0; k < pixels; ++k) image[k] = mean + factor * (image[k] - mean);
}

void add_pixel_noise(float* image, int pixels, float sigma, Rng& rng) {
  for (int k = 0; k < pixels; ++k) image[k] += sigma * static_cast<float>(rng.normal());
}

void box_blur3(const float* src, float* dst, int h, int w) {
  for (int r = 0; r < h; ++r)
    for (int c = 0; c < w; ++c) {
      float sum = 0;
      int count = 0;
      for (int rr = std::max(0, r - 1); rr <= std::min(h - 1, r + 1); ++rr)
        for (int cc = std::max(0, c - 1); cc <= std::min(w - 1, c + 1); ++cc) sum += src[rr * w + cc], ++count;
      dst[r * w + c] = sum / count;
    }
}

void cutout(float* image, int h, int w, int size, int cy, int cx) {
  const int top = cy - size / 2, left = cx - size / 2;
  for (int r = std::max(0, top); r < std::min(h, top + size); ++r)
    for (int c = std::max(0, left); c < std::min(w, left + size); ++c) image[r * w + c] = 0.0f;
}

void clamp_pixels(float* image, int pixels) {
  for (int k = 0; k < pixels; ++k) image[k] = std::min(1.0f, std::max(0.0f, image[k]));
}

void augment_images(Matrix& batch, int h, int w, const ImageAugSpec& spec, Rng& rng) {
  const int pixels = h * w;
  if (!spec.enabled() || batch.rows() == 0 || pixels <= 0) return;
  // One scratch image for the resampling passes, kept between calls (no allocation per batch).
  static thread_local std::vector<float> scratch;
  scratch.resize(pixels);
  const bool affine = spec.shift > 0 || spec.rotate > 0 || spec.scale > 0;
  for (Eigen::Index i = 0; i < batch.rows(); ++i) {
    if (spec.probability < 1 && !rng.bernoulli(spec.probability)) continue;
    float* image = batch.row(i).data();
    if (spec.flip && rng.bernoulli(0.5)) flip_horizontal(image, h, w);
    if (affine) {
      double dx = 0, dy = 0, angle = 0, zoom = 1;
      if (spec.shift > 0) {
        dx = std::round(rng.uniform(-spec.shift, spec.shift));
        dy = std::round(rng.uniform(-spec.shift, spec.shift));
      }
      if (spec.rotate > 0) angle = rng.uniform(-spec.rotate, spec.rotate);
      if (spec.scale > 0) zoom = rng.uniform(1 - spec.scale, 1 + spec.scale);
      std::copy(image, image + pixels, scratch.begin());
      affine_transform(scratch.data(), image, h, w, dx, dy, angle, zoom);
    }
    if (spec.brightness > 0)
      adjust_brightness(image, pixels, static_cast<float>(rng.uniform(-spec.brightness, spec.brightness)));
    if (spec.contrast > 0)
      adjust_contrast(image, pixels, static_cast<float>(rng.uniform(1 - spec.contrast, 1 + spec.contrast)));
    if (spec.blur > 0 && rng.bernoulli(spec.blur)) {
      std::copy(image, image + pixels, scratch.begin());
      box_blur3(scratch.data(), image, h, w);
    }
    if (spec.noise > 0) add_pixel_noise(image, pixels, static_cast<float>(spec.noise), rng);
    if (spec.cutout > 0) {
      const int cy = static_cast<int>(rng.uniform_int(static_cast<uint32_t>(h)));
      const int cx = static_cast<int>(rng.uniform_int(static_cast<uint32_t>(w)));
      cutout(image, h, w, spec.cutout, cy, cx);
    }
    clamp_pixels(image, pixels);
  }
}

}  // namespace reglab
