// Spectral normalization (Miyato et al. 2018; torch.nn.utils.spectral_norm): the weight used in
// the forward pass is W_sn = W / σ, where σ ≈ the largest singular value of W is estimated by
// power iteration on a persistent vector u that is carried from one training step to the next.
#pragma once
#include "reglab/tensor.h"

namespace reglab {

// Power iteration, `iterations` times:  v ← normalize(Wᵀu),  u ← normalize(W v)
// (v first, so the incoming v is irrelevant when iterations > 0), normalize(a) = a / max(‖a‖₂, eps).
// Returns σ = uᵀ W v. W is out × in, u is 1 × out, v is 1 × in (resized if needed).
// iterations = 0 updates nothing and returns σ for the stored u, v (torch's evaluation mode).
float spectral_norm_power_iteration(const Matrix& W, Matrix& u, Matrix& v, int iterations, float eps = 1e-12f);

// The same iteration for measuring σ (records, charts): stops once σ changes by less than
// rel_tol · σ from one iteration to the next, after at most max_iterations. Returns σ = ‖W v‖.
float spectral_norm_estimate(const Matrix& W, Matrix& u, Matrix& v, int max_iterations, float rel_tol,
                             float eps = 1e-12f);

// Largest singular value of scale·W for the records (Dense, Conv2D), by spectral_norm_estimate
// on a probe vector the layer keeps (not its training u). The first call starts from a fixed
// pseudo-random vector (its own Rng, so the model's random stream is untouched) and runs up to 50
// iterations; later calls warm-start from the previous vector, since W changes slowly, and run up
// to 30 (enough to resolve close top singular values). Both stop once σ moves by < 1e-6 relative
// (typically after 2–5 warm-started iterations: this runs after every epoch).
float warm_started_sigma(const Matrix& W, Matrix& probe_u, Matrix& probe_v, float scale);

// Backward of W_sn = W / σ with σ = uᵀ W v and u, v treated as constants (torch: no gradient
// flows through the power iteration). For G = dL/dW_sn:
//   dL/dW = G/σ − (Σ G ⊙ W / σ²) · u vᵀ        (ACCUMULATED into dW)
void spectral_norm_backward(const Matrix& dW_sn, const Matrix& W, const Matrix& u, const Matrix& v, float sigma,
                            Matrix& dW);

}  // namespace reglab
