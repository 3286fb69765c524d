// SGD with momentum, classic or Nesterov, in the PyTorch formulation (the velocity accumulates
// gradients, and the learning rate scales the whole step).

import type { Optimizer } from './optimizer.js';
import { zeroSlots } from './slots.js';

/**
 * With g' = g + λ·w: v ← μ·v + g', then w ← w − learningRate·v (momentum) or
 * w ← w − learningRate·(g' + μ·v) (Nesterov).
 */
export class MomentumOptimizer implements Optimizer {
  step = 0;
  readonly slots: Record<string, Float32Array[]>;

  constructor(
    readonly name: 'momentum' | 'nesterov',
    parameterLengths: readonly number[],
    private readonly momentum: number,
    private readonly weightDecays: readonly number[],
  ) {
    this.slots = { velocity: zeroSlots(parameterLengths) };
  }

  update(
    parameters: readonly Float32Array[],
    gradients: readonly Float32Array[],
    learningRate: number,
  ): void {
    const momentum = this.momentum;
    const nesterov = this.name === 'nesterov';
    for (let tensor = 0; tensor < parameters.length; tensor++) {
      const w = parameters[tensor];
      const g = gradients[tensor];
      const v = this.slots.velocity[tensor];
      const decay = this.weightDecays[tensor];
      for (let i = 0; i < w.length; i++) {
        const gradient = g[i] + decay * w[i];
        // The velocity is rounded to float32 when stored, and the step uses the stored value, so a
        // run resumed from a checkpoint computes exactly the same numbers.
        v[i] = momentum * v[i] + gradient;
        w[i] -= learningRate * (nesterov ? gradient + momentum * v[i] : v[i]);
      }
    }
    this.step++;
  }
}
