// Fashion-MNIST (Xiao, Rasul & Vollgraf 2017; Zalando Research, MIT licence): 28×28 grayscale
// photos of clothing in 10 classes. RegLab ships a balanced subset in two files made by
// tools/data/extract_fashion_mnist.py (see data/PROVENANCE.md):
//   fashion_mnist_train.bin  4,500 images (450 per class) from the dataset's training set
//   fashion_mnist_test.bin   2,000 images (200 per class) from its test set (t10k)
// The host reads a file and passes its bytes; the engine does no file I/O.
//
// Both are RegLab image files ("RLIM" version 1, little-endian):
//   0 "RLIM" | 4 u16 version = 1 | 6 u16 classes K | 8 u16 channels C | 10 u16 height H |
//   12 u16 width W | 14 u16 reserved = 0 | 16 u32 count N | 20 N·C·H·W uint8 pixels | N uint8 labels
// exactly 20 + N·C·H·W + N bytes. An image is C·H·W bytes, channel-major then row-major.
#pragma once
#include <string>
#include <vector>

#include "reglab/dataset.h"

namespace reglab {

// The class names in label order: T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt,
// Sneaker, Bag, Ankle boot.
const std::vector<std::string>& fashion_mnist_class_names();

// Parses a RegLab image file into a Dataset: x is N × C·H·W with pixels p/255 in [0, 1],
// image_channels/h/w = C/H/W, num_classes = K. `file` names the file in errors
// (Error(file, ...)): a wrong magic or version, a truncated or overlong file, a label ≥ K.
Dataset parse_image_file(const std::string& bytes, const std::string& file);

// parse_image_file, then checks that the file holds 1×28×28 images of 10 classes and sets the
// class names.
Dataset load_fashion_mnist(const std::string& bytes, const std::string& file);

}  // namespace reglab
