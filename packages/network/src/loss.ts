// The training losses behind one name each, so the trainer and the backends can dispatch.

import type { Matrix } from '@scratchnet/matrix';

import { meanSquaredErrorBackward, meanSquaredErrorForward } from './mean-squared-error.js';
import {
  softmaxCrossEntropyBackward,
  softmaxCrossEntropyForward,
} from './softmax-cross-entropy.js';

/** Loss of the softmax output: cross-entropy (the default) or mean squared error. */
export type LossName = 'cross-entropy' | 'mse';

/** Every supported loss. */
export const LOSSES: readonly LossName[] = ['cross-entropy', 'mse'];

/**
 * Writes probabilities = softmax(logits) and returns the loss summed over the rows.
 * Shapes: probabilities [B, K], logits [B, K], labels [B]. `probabilities` may alias `logits`.
 */
export function lossForward(
  probabilities: Matrix,
  logits: Matrix,
  labels: ArrayLike<number>,
  loss: LossName,
): number {
  return loss === 'mse'
    ? meanSquaredErrorForward(probabilities, logits, labels)
    : softmaxCrossEntropyForward(probabilities, logits, labels);
}

/**
 * Overwrites dLogits with the gradient of the summed loss times `scale` (1 / N for a mean over
 * N rows) and returns it. `dLogits` may alias `probabilities`.
 */
export function lossBackward(
  dLogits: Matrix,
  probabilities: Matrix,
  labels: ArrayLike<number>,
  scale: number,
  loss: LossName,
): Matrix {
  return loss === 'mse'
    ? meanSquaredErrorBackward(dLogits, probabilities, labels, scale)
    : softmaxCrossEntropyBackward(dLogits, probabilities, labels, scale);
}
