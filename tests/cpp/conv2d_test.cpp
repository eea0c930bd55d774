// Conv2D: PyTorch's forward and backward on odd shapes, both paddings, strides 1 and 2, kernels 1
// to 7 and a batch of one; the im2col + GEMM path against the plain-loop reference; finite
// differences; spectral normalization of a conv weight; the parameter roles the regularizers use;
// the implicit flatten into a dense head; and the field-path errors of a bad geometry.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>

#include "kernels/conv2d_direct.h"
#include "kernels/conv2d_reference.h"
#include "layers/activation.h"
#include "layers/conv2d.h"
#include "layers/dense.h"
#include "layers/max_pool_2d.h"
#include "penalties/apply_penalties.h"
#include "reglab/error.h"
#include "regularize/clip_grad.h"
#include "support/fixture.h"
#include "support/gradcheck.h"

namespace reglab {
namespace {

using testing::expect_gradient;
using testing::expect_matches;
using testing::load_fixture;
using testing::projection;
using testing::to_ints;
using testing::to_matrix;
using testing::uniform_matrix;
using testing::weighted_sum;

ImageShape image_shape(const Json& j) {
  const std::vector<int> s = to_ints(j);
  return {s[0], s[1], s[2]};
}

Conv2DGeometry fixture_geometry(const testing::Fixture& f) {
  const std::vector<int> w = to_ints(f.inputs()["weight_shape"]);
  return conv2d_geometry(image_shape(f.inputs()["image_shape"]), w[0], w[2], w[3],
                         static_cast<int>(f.inputs()["stride"].as_number()),
                         parse_padding(f.inputs()["padding"].as_string(), "padding"));
}

// A layer holding the fixture's W and b (the He draw is overwritten).
Conv2D fixture_layer(const testing::Fixture& f) {
  Rng rng(1);
  Conv2D layer(fixture_geometry(f), Init::He, rng);
  layer.W = to_matrix(f.inputs()["W"]);
  layer.b = to_matrix(f.inputs()["b"]);
  return layer;
}

void expect_conv_matches_pytorch(const std::string& name) {
  SCOPED_TRACE(name);
  auto f = load_fixture(name);
  Conv2D layer = fixture_layer(f);
  const std::vector<int> out = to_ints(f.expected()["output_shape"]);
  EXPECT_EQ(layer.geometry().out_channels, out[0]);
  EXPECT_EQ(layer.geometry().out_h, out[1]);
  EXPECT_EQ(layer.geometry().out_w, out[2]);
  Rng rng(1);
  const Matrix x = to_matrix(f.inputs()["x"]);
  expect_matches(layer.forward(x, Mode::Train, rng), f.expected()["y"], f, "y");
  expect_matches(layer.backward(to_matrix(f.inputs()["dy"])), f.expected()["dx"], f, "dx");
  expect_matches(layer.dW, f.expected()["dW"], f, "dW");
  expect_matches(layer.db, f.expected()["db"], f, "db");
}

TEST(Conv2D, SamePaddingMatchesPyTorchOnOddImage) { expect_conv_matches_pytorch("conv2d_same_3x3"); }
TEST(Conv2D, StrideTwoValidMatchesPyTorch) { expect_conv_matches_pytorch("conv2d_valid_stride2"); }
TEST(Conv2D, StrideTwoSamePutsTheExtraZeroBottomRight) { expect_conv_matches_pytorch("conv2d_same_stride2"); }
TEST(Conv2D, EvenKernelSamePadsOneMoreAfter) { expect_conv_matches_pytorch("conv2d_same_even_kernel"); }
TEST(Conv2D, PointwiseKernelMatchesPyTorch) { expect_conv_matches_pytorch("conv2d_kernel1"); }
TEST(Conv2D, KernelOneStrideTwoMatchesPyTorch) { expect_conv_matches_pytorch("conv2d_kernel1_stride2"); }
TEST(Conv2D, KernelSevenSameMatchesPyTorch) { expect_conv_matches_pytorch("conv2d_kernel7"); }
TEST(Conv2D, KernelSevenValidStrideTwoMatchesPyTorch) { expect_conv_matches_pytorch("conv2d_kernel7_valid_stride2"); }
TEST(Conv2D, BatchOfOneMatchesPyTorch) { expect_conv_matches_pytorch("conv2d_batch1"); }
TEST(Conv2D, OneChannelImageMatchesPyTorchOnTheDirectPath) {
  ASSERT_TRUE(conv2d_direct_applies(fixture_geometry(load_fixture("conv2d_one_channel_same"))));
  expect_conv_matches_pytorch("conv2d_one_channel_same");
}

TEST(Conv2D, SamePaddingFollowsTheStatedRule) {
  // out = ⌈H/s⌉, P = max((out − 1)s + k − H, 0), ⌊P/2⌋ before.
  Conv2DGeometry g = conv2d_geometry({1, 28, 28}, 8, 3, 3, 1, Padding::Same);
  EXPECT_EQ(g.out_h, 28);
  EXPECT_EQ(g.pad_top, 1);
  g = conv2d_geometry({1, 6, 8}, 1, 3, 3, 2, Padding::Same);  // P = 1 rows, 1 column: all after
  EXPECT_EQ(g.out_h, 3);
  EXPECT_EQ(g.out_w, 4);
  EXPECT_EQ(g.pad_top, 0);
  EXPECT_EQ(g.pad_left, 0);
  g = conv2d_geometry({1, 5, 7}, 1, 4, 4, 1, Padding::Same);  // P = 3: 1 before, 2 after
  EXPECT_EQ(g.pad_top, 1);
  EXPECT_EQ(g.pad_left, 1);
  EXPECT_EQ(g.out_h, 5);
  g = conv2d_geometry({1, 5, 7}, 1, 3, 3, 2, Padding::Valid);
  EXPECT_EQ(g.out_h, 2);
  EXPECT_EQ(g.out_w, 3);
}

// A fast path (im2col + GEMM, col2im; or the direct one) against the plain-loop definition.
void expect_fast_path_matches_reference(const Conv2DGeometry& g, int batch, Rng& rng,
                                        ConvPath path = ConvPath::Im2colGemm) {
  const int out_channels = g.out_channels;
  const Matrix x = uniform_matrix(batch, g.in.size(), rng), W = uniform_matrix(out_channels, g.patch(), rng);
  const Matrix b = uniform_matrix(1, out_channels, rng), dy = uniform_matrix(batch, g.out().size(), rng);
  Matrix y, cols, work, y_ref;
  conv2d_forward(x, W, b, g, y, cols, work, true, path);
  conv2d_forward_reference(x, W, b, g, y_ref);
  ASSERT_EQ(y.cols(), y_ref.cols());
  EXPECT_LT((y - y_ref).cwiseAbs().maxCoeff(), 1e-5f * std::sqrt(static_cast<float>(g.patch())));
  Matrix dx, dW = Matrix::Zero(out_channels, g.patch()), db = Matrix::Zero(1, out_channels), dcols;
  Matrix dx_ref, dW_ref, db_ref;
  conv2d_backward(dy, W, g, cols, dx, dW, db, work, dcols, true, path);
  conv2d_backward_reference(dy, x, W, g, dx_ref, dW_ref, db_ref);
  EXPECT_LT((dx - dx_ref).cwiseAbs().maxCoeff(), 1e-5f * std::sqrt(static_cast<float>(g.patch())));
  EXPECT_LT((dW - dW_ref).cwiseAbs().maxCoeff(), 1e-4f * std::sqrt(static_cast<float>(batch * g.out_h * g.out_w)));
  EXPECT_LT((db - db_ref).cwiseAbs().maxCoeff(), 1e-4f * std::sqrt(static_cast<float>(batch * g.out_h * g.out_w)));
}

// Large images run in several GEMM groups, the last one partial (5 images of 3×20×20 with a 5×5
// kernel: 30,000 im2col values each, 2 per group).
TEST(Conv2D, Im2colGemmPathMatchesReferenceAcrossImageGroups) {
  Rng rng(9);
  expect_fast_path_matches_reference(conv2d_geometry({3, 20, 20}, 4, 5, 5, 1, Padding::Same), 5, rng);
  expect_fast_path_matches_reference(conv2d_geometry({3, 20, 20}, 2, 3, 3, 2, Padding::Valid), 7, rng);
  expect_fast_path_matches_reference(conv2d_geometry({20, 20, 20}, 2, 7, 7, 1, Padding::Same), 2, rng);  // one image alone exceeds the budget
}

TEST(Conv2D, Im2colGemmPathMatchesReferenceOnOddShapes) {
  Rng rng(7);
  int checked = 0;
  for (int k = 1; k <= 7; ++k)
    for (int s = 1; s <= 2; ++s)
      for (Padding padding : {Padding::Same, Padding::Valid}) {
        const ImageShape in{1 + (k + s) % 3, k + 1 + (k % 3), k + 2 * s - 1};
        const int out_channels = 1 + k % 4, batch = 1 + (k + s) % 3;
        const Conv2DGeometry g = conv2d_geometry(in, out_channels, k, k, s, padding);
        SCOPED_TRACE("k " + std::to_string(k) + " s " + std::to_string(s) + " " + padding_name(padding) + " in " +
                     in.str());
        expect_fast_path_matches_reference(g, batch, rng);
        ++checked;
      }
  EXPECT_EQ(checked, 28);
}

// The direct path (kernels/conv2d_direct.h) on every stride-1 geometry it takes: kernels 1–5,
// 1–3 channels, both paddings, widths with and without a partial 8-pixel tile, 1–6 filters (a
// partial block of 4), non-square kernels.
TEST(Conv2D, DirectPathMatchesReferenceOnOddShapes) {
  Rng rng(8);
  int checked = 0;
  for (int k = 1; k <= 5; ++k)
    for (int channels = 1; channels <= 3; ++channels)
      for (Padding padding : {Padding::Same, Padding::Valid}) {
        if (channels * k * k > kConvDirectMaxPatch) continue;
        const ImageShape in{channels, k + 2 + (k + channels) % 4, k + 3 + 3 * channels};
        const int out_channels = 1 + (k + channels) % 6, batch = 1 + channels % 3;
        const Conv2DGeometry g = conv2d_geometry(in, out_channels, k, k, 1, padding);
        SCOPED_TRACE("k " + std::to_string(k) + " " + padding_name(padding) + " in " + in.str());
        ASSERT_TRUE(conv2d_direct_applies(g));
        expect_fast_path_matches_reference(g, batch, rng, ConvPath::Direct);
        ++checked;
      }
  EXPECT_EQ(checked, 22);
  expect_fast_path_matches_reference(conv2d_geometry({1, 7, 9}, 3, 3, 5, 1, Padding::Same), 2, rng, ConvPath::Direct);
  expect_fast_path_matches_reference(conv2d_geometry({2, 9, 6}, 5, 4, 2, 1, Padding::Valid), 2, rng, ConvPath::Direct);
  // C1's first layer: 28-pixel rows, 8 filters, a batch of 3.
  expect_fast_path_matches_reference(conv2d_geometry({1, 28, 28}, 8, 3, 3, 1, Padding::Same), 3, rng, ConvPath::Direct);
}

TEST(Conv2D, DirectAndIm2colPathsAgreeAndAutoKeepsIm2col) {
  EXPECT_TRUE(conv2d_direct_applies(conv2d_geometry({1, 28, 28}, 8, 3, 3, 1, Padding::Same)));
  EXPECT_FALSE(conv2d_direct_applies(conv2d_geometry({8, 14, 14}, 16, 3, 3, 1, Padding::Same)));  // C1's conv2
  EXPECT_FALSE(conv2d_direct_applies(conv2d_geometry({1, 28, 28}, 8, 3, 3, 2, Padding::Same)));   // stride 2
  const Conv2DGeometry g = conv2d_geometry({1, 13, 10}, 6, 3, 3, 1, Padding::Same);
  Rng rng(12);
  const Matrix x = uniform_matrix(4, g.in.size(), rng), W = uniform_matrix(6, g.patch(), rng);
  const Matrix b = uniform_matrix(1, 6, rng), dy = uniform_matrix(4, g.out().size(), rng);
  Matrix y[2], cols[2], work[2], dx[2], dcols[2], dW[2], db[2];
  const ConvPath paths[2] = {ConvPath::Direct, ConvPath::Im2colGemm};
  for (int p = 0; p < 2; ++p) {
    conv2d_forward(x, W, b, g, y[p], cols[p], work[p], true, paths[p]);
    dW[p].setZero(6, g.patch());
    db[p].setZero(1, 6);
    conv2d_backward(dy, W, g, cols[p], dx[p], dW[p], db[p], work[p], dcols[p], true, paths[p]);
  }
  EXPECT_LT((y[0] - y[1]).cwiseAbs().maxCoeff(), 1e-5f);
  EXPECT_LT((dx[0] - dx[1]).cwiseAbs().maxCoeff(), 1e-5f);
  EXPECT_LT((dW[0] - dW[1]).cwiseAbs().maxCoeff(), 1e-4f);
  EXPECT_LT((db[0] - db[1]).cwiseAbs().maxCoeff(), 1e-4f);
  Matrix y_auto, cols_auto, work_auto;
  conv2d_forward(x, W, b, g, y_auto, cols_auto, work_auto);
  EXPECT_EQ(cols_auto.cols(), cols[1].cols());  // Auto kept im2col columns (the claims' numbers)
  EXPECT_NE(cols[0].cols(), cols[1].cols());     // the direct path keeps padded images instead
  EXPECT_THROW(conv2d_forward(x, W, b, conv2d_geometry({1, 13, 10}, 6, 3, 3, 2, Padding::Same), y_auto, cols_auto,
                              work_auto, true, ConvPath::Direct),
               Error);
}

// dx, dW and db of a weighted sum of the layer's output (fixed random weights r) against finite
// differences, for a batch of 2.
void expect_conv_gradients(Conv2D& layer, Matrix& x, Rng& rng) {
  const Matrix r = projection(2, layer.geometry().out().size(), 5);
  auto loss = [&] { return weighted_sum(layer.forward(x, Mode::Train, rng), r); };
  loss();
  const Matrix dx = layer.backward(r);
  expect_gradient(loss, x, dx, "dx");
  expect_gradient(loss, layer.W, layer.dW, "dW");
  expect_gradient(loss, layer.b, layer.db, "db");
}

TEST(Conv2D, DirectPathGradientsMatchFiniteDifferences) {
  for (Padding padding : {Padding::Same, Padding::Valid}) {
    SCOPED_TRACE(padding_name(padding));
    Rng rng(13);
    Conv2D layer(conv2d_geometry({1, 6, 9}, 5, 3, 3, 1, padding), Init::He, rng);
    ASSERT_TRUE(conv2d_direct_applies(layer.geometry()));
    layer.b = uniform_matrix(1, 5, rng, -0.1, 0.1);
    Matrix x = uniform_matrix(2, 54, rng);
    expect_conv_gradients(layer, x, rng);
  }
}

TEST(Conv2D, GradientsMatchFiniteDifferences) {
  for (int stride : {1, 2})
    for (Padding padding : {Padding::Same, Padding::Valid}) {
      SCOPED_TRACE("stride " + std::to_string(stride) + " " + padding_name(padding));
      Rng rng(3);
      Conv2D layer(conv2d_geometry({2, 5, 6}, 3, 3, 3, stride, padding), Init::He, rng);
      layer.b = uniform_matrix(1, 3, rng, -0.1, 0.1);
      Matrix x = uniform_matrix(2, 2 * 5 * 6, rng);
      expect_conv_gradients(layer, x, rng);
    }
}

TEST(Conv2D, ParameterGradientsAccumulateAcrossBackwardCalls) {
  Rng rng(4);
  Conv2D layer(conv2d_geometry({1, 5, 5}, 2, 3, 3, 1, Padding::Same), Init::He, rng);
  const Matrix x = uniform_matrix(3, 25, rng), dy = uniform_matrix(3, 50, rng);
  layer.forward(x, Mode::Train, rng);
  layer.backward(dy);
  const Matrix dW1 = layer.dW, db1 = layer.db;
  layer.backward(dy);
  EXPECT_LT((layer.dW - 2 * dW1).cwiseAbs().maxCoeff(), 1e-5f);
  EXPECT_LT((layer.db - 2 * db1).cwiseAbs().maxCoeff(), 1e-5f);
  EXPECT_GT(dW1.cwiseAbs().maxCoeff(), 0.0f);
}

TEST(Conv2D, WithoutInputGradientStillGivesParameterGradients) {
  Rng rng(5);
  Conv2D a(conv2d_geometry({1, 6, 6}, 2, 3, 3, 1, Padding::Same), Init::He, rng);
  Conv2D b = a;
  b.set_input_gradient(false);
  const Matrix x = uniform_matrix(2, 36, rng), dy = uniform_matrix(2, 72, rng);
  a.forward(x, Mode::Train, rng);
  a.backward(dy);
  b.forward(x, Mode::Train, rng);
  b.backward(dy);
  EXPECT_EQ(a.dW, b.dW);
  EXPECT_EQ(a.db, b.db);
}

// The regularizers work on ParamRef roles: the conv weight is a Weight (L1/L2/ElasticNet, weight
// decay), the bias is not; clipping sees both gradients.
TEST(Conv2D, WeightTakesPenaltiesAndBiasDoesNot) {
  Rng rng(6);
  Conv2D layer(conv2d_geometry({2, 4, 4}, 3, 3, 3, 1, Padding::Same), Init::He, rng);
  layer.b.setConstant(0.5f);
  std::vector<ParamRef> params = layer.params();
  ASSERT_EQ(params.size(), 2u);
  EXPECT_STREQ(params[0].name, "W");
  EXPECT_EQ(params[0].role, ParamRole::Weight);
  EXPECT_EQ(params[1].role, ParamRole::Bias);
  for (auto& p : params) p.layer = 0;
  const double l2 = 0.1;
  const double penalty = apply_penalties(params, {WeightPenalty{0.0, l2}});
  EXPECT_NEAR(penalty, 0.5 * l2 * layer.W.cast<double>().squaredNorm(), 1e-6 * penalty);
  EXPECT_LT((layer.dW - static_cast<float>(l2) * layer.W).cwiseAbs().maxCoeff(), 1e-7f);
  EXPECT_EQ(layer.db.cwiseAbs().maxCoeff(), 0.0f);
  layer.db.setConstant(10.0f);
  clip_grad_value(params, 1.0f);
  EXPECT_EQ(layer.db.maxCoeff(), 1.0f);
}

TEST(Conv2D, HeInitUsesFanInOfTheReceptiveField) {
  Rng rng(8);
  Conv2D layer(conv2d_geometry({16, 8, 8}, 64, 3, 3, 1, Padding::Same), Init::He, rng);
  const double n = static_cast<double>(layer.W.size());
  const double var = layer.W.cast<double>().squaredNorm() / n;
  EXPECT_NEAR(var, 2.0 / (16 * 9), 0.1 * 2.0 / (16 * 9));
  EXPECT_EQ(layer.W.rows(), 64);
  EXPECT_EQ(layer.W.cols(), 16 * 9);
}

Matrix* buffer(Conv2D& layer, const char* name) {
  for (auto& [n, m] : layer.buffers())
    if (std::string(n) == name) return m;
  return nullptr;
}

// σ of the weight reshaped to out × in·kh·kw (torch.nn.utils.spectral_norm on nn.Conv2d).
TEST(Conv2D, SpectralNormMatchesPyTorchOnAConvWeight) {
  auto f = load_fixture("spectral_norm_conv2d");
  const auto& cases = f.inputs()["cases"];
  ASSERT_EQ(cases.size(), 2u);
  for (size_t c = 0; c < cases.size(); ++c) {
    const auto& e = f.expected()["cases"][c];
    SCOPED_TRACE("case " + std::to_string(c));
    Conv2D layer = fixture_layer(f);
    Rng rng(2);
    layer.enable_spectral_norm(static_cast<int>(cases[c]["n_power_iterations"].as_number()), rng);
    *buffer(layer, "u") = to_matrix(f.inputs()["u0"]);
    const Matrix x = to_matrix(f.inputs()["x"]);
    expect_matches(layer.forward(x, Mode::Train, rng), e["y"], f, "y");
    expect_matches(layer.sigma(), e["sigma"], f, "sigma");
    expect_matches(*buffer(layer, "u"), e["u"], f, "u");
    expect_matches(*buffer(layer, "v"), e["v"], f, "v");
    expect_matches(layer.backward(to_matrix(f.inputs()["dy"])), e["dx"], f, "dx");
    expect_matches(layer.dW, e["dW"], f, "dW");
    expect_matches(layer.db, e["db"], f, "db");
  }
  // With 5 iterations σ is close to the exact largest singular value, and W/σ has σ ≈ 1.
  Conv2D layer = fixture_layer(f);
  Rng rng(2);
  layer.enable_spectral_norm(5, rng);
  layer.forward(to_matrix(f.inputs()["x"]), Mode::Train, rng);
  EXPECT_NEAR(layer.sigma(), f.expected()["sigma_exact"].as_number(), 1e-3 * f.expected()["sigma_exact"].as_number());
  EXPECT_NEAR(layer.effective_sigma(), 1.0, 1e-3);
}

// Flatten is the identity on the row layout: a dense layer reads the pooled maps in PyTorch's
// nn.Flatten order, so torch's Linear weights apply unchanged.
TEST(Conv2D, DenseHeadReadsTheRowLayoutAsTorchFlatten) {
  auto f = load_fixture("conv_block_dense");
  Conv2D conv = fixture_layer(f);
  Activation relu(ActivationKind::ReLU);
  MaxPool2D pool(pool2d_geometry(conv.geometry().out(), 2, 2, "pool"));
  Rng rng(1);
  Dense dense(pool.geometry().out().size(), static_cast<int>(to_matrix(f.inputs()["b_dense"]).cols()), Init::He, rng);
  dense.W = to_matrix(f.inputs()["W_dense"]);
  dense.b = to_matrix(f.inputs()["b_dense"]);
  const Matrix x = to_matrix(f.inputs()["x"]);
  const Matrix& y = dense.forward(pool.forward(relu.forward(conv.forward(x, Mode::Train, rng), Mode::Train, rng),
                                               Mode::Train, rng),
                                  Mode::Train, rng);
  expect_matches(y, f.expected()["y"], f, "y");
  const Matrix& dx =
      conv.backward(relu.backward(pool.backward(dense.backward(to_matrix(f.inputs()["dy"])))));
  expect_matches(dx, f.expected()["dx"], f, "dx");
  expect_matches(conv.dW, f.expected()["dW"], f, "dW");
  expect_matches(conv.db, f.expected()["db"], f, "db");
  expect_matches(dense.dW, f.expected()["dW_dense"], f, "dW_dense");
  expect_matches(dense.db, f.expected()["db_dense"], f, "db_dense");
}

std::string error_path(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.path();
  }
  return "(no error)";
}

TEST(Conv2D, BadGeometryNamesTheField) {
  const ImageShape img{1, 5, 5};
  EXPECT_EQ(error_path([&] { conv2d_geometry(img, 4, 7, 7, 1, Padding::Valid, "model.conv[1]"); }),
            "model.conv[1].kernel");
  EXPECT_EQ(error_path([&] { conv2d_geometry(img, 4, 8, 8, 1, Padding::Same, "model.conv[0]"); }),
            "model.conv[0].kernel");
  EXPECT_EQ(error_path([&] { conv2d_geometry(img, 4, 0, 0, 1, Padding::Same, "model.conv[0]"); }),
            "model.conv[0].kernel");
  EXPECT_EQ(error_path([&] { conv2d_geometry(img, 4, 3, 3, 3, Padding::Same, "model.conv[2]"); }),
            "model.conv[2].stride");
  EXPECT_EQ(error_path([&] { conv2d_geometry(img, 0, 3, 3, 1, Padding::Same, "model.conv[0]"); }),
            "model.conv[0].filters");
  EXPECT_EQ(error_path([&] { parse_padding("full", "model.conv[0].padding"); }), "model.conv[0].padding");
  EXPECT_EQ(error_path([&] { conv2d_geometry({0, 5, 5}, 4, 3, 3, 1, Padding::Same, "model.conv[0]"); }),
            "model.conv[0]");
  // A 7×7 kernel fits a 5×5 image with "same" padding (out 5×5).
  EXPECT_EQ(conv2d_geometry(img, 4, 7, 7, 1, Padding::Same).out_h, 5);
}

TEST(Conv2D, RejectsABatchOfTheWrongImageSize) {
  Rng rng(1);
  Conv2D layer(conv2d_geometry({1, 5, 5}, 2, 3, 3, 1, Padding::Same), Init::He, rng);
  EXPECT_THROW(layer.forward(Matrix::Zero(2, 24), Mode::Train, rng), Error);
}

}  // namespace
}  // namespace reglab
