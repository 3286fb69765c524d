// Mean squared error between the softmax probabilities and the one-hot labels, as a
// forward/backward pair that takes and returns gradients with respect to the logits.
//
// Letters: B = batch rows, K = classes. Per row, loss = (1/K) Σ_k (p_k − y_k)², the Keras
// `mean_squared_error` of a softmax output against one-hot targets.

import { softmaxRows } from '@scratchnet/matrix';
import type { Matrix } from '@scratchnet/matrix';

/**
 * Writes probabilities = softmax(logits) and returns the loss summed over the rows,
 * Σ_i (1/K) Σ_k (p[i, k] − onehot(labels[i])_k)².
 * Shapes: probabilities [B, K], logits [B, K], labels [B]. `probabilities` may alias `logits`.
 */
export function meanSquaredErrorForward(
  probabilities: Matrix,
  logits: Matrix,
  labels: ArrayLike<number>,
): number {
  softmaxRows(probabilities, logits);
  const batchSize = probabilities.rows;
  const classCount = probabilities.cols;
  const p = probabilities.data;
  let lossSum = 0;
  for (let row = 0; row < batchSize; row++) {
    const start = row * classCount;
    const label = labels[row];
    let sum = 0;
    for (let k = 0; k < classCount; k++) {
      const difference = p[start + k] - (k === label ? 1 : 0);
      sum += difference * difference;
    }
    lossSum += sum / classCount;
  }
  return lossSum;
}

/**
 * Backward of the loss above through the softmax: with g_k = 2 (p_k − y_k) / K,
 * overwrites dLogits[j] = p_j (g_j − Σ_k g_k p_k) · scale (the softmax Jacobian applied to g)
 * and returns it. Shapes as in the forward. `dLogits` may alias `probabilities`, because each
 * row's dot product is computed before that row is written.
 */
export function meanSquaredErrorBackward(
  dLogits: Matrix,
  probabilities: Matrix,
  labels: ArrayLike<number>,
  scale: number,
): Matrix {
  const batchSize = probabilities.rows;
  const classCount = probabilities.cols;
  const p = probabilities.data;
  const d = dLogits.data;
  const factor = 2 / classCount;
  for (let row = 0; row < batchSize; row++) {
    const start = row * classCount;
    const label = labels[row];

    let dot = 0;
    for (let k = 0; k < classCount; k++) {
      const g = factor * (p[start + k] - (k === label ? 1 : 0));
      dot += g * p[start + k];
    }
    for (let k = 0; k < classCount; k++) {
      const probability = p[start + k];
      const g = factor * (probability - (k === label ? 1 : 0));
      d[start + k] = probability * (g - dot) * scale;
    }
  }
  return dLogits;
}
