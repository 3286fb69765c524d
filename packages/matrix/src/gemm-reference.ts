// The textbook triple loop for C = alpha * op(A) * op(B) + beta * C, kept as the
// reference that tests and the benchmark compare gemm against. Not exported
// from the package.

import type { FloatArray } from './matrix.js';

/**
 * Computes c [M, N] = alpha * op(a) * op(b) + beta * c with one dot product per element of C
 * (loop order i-j-p). a is stored [M, K], or [K, M] when transposeA; b is stored [K, N], or
 * [N, K] when transposeB. beta = 0 overwrites C without reading it.
 */
export function gemmReference(
  c: FloatArray,
  a: FloatArray,
  b: FloatArray,
  m: number,
  n: number,
  k: number,
  transposeA: boolean,
  transposeB: boolean,
  alpha: number,
  beta: number,
): void {
  // Element (i, p) of op(A) is a[i * aRowStride + p * aColStride]; likewise for op(B).
  const aRowStride = transposeA ? 1 : k;
  const aColStride = transposeA ? m : 1;
  const bRowStride = transposeB ? 1 : n;
  const bColStride = transposeB ? k : 1;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) {
        sum += a[i * aRowStride + p * aColStride] * b[p * bRowStride + j * bColStride];
      }
      const index = i * n + j;
      c[index] = beta === 0 ? alpha * sum : alpha * sum + beta * c[index];
    }
  }
}
