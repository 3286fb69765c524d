// The optimizer interface and the factory that builds one from training options. Optimizers
// update Float32 parameters in place; their state (slots) is plain Float32 data so that a
// checkpoint can store it and resume bit-exactly.

import { AdamOptimizer } from './adam.js';
import { MomentumOptimizer } from './momentum.js';
import { RmsPropOptimizer } from './rmsprop.js';
import { SgdOptimizer } from './sgd.js';

/** Name of an update rule. */
export type OptimizerName = 'sgd' | 'momentum' | 'nesterov' | 'adam' | 'adamw' | 'rmsprop';

/** Every supported optimizer. */
export const OPTIMIZERS: readonly OptimizerName[] = [
  'sgd',
  'momentum',
  'nesterov',
  'adam',
  'adamw',
  'rmsprop',
];

/** An update rule with its state. */
export interface Optimizer {
  readonly name: OptimizerName;
  /** Updates applied so far; Adam's bias correction uses step + 1 for the next update. */
  step: number;
  /**
   * Per-parameter state by slot name (for example 'velocity'), one Float32Array per parameter
   * tensor with that tensor's length. Empty for plain SGD.
   */
  readonly slots: Record<string, Float32Array[]>;
  /**
   * Applies one update to every parameter tensor in place from the gradients of the same
   * shapes, then increments step.
   */
  update(
    parameters: readonly Float32Array[],
    gradients: readonly Float32Array[],
    learningRate: number,
  ): void;
}

/** Hyperparameters of the update rules; each rule reads the ones it uses. */
export interface OptimizerSettings {
  /** Momentum factor μ of 'momentum' and 'nesterov'. Default 0.9. */
  momentum?: number;
  /** Decay of Adam's first moment. Default 0.9. */
  beta1?: number;
  /** Decay of Adam's second moment. Default 0.999. */
  beta2?: number;
  /** Added to the root of the second moment in Adam and RMSProp. Default 1e-8. */
  epsilon?: number;
  /** Decay of RMSProp's running mean square. Default 0.9. */
  rho?: number;
  /**
   * Weight decay λ per parameter tensor, in the order of `parameters` (0 for biases in the
   * trainer). L2 (λ·w added to the gradient) for every rule except AdamW, where the decay is
   * decoupled (w ← w − learningRate·λ·w).
   */
  weightDecays?: readonly number[];
}

/** Default hyperparameters, those of PyTorch except RMSProp's rho (Keras' 0.9). */
export const OPTIMIZER_DEFAULTS = {
  momentum: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  rho: 0.9,
} as const;

/** Creates an optimizer for parameter tensors of the given lengths, with zeroed slots. */
export function createOptimizer(
  name: OptimizerName,
  parameterLengths: readonly number[],
  settings: OptimizerSettings = {},
): Optimizer {
  const weightDecays = settings.weightDecays ?? parameterLengths.map(() => 0);
  switch (name) {
    case 'sgd':
      return new SgdOptimizer(weightDecays);
    case 'momentum':
    case 'nesterov':
      return new MomentumOptimizer(
        name,
        parameterLengths,
        settings.momentum ?? OPTIMIZER_DEFAULTS.momentum,
        weightDecays,
      );
    case 'adam':
    case 'adamw':
      return new AdamOptimizer(
        name,
        parameterLengths,
        settings.beta1 ?? OPTIMIZER_DEFAULTS.beta1,
        settings.beta2 ?? OPTIMIZER_DEFAULTS.beta2,
        settings.epsilon ?? OPTIMIZER_DEFAULTS.epsilon,
        weightDecays,
      );
    case 'rmsprop':
      return new RmsPropOptimizer(
        parameterLengths,
        settings.rho ?? OPTIMIZER_DEFAULTS.rho,
        settings.epsilon ?? OPTIMIZER_DEFAULTS.epsilon,
        weightDecays,
      );
    default:
      throw new RangeError(
        `Unknown optimizer '${String(name)}'. Use one of: ${OPTIMIZERS.join(', ')}.`,
      );
  }
}
