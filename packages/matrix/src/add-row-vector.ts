// Broadcast addition of one row to every row of a matrix: adding biases
// b [H] to pre-activations X·Wᵀ [B, H].

import { checkLength, checkSameShape } from './checks.js';
import type { FloatArray, Matrix } from './matrix.js';

/** out [rows, cols] = a [rows, cols] + row [cols], added to every row. out may alias a. */
export function addRowVector(out: Matrix, a: Matrix, row: FloatArray): Matrix {
  checkSameShape('addRowVector', out, a);
  checkLength('addRowVector', 'row', row, a.cols);
  const cols = a.cols;
  const input = a.data;
  const output = out.data;
  for (let i = 0; i < a.rows; i++) {
    const start = i * cols;
    for (let j = 0; j < cols; j++) output[start + j] = input[start + j] + row[j];
  }
  return out;
}
