#include "analysis/bias_variance.h"

#include <Eigen/Dense>
#include <limits>
#include <stdexcept>

namespace reglab {

double PolynomialFit::operator()(double x) const {
  const double t = 2.0 * x - 1.0;
  double p = 0;
  for (size_t i = coef.size(); i-- > 0;) p = p * t + coef[i];
  return p;
}

// min_c ‖A c − y‖²,  A_ij = t_i^j,  t = 2x − 1
PolynomialFit fit_polynomial(int degree, const std::vector<double>& x, const std::vector<double>& y) {
  if (degree < 0) throw std::invalid_argument("fit_polynomial: degree must be ≥ 0");
  if (x.size() != y.size() || x.empty()) throw std::invalid_argument("fit_polynomial: x and y need the same, non-zero length");
  const Eigen::Index n = static_cast<Eigen::Index>(x.size()), cols = degree + 1;
  Eigen::MatrixXd A(n, cols);
  Eigen::VectorXd b(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double t = 2.0 * x[i] - 1.0;
    double power = 1.0;
    for (Eigen::Index j = 0; j < cols; ++j, power *= t) A(i, j) = power;
    b(i) = y[i];
  }
  const Eigen::VectorXd c = A.completeOrthogonalDecomposition().solve(b);
  PolynomialFit fit;
  fit.degree = degree;
  fit.coef.assign(c.data(), c.data() + c.size());
  return fit;
}

BiasVarianceResult bias_variance_polynomial(int degree, const std::vector<std::vector<double>>& xs,
                                            const std::vector<std::vector<double>>& ys,
                                            const std::vector<double>& x_test, const std::vector<double>& f_test,
                                            double sigma) {
  if (xs.size() != ys.size()) throw std::invalid_argument("bias_variance_polynomial: xs and ys differ in length");
  if (x_test.size() != f_test.size()) throw std::invalid_argument("bias_variance_polynomial: x_test and f_test differ in length");
  std::vector<std::vector<double>> predictions(xs.size(), std::vector<double>(x_test.size()));
  std::vector<double> train_mse(xs.size());
  for (size_t k = 0; k < xs.size(); ++k) {
    const PolynomialFit p = fit_polynomial(degree, xs[k], ys[k]);
    for (size_t j = 0; j < x_test.size(); ++j) predictions[k][j] = p(x_test[j]);
    double sum_sq = 0;
    for (size_t i = 0; i < xs[k].size(); ++i) {
      const double r = p(xs[k][i]) - ys[k][i];
      sum_sq += r * r;
    }
    train_mse[k] = sum_sq / static_cast<double>(xs[k].size());
  }
  BiasVarianceResult result = bias_variance_from_predictions(predictions, f_test, sigma, train_mse);
  result.degree = degree;
  return result;
}

// P̄_j, bias² = mean_j (P̄_j − f_j)², variance = mean_j mean_k (P_kj − P̄_j)², + σ²
BiasVarianceResult bias_variance_from_predictions(const std::vector<std::vector<double>>& predictions,
                                                  const std::vector<double>& f_test, double sigma,
                                                  const std::vector<double>& train_mse) {
  const size_t K = predictions.size(), J = f_test.size();
  if (K == 0 || J == 0) throw std::invalid_argument("bias_variance: needs at least one model and one test point");
  for (const auto& row : predictions)
    if (row.size() != J) throw std::invalid_argument("bias_variance: every prediction row needs one value per test point");
  if (!train_mse.empty() && train_mse.size() != K)
    throw std::invalid_argument("bias_variance: train_mse needs one value per model");

  BiasVarianceResult r;
  r.mean_prediction.assign(J, 0.0);
  r.variance_per_point.assign(J, 0.0);
  double sq_error_sum = 0;
  for (size_t j = 0; j < J; ++j) {
    double mean = 0;
    for (size_t k = 0; k < K; ++k) mean += predictions[k][j];
    mean /= static_cast<double>(K);
    double var = 0;
    for (size_t k = 0; k < K; ++k) {
      const double d = predictions[k][j] - mean, e = predictions[k][j] - f_test[j];
      var += d * d;
      sq_error_sum += e * e;
    }
    var /= static_cast<double>(K);
    r.mean_prediction[j] = mean;
    r.variance_per_point[j] = var;
    r.bias2 += (mean - f_test[j]) * (mean - f_test[j]);
    r.variance += var;
  }
  r.bias2 /= static_cast<double>(J);
  r.variance /= static_cast<double>(J);
  r.noise = sigma * sigma;
  r.expected_error = r.bias2 + r.variance + r.noise;
  r.mse_vs_true = sq_error_sum / static_cast<double>(K * J);
  if (train_mse.empty()) {
    r.mean_train_mse = std::numeric_limits<double>::quiet_NaN();
  } else {
    for (double m : train_mse) r.mean_train_mse += m;
    r.mean_train_mse /= static_cast<double>(K);
  }
  return r;
}

}  // namespace reglab
