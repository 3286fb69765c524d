// Plain stochastic gradient descent with optional L2 weight decay.

import type { Optimizer } from './optimizer.js';

/** w ← w − learningRate · (g + λ·w). */
export class SgdOptimizer implements Optimizer {
  readonly name = 'sgd';
  step = 0;
  readonly slots: Record<string, Float32Array[]> = {};

  constructor(private readonly weightDecays: readonly number[]) {}

  update(
    parameters: readonly Float32Array[],
    gradients: readonly Float32Array[],
    learningRate: number,
  ): void {
    for (let tensor = 0; tensor < parameters.length; tensor++) {
      const w = parameters[tensor];
      const g = gradients[tensor];
      const decay = this.weightDecays[tensor];
      for (let i = 0; i < w.length; i++) w[i] -= learningRate * (g[i] + decay * w[i]);
    }
    this.step++;
  }
}
