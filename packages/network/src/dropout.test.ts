import { Random } from '@scratchnet/matrix';
import { describe, expect, it } from 'vitest';

import { dropoutBackward, dropoutForward } from './dropout.js';
import { Network } from './network.js';

describe('dropoutForward', () => {
  it('draws the same mask from the same seed', () => {
    const activations = Float32Array.from({ length: 64 }, (_, index) => index + 1);
    const first = dropoutForward(
      new Float32Array(64),
      new Float32Array(64),
      activations,
      0.5,
      new Random(3),
    );
    const second = dropoutForward(
      new Float32Array(64),
      new Float32Array(64),
      activations,
      0.5,
      new Random(3),
    );
    const other = dropoutForward(
      new Float32Array(64),
      new Float32Array(64),
      activations,
      0.5,
      new Random(4),
    );
    expect(Array.from(second)).toEqual(Array.from(first));
    expect(Array.from(other)).not.toEqual(Array.from(first));
  });

  it('drops the rate and rescales the rest', () => {
    const count = 20000;
    const rate = 0.25;
    const activations = new Float64Array(count).fill(1);
    const mask = new Float64Array(count);
    const out = dropoutForward(new Float64Array(count), mask, activations, rate, new Random(5));
    const dropped = out.filter((value) => value === 0).length;
    expect(dropped / count).toBeGreaterThan(0.23);
    expect(dropped / count).toBeLessThan(0.27);
    expect(out.every((value) => value === 0 || value === 1 / (1 - rate))).toBe(true);
    expect(Array.from(mask)).toEqual(Array.from(out));
  });

  it('backward passes gradients through kept units only', () => {
    const mask = Float64Array.of(0, 2, 2, 0);
    const dOut = Float64Array.of(1, 2, 3, 4);
    expect(Array.from(dropoutBackward(new Float64Array(4), mask, dOut))).toEqual([0, 4, 6, 0]);
  });
});

describe('dropout at inference', () => {
  it('is off: predictions depend only on the weights', () => {
    const network = Network.create(
      { sizes: [8, 6, 3], activation: 'relu' },
      { random: new Random(9) },
    );
    const input = Float32Array.from({ length: 8 }, (_, index) => index / 8);
    const first = network.predictProbabilities(input).slice();
    const second = network.predictProbabilities(input).slice();
    expect(Array.from(second)).toEqual(Array.from(first));
  });
});
