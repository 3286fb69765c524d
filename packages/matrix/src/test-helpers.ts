// Helpers shared by the tests of this package: seeded random matrices and a
// tolerance-aware comparison. Not exported from the package.

import { expect } from 'vitest';
import { Matrix } from './matrix.js';
import type { DType, FloatArray } from './matrix.js';
import type { Random } from './random.js';

/** Creates a [rows, cols] matrix of values uniform in [low, high) drawn from random. */
export function randomMatrix(
  random: Random,
  rows: number,
  cols: number,
  dtype: DType = 'float32',
  low = -1,
  high = 1,
): Matrix {
  const data = dtype === 'float32' ? new Float32Array(rows * cols) : new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = random.uniform(low, high);
  return new Matrix(rows, cols, data);
}

/** Asserts that actual and expected have equal lengths and agree within tolerance at every index. */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance: number,
): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const error = Math.abs(actual[i] - expected[i]);
    // Written as !(error <= tolerance) so that a NaN fails too.
    if (!(error <= tolerance)) {
      expect.fail(
        `index ${i}: got ${actual[i]}, expected ${expected[i]} (error ${error} > tolerance ${tolerance})`,
      );
    }
  }
}

/** Copies a typed array into a Float64Array, for references computed in double precision. */
export function toFloat64(values: FloatArray): Float64Array {
  return Float64Array.from(values);
}
