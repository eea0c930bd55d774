// Bias–variance decomposition of the expected squared error over K models trained on K
// independent training sets, evaluated on a fixed test grid x_j with known truth f(x_j) and
// known noise variance σ². All in double precision.
#pragma once
#include <vector>

namespace reglab {

// P[k][j] = prediction of model k at x_j,  P̄_j = (1/K)·Σ_k P[k][j]
// bias²    = (1/J)·Σ_j (P̄_j − f_j)²
// variance = (1/J)·Σ_j (1/K)·Σ_k (P[k][j] − P̄_j)²     (population variance: divide by K)
// noise    = σ²                                        (the known generator variance, not estimated)
// expected_error = bias² + variance + noise;  mse_vs_true = (1/(KJ))·Σ (P − f)² = bias² + variance
// mean_train_mse = (1/K)·Σ_k (mean squared training residual of model k)
struct BiasVarianceResult {
  int degree = -1;                          // polynomial degree; −1 when built from predictions
  double bias2 = 0, variance = 0, noise = 0, expected_error = 0, mse_vs_true = 0, mean_train_mse = 0;
  std::vector<double> mean_prediction;      // P̄_j
  std::vector<double> variance_per_point;   // (1/K)·Σ_k (P[k][j] − P̄_j)²
};

// Least-squares polynomial p(x) = Σ_i c_i·t^i in the basis t = 2x − 1 (well conditioned on
// x ∈ [0, 1]; the fitted polynomial is the same as in the raw basis).
struct PolynomialFit {
  int degree = 0;
  std::vector<double> coef;                 // c_0 … c_degree, in powers of t = 2x − 1
  double operator()(double x) const;        // Horner in t
};
// Minimizes Σ (p(x_i) − y_i)² by a complete orthogonal decomposition (column-pivoted Householder
// QR) of the Vandermonde matrix in double: the minimum-norm solution when n ≤ degree, like
// numpy.linalg.lstsq. Throws std::invalid_argument on mismatched sizes or degree < 0.
PolynomialFit fit_polynomial(int degree, const std::vector<double>& x, const std::vector<double>& y);

// The decomposition for polynomials of `degree` fitted to each training set (xs[k], ys[k]) and
// evaluated at x_test; f_test = f(x_test), sigma = noise standard deviation.
BiasVarianceResult bias_variance_polynomial(int degree, const std::vector<std::vector<double>>& xs,
                                            const std::vector<std::vector<double>>& ys,
                                            const std::vector<double>& x_test, const std::vector<double>& f_test,
                                            double sigma);

// The same decomposition from any K × T predictions (e.g. K trained neural nets). train_mse,
// when given (one per model), gives mean_train_mse; otherwise mean_train_mse is NaN.
// Throws std::invalid_argument if K = 0 or a row's length differs from f_test's.
BiasVarianceResult bias_variance_from_predictions(const std::vector<std::vector<double>>& predictions,
                                                  const std::vector<double>& f_test, double sigma,
                                                  const std::vector<double>& train_mse = {});

}  // namespace reglab
