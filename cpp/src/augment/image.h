// Image augmentation for small grayscale images stored one per row, row-major (pixel (r, c) at
// column r·w + c), values in [0, 1] with a black (0) background, as the digits dataset is.
//
// Geometry: rows grow downwards. dx > 0 moves the content right, dy > 0 moves it down, a
// positive angle rotates it counter-clockwise as displayed, scale > 1 zooms in; rotation and
// zoom are about the image centre ((h−1)/2, (w−1)/2). Affine transforms inverse-map every output
// pixel into the input and interpolate bilinearly; what falls outside the input is 0.
#pragma once
#include "reglab/rng.h"
#include "reglab/spec.h"
#include "reglab/tensor.h"

namespace reglab {

// Augments every row of batch in place. Each image is augmented with chance spec.probability;
// an augmented image gets, for each enabled transform, freshly drawn parameters:
//   flip        horizontal mirror with probability 0.5
//   shift       dx, dy ~ U[−shift, shift], rounded to whole pixels (as torchvision does)
//   rotate      angle ~ U[−rotate, rotate] degrees
//   scale       zoom ~ U[1 − scale, 1 + scale]
//   brightness  + δ, δ ~ U[−brightness, brightness]
//   contrast    mean + f·(x − mean), f ~ U[1 − contrast, 1 + contrast], mean of the image
//   blur        3×3 box blur with probability `blur`
//   noise       + N(0, noise²) per pixel
//   cutout      a cutout × cutout square (centre uniform over the image, clipped) set to 0
// applied in that order (shift, rotation and zoom as one affine resampling), then clamped to
// [0, 1].
void augment_images(Matrix& batch, int h, int w, const ImageAugSpec& spec, Rng& rng);

// ---- the transforms, one image each -----------------------------------------------------------

// image(r, c) ← image(r, w − 1 − c): mirrored left–right, in place.
void flip_horizontal(float* image, int h, int w);

// dst = src moved by (dx, dy), rotated by angle_deg and zoomed by `scale` (see above). src and
// dst must not overlap. With angle 0, scale 1 and whole-pixel shifts the copy is exact.
void affine_transform(const float* src, float* dst, int h, int w, double dx, double dy, double angle_deg,
                      double scale);
void translate_image(const float* src, float* dst, int h, int w, double dx, double dy);
void rotate_image(const float* src, float* dst, int h, int w, double angle_deg);
void scale_image(const float* src, float* dst, int h, int w, double scale);

// x ← x + delta
void adjust_brightness(float* image, int pixels, float delta);
// x ← μ + f·(x − μ), μ = mean of the image
void adjust_contrast(float* image, int pixels, float factor);
// x ← x + σ·ε, ε ~ N(0, 1)
void add_pixel_noise(float* image, int pixels, float sigma, Rng& rng);
// dst(r, c) = mean of src over the 3×3 neighbourhood of (r, c) that lies inside the image.
void box_blur3(const float* src, float* dst, int h, int w);
// Sets the size × size square with top-left (cy − size/2, cx − size/2), clipped, to 0.
void cutout(float* image, int h, int w, int size, int cy, int cx);
// x ← min(max(x, 0), 1)
void clamp_pixels(float* image, int pixels);

}  // namespace reglab
