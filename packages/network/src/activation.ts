// Hidden-layer activations as forward/backward pairs over flat arrays, dispatching to the
// element-wise kernels of @scratchnet/matrix. The output layer is always softmax (see the losses).

import {
  copy,
  leakyReluBackward,
  leakyReluForward,
  reluBackward,
  reluForward,
  sigmoidBackward,
  sigmoidForward,
  tanhBackward,
  tanhForward,
} from '@scratchnet/matrix';
import type { FloatArray } from '@scratchnet/matrix';

/** Activation of the hidden layers. */
export type Activation = 'relu' | 'leaky-relu' | 'sigmoid' | 'tanh' | 'identity';

/** Every supported hidden activation, in documentation order. */
export const ACTIVATIONS: readonly Activation[] = [
  'relu',
  'leaky-relu',
  'sigmoid',
  'tanh',
  'identity',
];

/** Slope of leaky ReLU for negative inputs (the PyTorch default). */
export const LEAKY_RELU_SLOPE = 0.01;

/** Returns true when `value` names a supported hidden activation. */
export function isActivation(value: unknown): value is Activation {
  return typeof value === 'string' && (ACTIVATIONS as readonly string[]).includes(value);
}

/**
 * Computes activations = f(preActivations) element-wise and returns `out`.
 * `out` may alias `preActivations` when the backward pass is not needed (inference).
 */
export function activationForward(
  out: FloatArray,
  preActivations: FloatArray,
  activation: Activation,
): FloatArray {
  switch (activation) {
    case 'relu':
      return reluForward(out, preActivations);
    case 'leaky-relu':
      return leakyReluForward(out, preActivations, LEAKY_RELU_SLOPE);
    case 'sigmoid':
      return sigmoidForward(out, preActivations);
    case 'tanh':
      return tanhForward(out, preActivations);
    case 'identity':
      return out === preActivations ? out : copy(out, preActivations);
  }
}

/**
 * Backward of a = f(z): overwrites dPreActivations = dActivations ⊙ f'(z) and returns it.
 * ReLU and leaky ReLU read z (`preActivations`); sigmoid and tanh read their output a
 * (`activations`). `dPreActivations` may alias `dActivations`.
 */
export function activationBackward(
  dPreActivations: FloatArray,
  preActivations: FloatArray,
  activations: FloatArray,
  dActivations: FloatArray,
  activation: Activation,
): FloatArray {
  switch (activation) {
    case 'relu':
      return reluBackward(dPreActivations, preActivations, dActivations);
    case 'leaky-relu':
      return leakyReluBackward(dPreActivations, preActivations, dActivations, LEAKY_RELU_SLOPE);
    case 'sigmoid':
      return sigmoidBackward(dPreActivations, activations, dActivations);
    case 'tanh':
      return tanhBackward(dPreActivations, activations, dActivations);
    case 'identity':
      return dPreActivations === dActivations
        ? dPreActivations
        : copy(dPreActivations, dActivations);
  }
}
