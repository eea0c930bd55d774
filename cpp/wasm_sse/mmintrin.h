// Intentionally empty. With -msimd128 -msse2, Emscripten translates SSE/SSE2 intrinsics to
// WebAssembly SIMD128, which lets Eigen 3.4 vectorize element-wise work and reductions in the wasm
// build; Eigen's x86 headers also include <mmintrin.h> (MMX), which wasm cannot provide and which
// Eigen never uses, so this directory shadows it. See the "performance" block in CMakeLists.txt.
