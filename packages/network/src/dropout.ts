// Inverted dropout as a forward/backward pair: kept units are scaled by 1 / (1 − rate) during
// training, so inference uses the weights unchanged and applies no dropout at all.

import type { FloatArray, Random } from '@scratchnet/matrix';

/**
 * Draws a mask and applies it: for each element in order, mask[i] = 0 when random.next() < rate,
 * else 1 / (1 − rate), and out[i] = activations[i] · mask[i]. Returns `out`.
 * All three arrays have the same length. `out` may alias `activations`.
 * One random.next() is drawn per element, row-major, so a seed fixes the mask.
 */
export function dropoutForward(
  out: FloatArray,
  mask: FloatArray,
  activations: FloatArray,
  rate: number,
  random: Random,
): FloatArray {
  const keptScale = 1 / (1 - rate);
  for (let i = 0; i < activations.length; i++) {
    const factor = random.next() < rate ? 0 : keptScale;
    mask[i] = factor;
    out[i] = activations[i] * factor;
  }
  return out;
}

/** Backward of out = activations ⊙ mask: overwrites dActivations = dOut ⊙ mask. May alias dOut. */
export function dropoutBackward(
  dActivations: FloatArray,
  mask: FloatArray,
  dOut: FloatArray,
): FloatArray {
  for (let i = 0; i < dOut.length; i++) dActivations[i] = dOut[i] * mask[i];
  return dActivations;
}
