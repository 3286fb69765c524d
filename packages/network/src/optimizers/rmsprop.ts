// RMSProp (Hinton, Coursera lecture 6e) with L2 weight decay, as in Keras without momentum
// or centering.

import type { Optimizer } from './optimizer.js';
import { zeroSlots } from './slots.js';

/** With g' = g + λ·w: s ← ρ·s + (1 − ρ)·g'², w ← w − learningRate · g' / (√s + ε). */
export class RmsPropOptimizer implements Optimizer {
  readonly name = 'rmsprop';
  step = 0;
  readonly slots: Record<string, Float32Array[]>;

  constructor(
    parameterLengths: readonly number[],
    private readonly rho: number,
    private readonly epsilon: number,
    private readonly weightDecays: readonly number[],
  ) {
    this.slots = { meanSquare: zeroSlots(parameterLengths) };
  }

  update(
    parameters: readonly Float32Array[],
    gradients: readonly Float32Array[],
    learningRate: number,
  ): void {
    const { rho, epsilon } = this;
    for (let tensor = 0; tensor < parameters.length; tensor++) {
      const w = parameters[tensor];
      const g = gradients[tensor];
      const s = this.slots.meanSquare[tensor];
      const decay = this.weightDecays[tensor];
      for (let i = 0; i < w.length; i++) {
        const gradient = g[i] + decay * w[i];
        s[i] = rho * s[i] + (1 - rho) * gradient * gradient;
        w[i] -= (learningRate * gradient) / (Math.sqrt(s[i]) + epsilon);
      }
    }
    this.step++;
  }
}
