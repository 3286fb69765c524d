import { describe, expect, test } from 'vitest';
import { createMatrix, matrixFrom } from './matrix.js';
import { Random } from './random.js';
import { argmaxRows, sumOverColumns, sumOverRows } from './reductions.js';
import { expectClose, randomMatrix } from './test-helpers.js';

const shapes: [number, number][] = [
  [1, 1],
  [1, 9],
  [9, 1],
  [37, 13],
  [6, 5],
  [7, 3],
  [64, 10],
];

describe('sumOverRows', () => {
  test.each(shapes)('matches column sums on [%i, %i]', (rows, cols) => {
    const a = randomMatrix(new Random(rows + cols), rows, cols, 'float64');
    const expected = Array.from({ length: cols }, (_, col) => {
      let sum = 0;
      for (let row = 0; row < rows; row++) sum += a.data[row * cols + col];
      return sum;
    });
    expectClose(sumOverRows(new Float64Array(cols).fill(NaN), a), expected, 1e-13);
    const a32 = new Float32Array(a.data);
    expectClose(sumOverRows(new Float32Array(cols), matrixFrom(rows, cols, a32)), expected, 1e-5);
  });

  test('rejects a wrong length or an overlapping out', () => {
    const a = createMatrix(3, 4);
    expect(() => sumOverRows(new Float32Array(3), a)).toThrow(/out has 3 elements but 4/);
    expect(() => sumOverRows(a.data.subarray(0, 4), a)).toThrow(/overlaps/);
  });
});

describe('sumOverColumns', () => {
  test.each(shapes)('matches row sums on [%i, %i]', (rows, cols) => {
    const a = randomMatrix(new Random(rows * cols), rows, cols, 'float32');
    const expected = Array.from({ length: rows }, (_, row) => {
      let sum = 0;
      for (let col = 0; col < cols; col++) sum += a.data[row * cols + col];
      return sum;
    });
    expectClose(sumOverColumns(new Float32Array(rows), a), expected, 1e-5);
  });

  test('rejects a wrong length', () => {
    expect(() => sumOverColumns(new Float32Array(4), createMatrix(3, 4))).toThrow(
      /out has 4 elements but 3/,
    );
  });
});

describe('argmaxRows', () => {
  test('matches a plain search on random rows', () => {
    const a = randomMatrix(new Random(1), 50, 10);
    const expected = Array.from({ length: 50 }, (_, row) => {
      const values = Array.from(a.data.subarray(row * 10, row * 10 + 10));
      return values.indexOf(Math.max(...values));
    });
    expect(Array.from(argmaxRows(new Int32Array(50), a))).toEqual(expected);
    expect(Array.from(argmaxRows(new Uint8Array(50), a))).toEqual(expected);
  });

  test('takes the first of tied maxima', () => {
    const a = matrixFrom(2, 4, [1, 3, 3, 0, -Infinity, -Infinity, -Infinity, -Infinity]);
    expect(Array.from(argmaxRows(new Uint16Array(2), a))).toEqual([1, 0]);
  });

  test('treats NaN as the maximum', () => {
    const a = matrixFrom(3, 3, [1, NaN, 2, NaN, 5, NaN, 0, 1, NaN]);
    expect(Array.from(argmaxRows(new Uint32Array(3), a))).toEqual([1, 0, 2]);
  });

  test('rejects an index type too small for the columns', () => {
    expect(() => argmaxRows(new Uint8Array(1), createMatrix(1, 257))).toThrow(/indices up to 255/);
    expect(() => argmaxRows(new Uint8Array(1), createMatrix(1, 256))).not.toThrow();
  });

  test('rejects rows without columns and a wrong length', () => {
    expect(() => argmaxRows(new Int32Array(2), createMatrix(2, 0))).toThrow(/at least one column/);
    expect(() => argmaxRows(new Int32Array(3), createMatrix(2, 2))).toThrow(
      /out has 3 elements but 2/,
    );
  });
});
