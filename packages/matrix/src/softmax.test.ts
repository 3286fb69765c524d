import { describe, expect, test } from 'vitest';
import type { Matrix } from './matrix.js';
import { createMatrix, matrixFrom } from './matrix.js';
import { Random } from './random.js';
import { logSoftmaxRows, softmaxRows } from './softmax.js';
import { expectClose, randomMatrix } from './test-helpers.js';

/** exp(z) / sum(exp(z)) per row, without the max shift: fine for the small logits used here. */
function softmaxReference(logits: Matrix): Float64Array {
  const result = new Float64Array(logits.data.length);
  for (let row = 0; row < logits.rows; row++) {
    let sum = 0;
    for (let col = 0; col < logits.cols; col++)
      sum += Math.exp(logits.data[row * logits.cols + col]);
    for (let col = 0; col < logits.cols; col++) {
      result[row * logits.cols + col] = Math.exp(logits.data[row * logits.cols + col]) / sum;
    }
  }
  return result;
}

function rowSums(matrix: Matrix): number[] {
  const sums: number[] = [];
  for (let row = 0; row < matrix.rows; row++) {
    let sum = 0;
    for (let col = 0; col < matrix.cols; col++) sum += matrix.data[row * matrix.cols + col];
    sums.push(sum);
  }
  return sums;
}

describe('softmaxRows', () => {
  test.each([
    [1, 1],
    [3, 10],
    [17, 7],
  ])('matches the reference on [%i, %i]', (rows, cols) => {
    const logits = randomMatrix(new Random(rows * cols), rows, cols, 'float64', -5, 5);
    expectClose(
      softmaxRows(createMatrix(rows, cols, 'float64'), logits).data,
      softmaxReference(logits),
      1e-15,
    );
    const logits32 = randomMatrix(new Random(rows), rows, cols, 'float32', -5, 5);
    expectClose(
      softmaxRows(createMatrix(rows, cols), logits32).data,
      softmaxReference(logits32),
      1e-7,
    );
  });

  test('logits at ±1000 give finite rows that sum to 1', () => {
    const logits = matrixFrom(
      3,
      4,
      [1000, 999, -1000, 0, -1000, -1000, -999, -1000, 1000, 1000, 1000, 1000],
    );
    const probabilities = softmaxRows(createMatrix(3, 4), logits);
    expect(probabilities.data.every(Number.isFinite)).toBe(true);
    expectClose(rowSums(probabilities), [1, 1, 1], 1e-6);
    expectClose(
      probabilities.data.subarray(0, 2),
      [1 / (1 + Math.exp(-1)), 1 / (1 + Math.exp(1))],
      1e-7,
    );
    expectClose(probabilities.data.subarray(8), [0.25, 0.25, 0.25, 0.25], 0);
  });

  test('in place equals out of place', () => {
    const logits = randomMatrix(new Random(4), 5, 6, 'float64', -10, 10);
    const expected = softmaxRows(createMatrix(5, 6, 'float64'), logits).data.slice();
    expect(softmaxRows(logits, logits)).toBe(logits);
    expectClose(logits.data, expected, 0);
  });

  test('rejects mismatched shapes', () => {
    expect(() => softmaxRows(createMatrix(2, 3), createMatrix(3, 2))).toThrow(
      /out is \[2, 3\] but the input is \[3, 2\]/,
    );
  });
});

describe('logSoftmaxRows', () => {
  test('matches log of the reference softmax', () => {
    const logits = randomMatrix(new Random(5), 7, 10, 'float64', -5, 5);
    const expected = softmaxReference(logits).map(Math.log);
    expectClose(logSoftmaxRows(createMatrix(7, 10, 'float64'), logits).data, expected, 1e-14);
  });

  test('logits at ±1000 give finite values', () => {
    const logits = matrixFrom(1, 3, [1000, -1000, 999], 'float64');
    const result = logSoftmaxRows(createMatrix(1, 3, 'float64'), logits).data;
    const log1PlusE = Math.log(1 + Math.exp(-1));
    expectClose(result, [-log1PlusE, -2000 - log1PlusE, -1 - log1PlusE], 1e-12);
  });

  test('in place equals out of place', () => {
    const logits = randomMatrix(new Random(6), 3, 8, 'float32', -10, 10);
    const expected = logSoftmaxRows(createMatrix(3, 8), logits).data.slice();
    logSoftmaxRows(logits, logits);
    expectClose(logits.data, expected, 0);
  });
});
