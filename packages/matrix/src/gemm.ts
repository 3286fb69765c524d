// General matrix multiply, C = alpha * op(A) * op(B) + beta * C, the one kernel
// that dense layers spend nearly all their time in.
//
// Letters: op(A) is [M, K], op(B) is [K, N], C is [M, N]. With transposeA the
// stored A is [K, M]; with transposeB the stored B is [N, K].

import { checkNoOverlap, shapeOf } from './checks.js';
import { gemmNN, gemmNT, gemmTN, gemmTT } from './gemm-kernels.js';
import type { FloatArray, Matrix } from './matrix.js';

/** Transpose flags and scale factors of gemm; every field is optional. */
export interface GemmOptions {
  /** Use Aᵀ in place of A (A stored as [K, M]). Default false. */
  transposeA?: boolean;
  /** Use Bᵀ in place of B (B stored as [N, K]). Default false. */
  transposeB?: boolean;
  /** Factor applied to op(A) * op(B). Default 1. */
  alpha?: number;
  /** Factor applied to the old C. Default 0: C is overwritten and never read, so NaN in it is ignored. */
  beta?: number;
}

/**
 * Computes C = alpha * op(A) * op(B) + beta * C in place and returns `c`.
 *
 * Shapes: op(A) [M, K], op(B) [K, N], c [M, N]. `c` must not overlap `a` or `b` in memory.
 * A and B may differ in element type from C and from each other. The kernels are cache-blocked
 * and allocate nothing. Arithmetic is in double precision; a Float32Array C is rounded each time
 * the kernel adds a partial sum into it.
 */
export function gemm<T extends FloatArray>(
  c: Matrix<T>,
  a: Matrix,
  b: Matrix,
  options: GemmOptions = {},
): Matrix<T> {
  const { transposeA = false, transposeB = false, alpha = 1, beta = 0 } = options;

  // Validate the shapes of op(A) and op(B) against C.
  const m = transposeA ? a.cols : a.rows;
  const k = transposeA ? a.rows : a.cols;
  const kOfB = transposeB ? b.cols : b.rows;
  const n = transposeB ? b.rows : b.cols;
  if (k !== kOfB) {
    throw new RangeError(
      `gemm: op(A) is [${m}, ${k}] but op(B) is [${kOfB}, ${n}] ` +
        `(A ${shapeOf(a)}, transposeA ${transposeA}; B ${shapeOf(b)}, transposeB ${transposeB}); ` +
        'the inner dimensions must be equal. Check the transpose options.',
    );
  }
  if (c.rows !== m || c.cols !== n) {
    throw new RangeError(
      `gemm: C is ${shapeOf(c)} but op(A) * op(B) is [${m}, ${n}]; allocate C with that shape.`,
    );
  }
  if (!Number.isFinite(alpha) || !Number.isFinite(beta)) {
    throw new RangeError(`gemm: alpha and beta must be finite numbers, got ${alpha} and ${beta}.`);
  }
  checkNoOverlap('gemm', c.data, a.data);
  checkNoOverlap('gemm', c.data, b.data);

  // C = beta * C first. beta = 0 writes zeros without reading C, as BLAS does.
  const cData = c.data;
  if (beta === 0) {
    cData.fill(0);
  } else if (beta !== 1) {
    for (let index = 0; index < cData.length; index++) cData[index] *= beta;
  }
  if (alpha === 0 || k === 0 || m === 0 || n === 0) return c;

  // C += alpha * op(A) * op(B), with the loop order that reads each operand along its rows.
  if (!transposeA && !transposeB) gemmNN(cData, a.data, b.data, m, n, k, alpha);
  else if (!transposeA && transposeB) gemmNT(cData, a.data, b.data, m, n, k, alpha);
  else if (transposeA && !transposeB) gemmTN(cData, a.data, b.data, m, n, k, alpha);
  else gemmTT(cData, a.data, b.data, m, n, k, alpha);
  return c;
}
