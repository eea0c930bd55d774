// GRU cell and GRU layer over time with padding: backprop through time against finite
// differences (plain and layer-normalized), padding carries the state, PyTorch agreement.
#include <gtest/gtest.h>

#include "layers/sequence/gru.h"
#include "layers/sequence/gru_cell.h"
#include "support/fixture.h"
#include "support/gradcheck.h"
#include "support/sequence.h"

namespace reglab {
namespace {

using testing::expect_gradient;
using testing::expect_matches;
using testing::load_fixture;
using testing::padding_mask;
using testing::projection;
using testing::to_matrix;
using testing::uniform_matrix;
using testing::weighted_sum;

TEST(GruCell, GradientsMatchFiniteDifferences) {
  Rng rng(1);
  const int B = 3, H = 4;
  Matrix gi = uniform_matrix(B, 3 * H, rng, -2, 2), gh = uniform_matrix(B, 3 * H, rng, -2, 2);
  Matrix h = uniform_matrix(B, H, rng);
  const Matrix R = projection(B, H, 2);
  Matrix r(B, H), z(B, H), n(B, H), h_new(B, H), dgi(B, 3 * H), dgh(B, 3 * H), dh(B, H);
  gru_cell_forward(gi, gh, h, r, z, n, h_new);
  gru_cell_backward(R, gh, h, r, z, n, dgi, dgh, dh);
  auto loss = [&] {
    gru_cell_forward(gi, gh, h, r, z, n, h_new);
    return weighted_sum(h_new, R);
  };
  expect_gradient(loss, gi, dgi, "dgi", 1e-2, 1e-2);
  expect_gradient(loss, gh, dgh, "dgh", 1e-2, 1e-2);
  expect_gradient(loss, h, dh, "dh", 1e-2, 1e-2);
}

void check_gru_gradients(bool layer_norm) {
  Rng rng(layer_norm ? 3 : 2);
  const int D = 3, H = 4, T = 4;
  const Matrix mask = padding_mask({4, 2, 0, 3}, T);  // odd lengths and an all-padding row
  Gru gru(D, H, layer_norm, rng);
  if (layer_norm) {
    gru.gamma_ih = uniform_matrix(1, 3 * H, rng, 0.5, 1.5);
    gru.beta_hh = uniform_matrix(1, 3 * H, rng, -0.5, 0.5);
  }
  Matrix x = uniform_matrix(4 * T, D, rng, -1.5, 1.5);
  const Matrix R = projection(4 * T, H, 4);
  gru.forward(x, mask, Mode::Train, rng);
  const Matrix dx = gru.backward(R);
  auto loss = [&] { return weighted_sum(gru.forward(x, mask, Mode::Train, rng), R); };
  expect_gradient(loss, x, dx, "dx", 1e-2, 1e-2);
  for (const ParamRef& p : gru.params()) {
    const Matrix analytic = *p.grad;
    expect_gradient(loss, *p.value, analytic, p.name, 1e-2, 1e-2);
  }
}

TEST(Gru, BackpropThroughTimeMatchesFiniteDifferences) { check_gru_gradients(false); }
TEST(Gru, LayerNormalizedGruMatchesFiniteDifferences) { check_gru_gradients(true); }

TEST(Gru, PaddingCarriesTheStateAndAllPaddingGivesZeros) {
  Rng rng(5);
  const int T = 5;
  Gru gru(2, 3, false, rng);
  Matrix mask = padding_mask({3, 0}, T);
  mask(0, 1) = 0.0f;  // a gap inside the sequence
  const Matrix x = uniform_matrix(2 * T, 2, rng);
  const Matrix y = gru.forward(x, mask, Mode::Train, rng);
  EXPECT_EQ(Matrix(y.row(1)), Matrix(y.row(0)));  // state carried over position 1
  EXPECT_EQ(Matrix(y.row(4)), Matrix(y.row(2)));  // and after the last real token
  EXPECT_TRUE(y.bottomRows(T).isZero(0.0f));      // h_0 = 0 is never changed
  EXPECT_TRUE(gru.backward(projection(2 * T, 3, 1)).allFinite());
  EXPECT_EQ(Matrix(gru.last_state().row(0)), Matrix(y.row(2)));
}

TEST(Gru, MatchesPyTorch) {
  auto f = load_fixture("sequence_gru");
  const auto& cases = f.inputs()["cases"];
  for (size_t c = 0; c < cases.size(); ++c) {
    const auto& in = cases[c];
    const auto& ex = f.expected()["cases"][c];
    SCOPED_TRACE(in["name"].as_string());
    const bool layer_norm = in["layer_norm"].as_bool();
    const Matrix x = to_matrix(in["x"]), mask = to_matrix(in["mask"]);
    const Matrix W_ih = to_matrix(in["W_ih"]);
    Rng rng(6);
    Gru gru(static_cast<int>(W_ih.cols()), static_cast<int>(W_ih.rows() / 3), layer_norm, rng);
    gru.W_ih = W_ih;
    gru.W_hh = to_matrix(in["W_hh"]);
    gru.b_ih = to_matrix(in["b_ih"]);
    gru.b_hh = to_matrix(in["b_hh"]);
    if (layer_norm) {
      gru.gamma_ih = to_matrix(in["gamma_ih"]);
      gru.beta_ih = to_matrix(in["beta_ih"]);
      gru.gamma_hh = to_matrix(in["gamma_hh"]);
      gru.beta_hh = to_matrix(in["beta_hh"]);
    }
    expect_matches(gru.forward(x, mask, Mode::Train, rng), ex["y"], f, "y");
    expect_matches(gru.last_state(), ex["h_last"], f, "h_last");
    expect_matches(gru.backward(to_matrix(in["dy"])), ex["dx"], f, "dx");
    for (const ParamRef& p : gru.params()) expect_matches(*p.grad, ex["grads"][p.name], f, std::string("d") + p.name);
  }
}

}  // namespace
}  // namespace reglab
