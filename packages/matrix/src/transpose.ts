// Out-of-place matrix transpose, in square tiles so that both the rows read
// and the columns written stay in cache.

import { checkNoOverlap, shapeOf } from './checks.js';
import type { Matrix } from './matrix.js';

const TILE = 32;

/** out [cols, rows] = aᵀ for a [rows, cols]. out must not overlap a. */
export function transpose(out: Matrix, a: Matrix): Matrix {
  if (out.rows !== a.cols || out.cols !== a.rows) {
    throw new RangeError(
      `transpose: out is ${shapeOf(out)} but a is ${shapeOf(a)}; out must be [${a.cols}, ${a.rows}].`,
    );
  }
  checkNoOverlap('transpose', out.data, a.data);
  const rows = a.rows;
  const cols = a.cols;
  const input = a.data;
  const output = out.data;
  for (let i0 = 0; i0 < rows; i0 += TILE) {
    const i1 = Math.min(i0 + TILE, rows);
    for (let j0 = 0; j0 < cols; j0 += TILE) {
      const j1 = Math.min(j0 + TILE, cols);
      for (let i = i0; i < i1; i++) {
        for (let j = j0; j < j1; j++) output[j * rows + i] = input[i * cols + j];
      }
    }
  }
  return out;
}
