// The four loop nests behind gemm, one per transpose combination. Each adds
// alpha * op(A) * op(B) into C, which gemm has already scaled by beta.
//
// Letters: op(A) [M, K], op(B) [K, N], C [M, N]; all buffers row-major.
// Every loop nest reads A, B and C along their stored rows wherever it can. It
// blocks so that the data reused by the inner loops stays in cache, and it
// computes a small tile of C at once so that each load feeds several multiply-adds.
// Nothing is packed or copied, so no kernel allocates.

import type { FloatArray } from './matrix.js';

/** Depth of the K blocks: rows of B (or of A in the TT nest) reused from cache across a block. */
const K_BLOCK = 128;
/** Width of the N blocks in the NN and TN nests: a block of K_BLOCK rows of B fits in L2. */
const N_BLOCK = 256;
/** Rows of B per block in the NT nest: the rows every row of A is dotted with, kept in L2. */
const NT_N_BLOCK = 64;

/** C [M, N] += alpha * A [M, K] * B [K, N]. */
export function gemmNN(
  c: FloatArray,
  a: FloatArray,
  b: FloatArray,
  m: number,
  n: number,
  k: number,
  alpha: number,
): void {
  addScaledRowsOfB(c, a, b, m, n, k, alpha, k, 1);
}

/** C [M, N] += alpha * Aᵀ * B [K, N], A stored [K, M]: the shape of a weight gradient dZᵀ · X. */
export function gemmTN(
  c: FloatArray,
  a: FloatArray,
  b: FloatArray,
  m: number,
  n: number,
  k: number,
  alpha: number,
): void {
  addScaledRowsOfB(c, a, b, m, n, k, alpha, 1, m);
}

/**
 * C [M, N] += alpha * op(A) * B [K, N], where op(A)[i, p] = a[i * aRowStride + p * aColStride].
 * Loop order i-p-j: row i of C gains op(A)[i, p] times row p of B, so the innermost loop runs
 * along rows of B and C. A 4×4 register tile (four rows of C, four rows of B) makes each load
 * of B serve four rows of C and each load and store of C carry four multiply-adds. Blocks of
 * K_BLOCK × N_BLOCK elements of B stay in cache while all rows of C pass over them.
 */
function addScaledRowsOfB(
  c: FloatArray,
  a: FloatArray,
  b: FloatArray,
  m: number,
  n: number,
  k: number,
  alpha: number,
  aRowStride: number,
  aColStride: number,
): void {
  for (let k0 = 0; k0 < k; k0 += K_BLOCK) {
    const k1 = Math.min(k0 + K_BLOCK, k);
    for (let j0 = 0; j0 < n; j0 += N_BLOCK) {
      const j1 = Math.min(j0 + N_BLOCK, n);
      let i = 0;

      // Four rows of C at a time.
      for (; i + 3 < m; i += 4) {
        const a0 = i * aRowStride;
        const a1 = a0 + aRowStride;
        const a2 = a1 + aRowStride;
        const a3 = a2 + aRowStride;
        const c0 = i * n;
        const c1 = c0 + n;
        const c2 = c1 + n;
        const c3 = c2 + n;
        let p = k0;
        for (; p + 3 < k1; p += 4) {
          const q0 = p * aColStride;
          const q1 = q0 + aColStride;
          const q2 = q1 + aColStride;
          const q3 = q2 + aColStride;
          const x0 = alpha * a[a0 + q0];
          const x1 = alpha * a[a0 + q1];
          const x2 = alpha * a[a0 + q2];
          const x3 = alpha * a[a0 + q3];
          const y0 = alpha * a[a1 + q0];
          const y1 = alpha * a[a1 + q1];
          const y2 = alpha * a[a1 + q2];
          const y3 = alpha * a[a1 + q3];
          const z0 = alpha * a[a2 + q0];
          const z1 = alpha * a[a2 + q1];
          const z2 = alpha * a[a2 + q2];
          const z3 = alpha * a[a2 + q3];
          const w0 = alpha * a[a3 + q0];
          const w1 = alpha * a[a3 + q1];
          const w2 = alpha * a[a3 + q2];
          const w3 = alpha * a[a3 + q3];
          const b0 = p * n;
          const b1 = b0 + n;
          const b2 = b1 + n;
          const b3 = b2 + n;
          for (let j = j0; j < j1; j++) {
            const v0 = b[b0 + j];
            const v1 = b[b1 + j];
            const v2 = b[b2 + j];
            const v3 = b[b3 + j];
            c[c0 + j] += x0 * v0 + x1 * v1 + x2 * v2 + x3 * v3;
            c[c1 + j] += y0 * v0 + y1 * v1 + y2 * v2 + y3 * v3;
            c[c2 + j] += z0 * v0 + z1 * v1 + z2 * v2 + z3 * v3;
            c[c3 + j] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3;
          }
        }
        for (; p < k1; p++) {
          const q = p * aColStride;
          const x = alpha * a[a0 + q];
          const y = alpha * a[a1 + q];
          const z = alpha * a[a2 + q];
          const w = alpha * a[a3 + q];
          const b0 = p * n;
          for (let j = j0; j < j1; j++) {
            const v = b[b0 + j];
            c[c0 + j] += x * v;
            c[c1 + j] += y * v;
            c[c2 + j] += z * v;
            c[c3 + j] += w * v;
          }
        }
      }

      // The last M mod 4 rows, one at a time.
      for (; i < m; i++) {
        const aRow = i * aRowStride;
        const cRow = i * n;
        let p = k0;
        for (; p + 3 < k1; p += 4) {
          const x0 = alpha * a[aRow + p * aColStride];
          const x1 = alpha * a[aRow + (p + 1) * aColStride];
          const x2 = alpha * a[aRow + (p + 2) * aColStride];
          const x3 = alpha * a[aRow + (p + 3) * aColStride];
          const b0 = p * n;
          const b1 = b0 + n;
          const b2 = b1 + n;
          const b3 = b2 + n;
          for (let j = j0; j < j1; j++) {
            c[cRow + j] += x0 * b[b0 + j] + x1 * b[b1 + j] + x2 * b[b2 + j] + x3 * b[b3 + j];
          }
        }
        for (; p < k1; p++) {
          const x = alpha * a[aRow + p * aColStride];
          const b0 = p * n;
          for (let j = j0; j < j1; j++) c[cRow + j] += x * b[b0 + j];
        }
      }
    }
  }
}

/**
 * C [M, N] += alpha * A [M, K] * Bᵀ, B stored [N, K]. Every element of C is a dot product of a
 * row of A with a row of B, both contiguous. A 2×4 tile of C is computed at once, so each
 * loaded element of A is used four times and each element of B twice, and the eight sums are
 * independent chains that the CPU can overlap. Leftover columns take 2×2 and 2×1 tiles, and the
 * last row when M is odd takes plain dot products.
 */
export function gemmNT(
  c: FloatArray,
  a: FloatArray,
  b: FloatArray,
  m: number,
  n: number,
  k: number,
  alpha: number,
): void {
  for (let j0 = 0; j0 < n; j0 += NT_N_BLOCK) {
    const j1 = Math.min(j0 + NT_N_BLOCK, n);
    let i = 0;
    for (; i + 1 < m; i += 2) {
      const a0 = i * k;
      const a1 = a0 + k;
      const c0 = i * n;
      const c1 = c0 + n;
      let j = j0;
      for (; j + 3 < j1; j += 4) {
        const b0 = j * k;
        const b1 = b0 + k;
        const b2 = b1 + k;
        const b3 = b2 + k;
        let s00 = 0;
        let s01 = 0;
        let s02 = 0;
        let s03 = 0;
        let s10 = 0;
        let s11 = 0;
        let s12 = 0;
        let s13 = 0;
        for (let p = 0; p < k; p++) {
          const x0 = a[a0 + p];
          const x1 = a[a1 + p];
          const y0 = b[b0 + p];
          const y1 = b[b1 + p];
          const y2 = b[b2 + p];
          const y3 = b[b3 + p];
          s00 += x0 * y0;
          s01 += x0 * y1;
          s02 += x0 * y2;
          s03 += x0 * y3;
          s10 += x1 * y0;
          s11 += x1 * y1;
          s12 += x1 * y2;
          s13 += x1 * y3;
        }
        c[c0 + j] += alpha * s00;
        c[c0 + j + 1] += alpha * s01;
        c[c0 + j + 2] += alpha * s02;
        c[c0 + j + 3] += alpha * s03;
        c[c1 + j] += alpha * s10;
        c[c1 + j + 1] += alpha * s11;
        c[c1 + j + 2] += alpha * s12;
        c[c1 + j + 3] += alpha * s13;
      }
      // Two or three columns left: a 2×2 tile, then a 2×1 tile.
      for (; j + 1 < j1; j += 2) {
        const b0 = j * k;
        const b1 = b0 + k;
        let s00 = 0;
        let s01 = 0;
        let s10 = 0;
        let s11 = 0;
        for (let p = 0; p < k; p++) {
          const x0 = a[a0 + p];
          const x1 = a[a1 + p];
          const y0 = b[b0 + p];
          const y1 = b[b1 + p];
          s00 += x0 * y0;
          s01 += x0 * y1;
          s10 += x1 * y0;
          s11 += x1 * y1;
        }
        c[c0 + j] += alpha * s00;
        c[c0 + j + 1] += alpha * s01;
        c[c1 + j] += alpha * s10;
        c[c1 + j + 1] += alpha * s11;
      }
      if (j < j1) {
        const b0 = j * k;
        let s0 = 0;
        let s1 = 0;
        for (let p = 0; p < k; p++) {
          const y = b[b0 + p];
          s0 += a[a0 + p] * y;
          s1 += a[a1 + p] * y;
        }
        c[c0 + j] += alpha * s0;
        c[c1 + j] += alpha * s1;
      }
    }
    if (i < m) {
      // The last row when M is odd.
      for (let j = j0; j < j1; j++) c[i * n + j] += alpha * dot(a, i * k, b, j * k, k);
    }
  }
}

/**
 * C [M, N] += alpha * Aᵀ * Bᵀ, A stored [K, M], B stored [N, K]. No loop order reads all three
 * along rows, so this nest reads B along rows and four adjacent columns of A at once (one cache
 * line). It blocks over K so that those lines of A stay in L1 while every row of B passes.
 */
export function gemmTT(
  c: FloatArray,
  a: FloatArray,
  b: FloatArray,
  m: number,
  n: number,
  k: number,
  alpha: number,
): void {
  for (let k0 = 0; k0 < k; k0 += K_BLOCK) {
    const k1 = Math.min(k0 + K_BLOCK, k);
    let i = 0;
    for (; i + 3 < m; i += 4) {
      const c0 = i * n;
      const c1 = c0 + n;
      const c2 = c1 + n;
      const c3 = c2 + n;
      for (let j = 0; j < n; j++) {
        const bRow = j * k;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let p = k0; p < k1; p++) {
          const y = b[bRow + p];
          const aIndex = p * m + i;
          s0 += a[aIndex] * y;
          s1 += a[aIndex + 1] * y;
          s2 += a[aIndex + 2] * y;
          s3 += a[aIndex + 3] * y;
        }
        c[c0 + j] += alpha * s0;
        c[c1 + j] += alpha * s1;
        c[c2 + j] += alpha * s2;
        c[c3 + j] += alpha * s3;
      }
    }
    for (; i < m; i++) {
      const cRow = i * n;
      for (let j = 0; j < n; j++) {
        const bRow = j * k;
        let sum = 0;
        for (let p = k0; p < k1; p++) sum += a[p * m + i] * b[bRow + p];
        c[cRow + j] += alpha * sum;
      }
    }
  }
}

/** Dot product of x[xStart .. xStart + length) and y[yStart .. yStart + length), four sums at once. */
function dot(x: FloatArray, xStart: number, y: FloatArray, yStart: number, length: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let p = 0;
  for (; p + 3 < length; p += 4) {
    s0 += x[xStart + p] * y[yStart + p];
    s1 += x[xStart + p + 1] * y[yStart + p + 1];
    s2 += x[xStart + p + 2] * y[yStart + p + 2];
    s3 += x[xStart + p + 3] * y[yStart + p + 3];
  }
  for (; p < length; p++) s0 += x[xStart + p] * y[yStart + p];
  return s0 + s1 + s2 + s3;
}
