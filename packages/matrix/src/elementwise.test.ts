import { describe, expect, test } from 'vitest';
import { axpy, copy, fill, scale } from './elementwise.js';
import { Random } from './random.js';
import { expectClose, randomMatrix } from './test-helpers.js';

function values(seed: number, count: number): Float64Array {
  return randomMatrix(new Random(seed), 1, count, 'float64').data as Float64Array;
}

describe('scale', () => {
  test('multiplies into out and in place', () => {
    const a = values(1, 13);
    const expected = a.map((value) => -1.5 * value);
    expectClose(scale(new Float64Array(13), a, -1.5), expected, 0);
    expect(scale(a, a, -1.5)).toBe(a);
    expectClose(a, expected, 0);
  });

  test('rejects a wrong length', () => {
    expect(() => scale(new Float32Array(2), new Float32Array(3), 2)).toThrow(
      /out has 2 elements but 3/,
    );
  });
});

describe('axpy', () => {
  test('adds alpha * x into y', () => {
    const x = values(2, 9);
    const y = values(3, 9);
    const expected = y.map((value, i) => value + 0.25 * x[i]);
    expect(axpy(y, 0.25, x)).toBe(y);
    expectClose(y, expected, 0);
  });

  test('works when y aliases x', () => {
    const x = values(4, 9);
    const expected = x.map((value) => 3 * value);
    axpy(x, 2, x);
    expectClose(x, expected, 1e-15);
  });

  test('mixes float32 and float64', () => {
    const y = new Float32Array(values(5, 4));
    const x = values(6, 4);
    const expected = Array.from(y, (value, i) => Math.fround(value + 2 * x[i]));
    expectClose(axpy(y, 2, x), expected, 0);
  });

  test('rejects a wrong length', () => {
    expect(() => axpy(new Float32Array(2), 1, new Float32Array(3))).toThrow(
      /y has 2 elements but 3/,
    );
  });
});

describe('fill', () => {
  test('sets every element', () => {
    const out = new Float32Array(5);
    expect(fill(out, 0.5)).toBe(out);
    expect(Array.from(out)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5]);
  });
});

describe('copy', () => {
  test('copies values and converts type', () => {
    const a = values(7, 6);
    expect(Array.from(copy(new Float64Array(6), a))).toEqual(Array.from(a));
    expect(Array.from(copy(new Float32Array(6), a))).toEqual(Array.from(a, Math.fround));
  });

  test('handles overlapping views', () => {
    const buffer = Float64Array.of(0, 1, 2, 3, 4, 5);
    copy(buffer.subarray(1, 6), buffer.subarray(0, 5));
    expect(Array.from(buffer)).toEqual([0, 0, 1, 2, 3, 4]);
  });

  test('rejects a wrong length', () => {
    expect(() => copy(new Float32Array(2), new Float32Array(3))).toThrow(
      /out has 2 elements but 3/,
    );
  });
});
