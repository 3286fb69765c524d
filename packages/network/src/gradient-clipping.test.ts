import { describe, expect, it } from 'vitest';

import { clipByGlobalNorm } from './gradient-clipping.js';

describe('clipByGlobalNorm', () => {
  it('scales all gradients together when the global norm exceeds the limit', () => {
    const gradients = [Float64Array.of(3, 0), Float64Array.of(0, 4)]; // global norm 5
    expect(clipByGlobalNorm(gradients, 2.5)).toBe(5);
    expect(Array.from(gradients[0])).toEqual([1.5, 0]);
    expect(Array.from(gradients[1])).toEqual([0, 2]);
  });

  it('leaves gradients within the limit unchanged', () => {
    const gradients = [Float32Array.of(0.3, -0.4)];
    expect(clipByGlobalNorm(gradients, 1)).toBeCloseTo(0.5, 7);
    expect(Array.from(gradients[0])).toEqual([Math.fround(0.3), Math.fround(-0.4)]);
  });
});
