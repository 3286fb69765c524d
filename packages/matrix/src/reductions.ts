// Reductions of a matrix a [rows, cols] along one axis: column sums (a bias
// gradient), row sums, and the index of each row's maximum (a predicted class).

import { checkLength, checkNoOverlap, shapeOf } from './checks.js';
import type { FloatArray, Matrix } from './matrix.js';

/**
 * out [cols] = sum over i of a[i, :], the column sums, e.g. a bias gradient from dZ [B, H].
 * Overwrites out, which must not overlap a.
 */
export function sumOverRows(out: FloatArray, a: Matrix): FloatArray {
  checkLength('sumOverRows', 'out', out, a.cols);
  checkNoOverlap('sumOverRows', out, a.data);
  const cols = a.cols;
  const values = a.data;
  out.fill(0);

  // Four rows at a time are summed in double precision and added into out, so that a is read
  // along its rows and a Float32Array out is rounded once per four rows.
  // NOTE: a Float32Array out still accumulates in float32; pass a Float64Array for full precision.
  let row = 0;
  for (; row + 3 < a.rows; row += 4) {
    const r0 = row * cols;
    const r1 = r0 + cols;
    const r2 = r1 + cols;
    const r3 = r2 + cols;
    for (let col = 0; col < cols; col++) {
      out[col] += values[r0 + col] + values[r1 + col] + (values[r2 + col] + values[r3 + col]);
    }
  }
  for (; row < a.rows; row++) {
    const start = row * cols;
    for (let col = 0; col < cols; col++) out[col] += values[start + col];
  }
  return out;
}

/** out [rows] = sum over j of a[:, j], the row sums. Overwrites out, which must not overlap a. */
export function sumOverColumns(out: FloatArray, a: Matrix): FloatArray {
  checkLength('sumOverColumns', 'out', out, a.rows);
  checkNoOverlap('sumOverColumns', out, a.data);
  const cols = a.cols;
  const values = a.data;
  for (let row = 0; row < a.rows; row++) {
    const start = row * cols;
    let sum = 0;
    for (let col = 0; col < cols; col++) sum += values[start + col];
    out[row] = sum;
  }
  return out;
}

/** Integer arrays that can receive argmaxRows results. */
export type IndexArray = Int32Array | Uint8Array | Uint16Array | Uint32Array;

/**
 * out [rows] = index of the maximum of each row of a [rows, cols]; the first one on ties.
 * A NaN counts as the maximum (the first NaN wins), as in NumPy. A row of zero columns is
 * rejected. out must be able to hold cols - 1 (a Uint8Array holds up to 256 columns).
 */
export function argmaxRows<T extends IndexArray>(out: T, a: Matrix): T {
  checkLength('argmaxRows', 'out', out, a.rows);
  if (a.cols === 0 && a.rows > 0) {
    throw new RangeError(`argmaxRows: a is ${shapeOf(a)}; a row needs at least one column.`);
  }
  const largestIndex = maxIndexOf(out);
  if (a.cols - 1 > largestIndex) {
    throw new RangeError(
      `argmaxRows: out is a ${out.constructor.name}, which stores indices up to ${largestIndex}, ` +
        `but a has ${a.cols} columns. Use an Int32Array.`,
    );
  }
  const cols = a.cols;
  const values = a.data;
  for (let row = 0; row < a.rows; row++) {
    const start = row * cols;
    let bestCol = 0;
    let best = values[start];
    if (best === best) {
      for (let col = 1; col < cols; col++) {
        const value = values[start + col];
        if (value > best) {
          best = value;
          bestCol = col;
        } else if (value !== value) {
          bestCol = col;
          break;
        }
      }
    }
    out[row] = bestCol;
  }
  return out;
}

function maxIndexOf(out: IndexArray): number {
  if (out instanceof Uint8Array) return 0xff;
  if (out instanceof Uint16Array) return 0xffff;
  if (out instanceof Int32Array) return 0x7fffffff;
  return 0xffffffff;
}
