// Gradient clipping by global norm (as torch.nn.utils.clip_grad_norm_): all gradients are
// scaled together, so their direction is kept.

import type { FloatArray } from '@scratchnet/matrix';

/**
 * Computes the L2 norm of all gradients taken as one vector and, when it exceeds maxNorm,
 * scales every gradient by maxNorm / norm in place. Returns the norm before clipping.
 */
export function clipByGlobalNorm(gradients: readonly FloatArray[], maxNorm: number): number {
  let sumOfSquares = 0;
  for (const gradient of gradients) {
    for (let i = 0; i < gradient.length; i++) sumOfSquares += gradient[i] * gradient[i];
  }
  const norm = Math.sqrt(sumOfSquares);
  if (norm > maxNorm) {
    const factor = maxNorm / norm;
    for (const gradient of gradients) {
      for (let i = 0; i < gradient.length; i++) gradient[i] *= factor;
    }
  }
  return norm;
}
