#include "data/fashion_mnist.h"

#include <cstdint>

#include "reglab/error.h"

namespace reglab {

namespace {

constexpr size_t kHeaderBytes = 20;

uint32_t read_le(const std::string& bytes, size_t offset, int size) {
  uint32_t v = 0;
  for (int k = size - 1; k >= 0; --k) v = (v << 8) | static_cast<unsigned char>(bytes[offset + k]);
  return v;
}

std::string plural(uint64_t n, const char* noun) { return std::to_string(n) + " " + noun + (n == 1 ? "" : "s"); }

}  // namespace

const std::vector<std::string>& fashion_mnist_class_names() {
  static const std::vector<std::string> names = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                                 "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
  return names;
}

Dataset parse_image_file(const std::string& bytes, const std::string& file) {
  if (bytes.size() < kHeaderBytes)
    throw Error(file, "is " + plural(bytes.size(), "byte") + " long, shorter than the 20-byte header (truncated?)");
  if (bytes.compare(0, 4, "RLIM") != 0)
    throw Error(file, "does not start with \"RLIM\": not a RegLab image file");
  const uint32_t version = read_le(bytes, 4, 2), classes = read_le(bytes, 6, 2);
  const uint32_t channels = read_le(bytes, 8, 2), height = read_le(bytes, 10, 2), width = read_le(bytes, 12, 2);
  const uint32_t count = read_le(bytes, 16, 4);
  if (version != 1) throw Error(file, "is a version " + std::to_string(version) + " image file, expected version 1");
  if (classes < 2) throw Error(file, "declares " + plural(classes, "class") + ", expected at least 2");
  if (channels == 0 || height == 0 || width == 0)
    throw Error(file, "declares an empty image shape " + std::to_string(channels) + "×" + std::to_string(height) +
                          "×" + std::to_string(width));
  if (count == 0) throw Error(file, "declares no images");
  const uint64_t pixels = static_cast<uint64_t>(channels) * height * width;
  const uint64_t expected = kHeaderBytes + static_cast<uint64_t>(count) * (pixels + 1);
  if (bytes.size() != expected)
    throw Error(file, "is " + plural(bytes.size(), "byte") + " long, but its header (" + plural(count, "image") +
                          " of " + std::to_string(channels) + "×" + std::to_string(height) + "×" +
                          std::to_string(width) + ") needs exactly " + std::to_string(expected) +
                          (bytes.size() < expected ? " (truncated?)" : ""));

  Dataset data;
  const Eigen::Index n = count, d = static_cast<Eigen::Index>(pixels);
  data.x.resize(n, d);
  const unsigned char* p = reinterpret_cast<const unsigned char*>(bytes.data()) + kHeaderBytes;
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < d; ++j) data.x(i, j) = static_cast<float>(*p++) / 255.0f;
  data.labels.resize(count);
  for (uint32_t i = 0; i < count; ++i) {
    const unsigned label = *p++;
    if (label >= classes)
      throw Error(file, "label of image " + std::to_string(i) + " is " + std::to_string(label) + ", outside 0.." +
                            std::to_string(classes - 1));
    data.labels[i] = static_cast<int>(label);
  }
  data.num_classes = static_cast<int>(classes);
  data.image_channels = static_cast<int>(channels);
  data.image_h = static_cast<int>(height);
  data.image_w = static_cast<int>(width);
  return data;
}

Dataset load_fashion_mnist(const std::string& bytes, const std::string& file) {
  Dataset data = parse_image_file(bytes, file);
  if (data.image_channels != 1 || data.image_h != 28 || data.image_w != 28 || data.num_classes != 10)
    throw Error(file, "holds " + std::to_string(data.image_channels) + "×" + std::to_string(data.image_h) + "×" +
                          std::to_string(data.image_w) + " images of " + std::to_string(data.num_classes) +
                          " classes; Fashion-MNIST is 1×28×28 with 10 classes");
  data.class_names = fashion_mnist_class_names();
  return data;
}

}  // namespace reglab
