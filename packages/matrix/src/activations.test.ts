import { describe, expect, test } from 'vitest';
import {
  leakyReluBackward,
  leakyReluForward,
  reluBackward,
  reluForward,
  sigmoidBackward,
  sigmoidForward,
  tanhBackward,
  tanhForward,
} from './activations.js';
import type { FloatArray } from './matrix.js';
import { Random } from './random.js';
import { expectClose, randomMatrix } from './test-helpers.js';

const SLOPE = 0.01;

interface Pair {
  name: string;
  /** The activation of one value, written out plainly. */
  f: (x: number) => number;
  forward: (out: FloatArray, x: FloatArray) => FloatArray;
  /** Backward with the kernel's own argument: the input x or the output y. */
  backward: (dx: FloatArray, xOrY: FloatArray, dy: FloatArray) => FloatArray;
  backwardTakesOutput: boolean;
}

const pairs: Pair[] = [
  {
    name: 'relu',
    f: (x) => Math.max(0, x),
    forward: reluForward,
    backward: reluBackward,
    backwardTakesOutput: false,
  },
  {
    name: 'leaky relu',
    f: (x) => (x > 0 ? x : SLOPE * x),
    forward: (out, x) => leakyReluForward(out, x, SLOPE),
    backward: (dx, x, dy) => leakyReluBackward(dx, x, dy, SLOPE),
    backwardTakesOutput: false,
  },
  {
    name: 'sigmoid',
    f: (x) => 1 / (1 + Math.exp(-x)),
    forward: sigmoidForward,
    backward: sigmoidBackward,
    backwardTakesOutput: true,
  },
  {
    name: 'tanh',
    f: Math.tanh,
    forward: tanhForward,
    backward: tanhBackward,
    backwardTakesOutput: true,
  },
];

/** Inputs away from 0, where relu and leaky relu have no derivative. */
function inputs(seed: number, count: number): Float64Array {
  const values = randomMatrix(new Random(seed), 1, count, 'float64', -3, 3).data as Float64Array;
  return values.map((value) => (Math.abs(value) < 0.01 ? 0.5 : value));
}

describe.each(pairs)('$name', ({ f, forward, backward, backwardTakesOutput }) => {
  test('forward matches the formula', () => {
    const x = inputs(1, 101);
    expectClose(forward(new Float64Array(101), x), x.map(f), 1e-15);
    const x32 = Float32Array.from(x);
    expectClose(forward(new Float32Array(101), x32), Float64Array.from(x32, f), 1e-7);
  });

  test('forward in place', () => {
    const x = inputs(2, 37);
    const expected = x.map(f);
    expect(forward(x, x)).toBe(x);
    expectClose(x, expected, 1e-15);
  });

  test('backward matches finite differences', () => {
    const x = inputs(3, 64);
    const dy = inputs(4, 64);
    const y = forward(new Float64Array(64), x);
    const dx = backward(new Float64Array(64), backwardTakesOutput ? y : x, dy);
    const h = 1e-6;
    const numeric = x.map((value, i) => (dy[i] * (f(value + h) - f(value - h))) / (2 * h));
    expectClose(dx, numeric, 1e-7);
  });

  test('backward overwrites dx and may alias dy', () => {
    const x = inputs(5, 20);
    const dy = inputs(6, 20);
    const y = forward(new Float64Array(20), x);
    const input = backwardTakesOutput ? y : x;
    const expected = backward(new Float64Array(20).fill(NaN), input, dy).slice();
    expect(expected.some(Number.isNaN)).toBe(false);
    expectClose(backward(dy, input, dy), expected, 0);
  });

  test('rejects mismatched lengths', () => {
    expect(() => forward(new Float32Array(3), new Float32Array(4))).toThrow(
      /out has 3 elements but 4/,
    );
    expect(() => backward(new Float32Array(4), new Float32Array(4), new Float32Array(5))).toThrow(
      /dy has 5/,
    );
  });
});

describe('sigmoid', () => {
  test('is finite for large inputs', () => {
    const y = sigmoidForward(new Float32Array(4), Float32Array.of(-1000, -100, 100, 1000));
    expect(Array.from(y)).toEqual([0, Math.fround(1 / (1 + Math.exp(100))), 1, 1]);
  });
});

describe('relu', () => {
  test('backward passes no gradient at x = 0', () => {
    expect(
      Array.from(reluBackward(new Float32Array(1), Float32Array.of(0), Float32Array.of(5))),
    ).toEqual([0]);
  });
});
