import { describe, expect, it } from 'vitest';

import { ACTIVATIONS, activationBackward, activationForward } from './activation.js';
import {
  dot,
  numericalGradient,
  randomFloat64,
  relativeError,
} from './testing/finite-differences.js';

// A batch of 3 rows of 4 units, kept at least 0.1 away from ReLU's kink at 0 so central
// differences never straddle it.
function preActivations(): Float64Array {
  return randomFloat64(12, 11, 0.1, 2).map((value, index) => (index % 3 === 0 ? -value : value));
}

describe.each(ACTIVATIONS)('%s', (activation) => {
  it('backward matches finite differences', () => {
    const z = preActivations();
    const dActivations = randomFloat64(z.length, 12);
    const a = new Float64Array(z.length);
    const loss = () =>
      dot(activationForward(new Float64Array(z.length), z, activation), dActivations);

    activationForward(a, z, activation);
    const dz = activationBackward(new Float64Array(z.length), z, a, dActivations, activation);
    expect(relativeError(dz, numericalGradient(z, loss))).toBeLessThan(1e-6);
  });

  it('backward may write into dActivations', () => {
    const z = preActivations();
    const a = activationForward(new Float64Array(z.length), z, activation);
    const dActivations = randomFloat64(z.length, 13);
    const separate = activationBackward(new Float64Array(z.length), z, a, dActivations, activation);
    const inPlace = activationBackward(dActivations, z, a, dActivations, activation);
    expect(Array.from(inPlace)).toEqual(Array.from(separate));
  });
});
