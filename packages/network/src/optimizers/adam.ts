// Adam (Kingma and Ba, 2015) with L2 weight decay, and AdamW (Loshchilov and Hutter, 2019)
// with decoupled weight decay, as in PyTorch's torch.optim.Adam and AdamW.

import type { Optimizer } from './optimizer.js';
import { zeroSlots } from './slots.js';

/**
 * At update t = step + 1, with g' = g + λ·w for Adam and g' = g for AdamW:
 * m ← β1·m + (1 − β1)·g', v ← β2·v + (1 − β2)·g'²,
 * w ← w − learningRate · (m / (1 − β1^t)) / (√(v / (1 − β2^t)) + ε);
 * AdamW first applies w ← w − learningRate·λ·w.
 */
export class AdamOptimizer implements Optimizer {
  step = 0;
  readonly slots: Record<string, Float32Array[]>;

  constructor(
    readonly name: 'adam' | 'adamw',
    parameterLengths: readonly number[],
    private readonly beta1: number,
    private readonly beta2: number,
    private readonly epsilon: number,
    private readonly weightDecays: readonly number[],
  ) {
    this.slots = {
      firstMoment: zeroSlots(parameterLengths),
      secondMoment: zeroSlots(parameterLengths),
    };
  }

  update(
    parameters: readonly Float32Array[],
    gradients: readonly Float32Array[],
    learningRate: number,
  ): void {
    const { beta1, beta2, epsilon } = this;
    const t = this.step + 1;
    const firstCorrection = 1 - beta1 ** t;
    const secondCorrection = 1 - beta2 ** t;
    const decoupled = this.name === 'adamw';
    for (let tensor = 0; tensor < parameters.length; tensor++) {
      const w = parameters[tensor];
      const g = gradients[tensor];
      const m = this.slots.firstMoment[tensor];
      const v = this.slots.secondMoment[tensor];
      const decay = this.weightDecays[tensor];
      const shrink = decoupled ? 1 - learningRate * decay : 1;
      const coupledDecay = decoupled ? 0 : decay;
      for (let i = 0; i < w.length; i++) {
        const gradient = g[i] + coupledDecay * w[i];
        m[i] = beta1 * m[i] + (1 - beta1) * gradient;
        v[i] = beta2 * v[i] + (1 - beta2) * gradient * gradient;
        const mHat = m[i] / firstCorrection;
        const vHat = v[i] / secondCorrection;
        w[i] = w[i] * shrink - (learningRate * mHat) / (Math.sqrt(vHat) + epsilon);
      }
    }
    this.step++;
  }
}
