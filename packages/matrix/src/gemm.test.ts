import { describe, expect, test } from 'vitest';
import { gemm } from './gemm.js';
import type { GemmOptions } from './gemm.js';
import { gemmReference } from './gemm-reference.js';
import { Matrix, createMatrix, viewMatrix } from './matrix.js';
import type { DType } from './matrix.js';
import { Random } from './random.js';
import { expectClose, randomMatrix, toFloat64 } from './test-helpers.js';

// [M, N, K] triples: 1×1, odd and prime sizes, and sizes on both sides of the block sizes
// (K blocks of 128, N blocks of 64 and 256, TN blocks of 16384 elements of C).
const shapes: [number, number, number][] = [
  [1, 1, 1],
  [1, 5, 3],
  [7, 1, 9],
  [3, 3, 1],
  [13, 17, 19],
  [2, 130, 129],
  [65, 67, 257],
  [33, 259, 131],
  [9, 1025, 5],
];
const transposes: [boolean, boolean][] = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
];
const scalings: { alpha: number; beta: number }[] = [
  { alpha: 1, beta: 0 },
  { alpha: -2.5, beta: 0 },
  { alpha: 1, beta: 1 },
  { alpha: 0.5, beta: -0.75 },
  { alpha: 0, beta: 2 },
];

/** Stores a [rows, cols] operand transposed when asked, so that op(stored) is [rows, cols]. */
function operand(random: Random, rows: number, cols: number, transposed: boolean, dtype: DType) {
  return transposed
    ? randomMatrix(random, cols, rows, dtype)
    : randomMatrix(random, rows, cols, dtype);
}

/** Returns alpha * op(a) * op(b) + beta * c as the reference computes it in float64. */
function referenceResult(c: Matrix, a: Matrix, b: Matrix, options: GemmOptions = {}): Float64Array {
  const { transposeA = false, transposeB = false, alpha = 1, beta = 0 } = options;
  const k = transposeA ? a.rows : a.cols;
  const expected = toFloat64(c.data);
  gemmReference(
    expected,
    toFloat64(a.data),
    toFloat64(b.data),
    c.rows,
    c.cols,
    k,
    transposeA,
    transposeB,
    alpha,
    beta,
  );
  return expected;
}

/** Runs gemm and the reference (in float64) on the same inputs and compares. */
function checkAgainstReference(
  [m, n, k]: [number, number, number],
  transposeA: boolean,
  transposeB: boolean,
  alpha: number,
  beta: number,
  dtype: DType,
  seed: number,
): void {
  const random = new Random(seed);
  const a = operand(random, m, k, transposeA, dtype);
  const b = operand(random, k, n, transposeB, dtype);
  const c = randomMatrix(random, m, n, dtype);
  const expected = referenceResult(c, a, b, { transposeA, transposeB, alpha, beta });

  gemm(c, a, b, { transposeA, transposeB, alpha, beta });

  // Every term is at most |alpha| in size, so the rounding error grows at most with K.
  const epsilon = dtype === 'float32' ? 2 ** -23 : 2 ** -52;
  expectClose(c.data, expected, 4 * epsilon * (Math.abs(alpha) * (k + 1) + Math.abs(beta) + 1));
}

describe('gemm', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    for (const [transposeA, transposeB] of transposes) {
      test(`${dtype} transposeA=${transposeA} transposeB=${transposeB} matches reference`, () => {
        let seed = 1;
        for (const shape of shapes) {
          for (const { alpha, beta } of scalings) {
            checkAgainstReference(shape, transposeA, transposeB, alpha, beta, dtype, seed++);
          }
        }
      });
    }
  }

  test('mixed float64 inputs into float32 output', () => {
    const random = new Random(7);
    const a = randomMatrix(random, 11, 6, 'float64');
    const b = randomMatrix(random, 6, 5, 'float32');
    const c = createMatrix(11, 5, 'float32');
    const expected = referenceResult(c, a, b);
    gemm(c, a, b);
    expectClose(c.data, expected, 1e-5);
  });

  test('beta=0 ignores NaN already in C', () => {
    for (const [transposeA, transposeB] of transposes) {
      const random = new Random(3);
      const a = operand(random, 5, 4, transposeA, 'float32');
      const b = operand(random, 4, 6, transposeB, 'float32');
      const c = createMatrix(5, 6);
      c.data.fill(NaN);
      const expected = referenceResult(c, a, b, { transposeA, transposeB });

      gemm(c, a, b, { transposeA, transposeB, beta: 0 });

      expect(c.data.some(Number.isNaN)).toBe(false);
      expectClose(c.data, expected, 1e-5);
    }
  });

  test('alpha=0 and K=0 only scale C', () => {
    const random = new Random(4);
    const c = randomMatrix(random, 3, 2, 'float64');
    const before = toFloat64(c.data);
    const a = randomMatrix(random, 3, 4, 'float64');
    const b = randomMatrix(random, 4, 2, 'float64');
    gemm(c, a, b, { alpha: 0, beta: 3 });
    expectClose(
      c.data,
      before.map((value) => 3 * value),
      0,
    );

    gemm(c, createMatrix(3, 0, 'float64'), createMatrix(0, 2, 'float64'), { beta: 0.5 });
    expectClose(
      c.data,
      before.map((value) => 1.5 * value),
      0,
    );
  });

  test('inputs are left unchanged', () => {
    const random = new Random(5);
    const a = randomMatrix(random, 9, 8);
    const b = randomMatrix(random, 8, 7);
    const aBefore = a.data.slice();
    const bBefore = b.data.slice();
    gemm(createMatrix(9, 7), a, b, { alpha: 2 });
    expect(a.data).toEqual(aBefore);
    expect(b.data).toEqual(bBefore);
  });

  test('views into one buffer work when they do not overlap', () => {
    const random = new Random(6);
    const buffer = randomMatrix(random, 1, 3 * 16).data;
    const a = viewMatrix(buffer, 4, 4, 0);
    const b = viewMatrix(buffer, 4, 4, 16);
    const c = viewMatrix(buffer, 4, 4, 32);
    const expected = referenceResult(c, a, b, { transposeB: true });
    gemm(c, a, b, { transposeB: true });
    expectClose(c.data, expected, 1e-5);
  });

  test('rejects C overlapping A or B', () => {
    const square = createMatrix(4, 4);
    const other = createMatrix(4, 4);
    expect(() => gemm(square, square, other)).toThrow(/overlaps/);
    expect(() => gemm(square, other, square)).toThrow(/overlaps/);
    const buffer = new Float32Array(20);
    expect(() => gemm(viewMatrix(buffer, 4, 4, 4), viewMatrix(buffer, 4, 4, 0), other)).toThrow(
      /overlaps/,
    );
  });

  test('rejects mismatched shapes', () => {
    const a = createMatrix(2, 3);
    const b = createMatrix(4, 5);
    expect(() => gemm(createMatrix(2, 5), a, b)).toThrow(/inner dimensions/);
    expect(() => gemm(createMatrix(3, 5), a, createMatrix(3, 5))).toThrow(/C is \[3, 5\]/);
    expect(() => gemm(createMatrix(3, 4), a, b, { transposeA: true, transposeB: true })).toThrow(
      /inner dimensions/,
    );
    expect(() =>
      gemm(createMatrix(3, 5), createMatrix(2, 3), createMatrix(2, 5), { transposeA: true }),
    ).not.toThrow();
  });

  test('rejects non-finite alpha or beta', () => {
    const a = new Matrix(1, 1, new Float32Array(1));
    expect(() => gemm(createMatrix(1, 1), a, createMatrix(1, 1), { alpha: NaN })).toThrow(
      /alpha and beta/,
    );
    expect(() => gemm(createMatrix(1, 1), a, createMatrix(1, 1), { beta: Infinity })).toThrow(
      /alpha and beta/,
    );
  });
});
