#include "data/fashion_mnist.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "reglab/error.h"
#include "support/fixture.h"

namespace reglab {
namespace {

std::string read_data_file(const std::string& name) {
  return testing::read_text_file(std::string(REGLAB_DATA_DIR) + "/" + name);
}

std::vector<int> class_counts(const Dataset& d) {
  std::vector<int> counts(d.num_classes, 0);
  for (int label : d.labels) counts.at(label)++;
  return counts;
}

// A valid file of n images C×H×W with K classes; pixel bytes count up, labels are i mod K.
std::string image_file(int n, int c, int h, int w, int k) {
  auto u16 = [](int v) { return std::string{static_cast<char>(v & 0xFF), static_cast<char>(v >> 8)}; };
  std::string bytes = "RLIM" + u16(1) + u16(k) + u16(c) + u16(h) + u16(w) + u16(0);
  bytes += std::string{static_cast<char>(n & 0xFF), static_cast<char>((n >> 8) & 0xFF), 0, 0};
  for (int i = 0; i < n * c * h * w; ++i) bytes += static_cast<char>(i % 256);
  for (int i = 0; i < n; ++i) bytes += static_cast<char>(i % k);
  return bytes;
}

std::string error_of(const std::string& bytes, const std::string& file = "images.bin") {
  try {
    parse_image_file(bytes, file);
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), file);
    return e.message();
  }
  ADD_FAILURE() << "no error";
  return "";
}

TEST(FashionMnist, ShippedTrainingPoolIs4500BalancedImagesOf28By28) {
  Dataset d = load_fashion_mnist(read_data_file("fashion_mnist_train.bin"), "fashion_mnist_train.bin");
  ASSERT_EQ(d.rows(), 4500);
  ASSERT_EQ(d.features(), 784);
  EXPECT_EQ(d.image_channels, 1);
  EXPECT_EQ(d.image_h, 28);
  EXPECT_EQ(d.image_w, 28);
  EXPECT_EQ(d.num_classes, 10);
  EXPECT_EQ(class_counts(d), std::vector<int>(10, 450));
  EXPECT_EQ(d.x.minCoeff(), 0.0f);
  EXPECT_EQ(d.x.maxCoeff(), 1.0f);
  ASSERT_EQ(d.class_names.size(), 10u);
  EXPECT_EQ(d.class_names[0], "T-shirt/top");
  EXPECT_EQ(d.class_names[9], "Ankle boot");
  // Rows come in rounds of one image per class: the first 10 rows hold every class once.
  std::vector<int> first(10, 0);
  for (int i = 0; i < 10; ++i) first.at(d.labels[i])++;
  EXPECT_EQ(first, std::vector<int>(10, 1));
}

TEST(FashionMnist, ShippedHeldOutPoolIs2000BalancedImages) {
  Dataset d = load_fashion_mnist(read_data_file("fashion_mnist_test.bin"), "fashion_mnist_test.bin");
  ASSERT_EQ(d.rows(), 2000);
  EXPECT_EQ(class_counts(d), std::vector<int>(10, 200));
}

TEST(FashionMnist, TrousersAreTallerThanWideOnAverage) {
  // A sanity check of the pixel layout (row-major within the image): the mean trouser image has
  // more ink in its middle column than in its middle row; a transposed reading would flip this.
  Dataset d = load_fashion_mnist(read_data_file("fashion_mnist_train.bin"), "fashion_mnist_train.bin");
  double column = 0, row = 0;
  for (int i = 0; i < d.rows(); ++i) {
    if (d.labels[i] != 1) continue;
    for (int k = 0; k < 28; ++k) {
      column += d.x(i, k * 28 + 14);
      row += d.x(i, 14 * 28 + k);
    }
  }
  EXPECT_GT(column, 1.3 * row);
}

TEST(ImageFile, ParsesHeaderPixelsAndLabels) {
  Dataset d = parse_image_file(image_file(3, 2, 2, 3, 4), "small.bin");
  ASSERT_EQ(d.rows(), 3);
  ASSERT_EQ(d.features(), 12);
  EXPECT_EQ(d.image_channels, 2);
  EXPECT_EQ(d.image_h, 2);
  EXPECT_EQ(d.image_w, 3);
  EXPECT_EQ(d.num_classes, 4);
  EXPECT_FLOAT_EQ(d.x(0, 0), 0.0f);
  EXPECT_FLOAT_EQ(d.x(1, 5), 17.0f / 255.0f);  // byte 12 + 5
  EXPECT_EQ(d.labels, (Labels{0, 1, 2}));
}

TEST(ImageFile, TruncatedFileNamesTheFileAndTheExpectedSize) {
  std::string bytes = image_file(3, 1, 4, 4, 10);
  std::string message = error_of(bytes.substr(0, bytes.size() - 1), "fashion_mnist_train.bin");
  EXPECT_NE(message.find("needs exactly 71"), std::string::npos) << message;
  EXPECT_NE(message.find("truncated"), std::string::npos) << message;
  EXPECT_NE(error_of(bytes.substr(0, 7)).find("shorter than the 20-byte header"), std::string::npos);
  EXPECT_NE(error_of("").find("0 bytes"), std::string::npos);
  EXPECT_NE(error_of(bytes + "x").find("needs exactly 71"), std::string::npos);
}

TEST(ImageFile, WrongMagicVersionShapeOrLabelIsRefused) {
  std::string bytes = image_file(2, 1, 2, 2, 3);
  std::string csv = "text,label\n" + std::string(30, 'a');
  EXPECT_NE(error_of(csv).find("not a RegLab image file"), std::string::npos);
  std::string v2 = bytes;
  v2[4] = 2;
  EXPECT_NE(error_of(v2).find("version 2"), std::string::npos);
  std::string no_width = bytes;
  no_width[12] = 0;
  EXPECT_NE(error_of(no_width).find("empty image shape 1×2×0"), std::string::npos);
  std::string bad_label = bytes;
  bad_label.back() = 3;
  EXPECT_NE(error_of(bad_label).find("label of image 1 is 3, outside 0..2"), std::string::npos);
}

TEST(FashionMnist, AnotherImageShapeIsNotFashionMnist) {
  try {
    load_fashion_mnist(image_file(2, 1, 8, 8, 10), "digits.bin");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.path(), "digits.bin");
    EXPECT_NE(e.message().find("1×8×8 images of 10 classes"), std::string::npos) << e.message();
  }
}

}  // namespace
}  // namespace reglab
