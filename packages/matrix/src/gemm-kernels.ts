// The four loop nests behind gemm, one per transpose combination. Each adds
// alpha * op(A) * op(B) into C, which gemm has already scaled by beta.
//
// Letters: op(A) [M, K], op(B) [K, N], C [M, N]; all buffers row-major.
// Every loop nest reads A, B and C along their stored rows wherever it can,
// blocks so that the data reused by the inner loops stays in cache, and unrolls
// four terms of the sum so that each load and store of C does four multiply-adds.
// Nothing is packed or copied, so no kernel allocates.

import type { FloatArray } from './matrix.js';

/** Depth of the K blocks in the NN and TT nests: 128 rows of B (or A) of one N block stay in L2. */
const K_BLOCK = 128;
/** Width of the N blocks in the NN nest: one C row segment plus four B row segments fit in L1. */
const NN_N_BLOCK = 256;
/** Rows of B per block in the NT nest: the rows every row of A is dotted with, kept in L2. */
const NT_N_BLOCK = 64;
/** Elements of the C block the TN nest updates while all K rows of A and B stream past. */
const TN_C_BLOCK = 16384;

/** C [M, N] += alpha * A [M, K] * B [K, N]. Loop order i-k-j: rows of B are added into rows of C. */
export function gemmNN(
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
    for (let j0 = 0; j0 < n; j0 += NN_N_BLOCK) {
      const j1 = Math.min(j0 + NN_N_BLOCK, n);
      for (let i = 0; i < m; i++) {
        const aRow = i * k;
        const cRow = i * n;
        let p = k0;
        for (; p + 3 < k1; p += 4) {
          const a0 = alpha * a[aRow + p];
          const a1 = alpha * a[aRow + p + 1];
          const a2 = alpha * a[aRow + p + 2];
          const a3 = alpha * a[aRow + p + 3];
          const b0 = p * n;
          const b1 = b0 + n;
          const b2 = b1 + n;
          const b3 = b2 + n;
          for (let j = j0; j < j1; j++) {
            c[cRow + j] += a0 * b[b0 + j] + a1 * b[b1 + j] + a2 * b[b2 + j] + a3 * b[b3 + j];
          }
        }
        for (; p < k1; p++) {
          const a0 = alpha * a[aRow + p];
          const b0 = p * n;
          for (let j = j0; j < j1; j++) c[cRow + j] += a0 * b[b0 + j];
        }
      }
    }
  }
}

/**
 * C [M, N] += alpha * A [M, K] * Bᵀ, B stored [N, K]. Every element of C is a dot product of a
 * row of A with a row of B, both contiguous. A 2×4 tile of C is computed at once, so each
 * loaded element of A is used four times and each element of B twice, and the eight sums are
 * independent chains that the CPU can overlap.
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
      for (; j < j1; j++) {
        c[c0 + j] += alpha * dot(a, a0, b, j * k, k);
        c[c1 + j] += alpha * dot(a, a1, b, j * k, k);
      }
    }
    if (i < m) {
      // The last row when M is odd.
      for (let j = j0; j < j1; j++) c[i * n + j] += alpha * dot(a, i * k, b, j * k, k);
    }
  }
}

/**
 * C [M, N] += alpha * Aᵀ * B [K, N], A stored [K, M]. Loop order k-i-j: each row p of B is
 * added into every row i of C with weight A[p, i], so B streams through once per C block while
 * the C block stays in cache. This is the shape of a weight gradient, dZᵀ · X.
 */
export function gemmTN(
  c: FloatArray,
  a: FloatArray,
  b: FloatArray,
  m: number,
  n: number,
  k: number,
  alpha: number,
): void {
  const jBlock = Math.min(n, 1024);
  const iBlock = Math.max(1, Math.floor(TN_C_BLOCK / jBlock));
  for (let i0 = 0; i0 < m; i0 += iBlock) {
    const i1 = Math.min(i0 + iBlock, m);
    for (let j0 = 0; j0 < n; j0 += jBlock) {
      const j1 = Math.min(j0 + jBlock, n);
      let p = 0;
      for (; p + 3 < k; p += 4) {
        const a0 = p * m;
        const a1 = a0 + m;
        const a2 = a1 + m;
        const a3 = a2 + m;
        const b0 = p * n;
        const b1 = b0 + n;
        const b2 = b1 + n;
        const b3 = b2 + n;
        for (let i = i0; i < i1; i++) {
          const x0 = alpha * a[a0 + i];
          const x1 = alpha * a[a1 + i];
          const x2 = alpha * a[a2 + i];
          const x3 = alpha * a[a3 + i];
          const cRow = i * n;
          for (let j = j0; j < j1; j++) {
            c[cRow + j] += x0 * b[b0 + j] + x1 * b[b1 + j] + x2 * b[b2 + j] + x3 * b[b3 + j];
          }
        }
      }
      for (; p < k; p++) {
        const a0 = p * m;
        const b0 = p * n;
        for (let i = i0; i < i1; i++) {
          const x0 = alpha * a[a0 + i];
          const cRow = i * n;
          for (let j = j0; j < j1; j++) c[cRow + j] += x0 * b[b0 + j];
        }
      }
    }
  }
}

/**
 * C [M, N] += alpha * Aᵀ * Bᵀ, A stored [K, M], B stored [N, K]. No loop order reads all three
 * along rows, so this nest reads B along rows and four adjacent columns of A at once (one cache
 * line), blocking over K so those lines of A stay in L1 while every row of B passes.
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
