// Softmax cross-entropy computed from the logits, as a forward/backward pair.
//
// Letters: B = batch rows, K = classes. labels[i] is the class index of row i.

import type { Matrix } from '@scratchnet/matrix';

/**
 * Writes probabilities = softmax(logits) row by row and returns the loss summed over the rows,
 * Σ_i −log p[i, labels[i]].
 * Each row's loss is log-sum-exp(z) − z[label] with the row maximum subtracted before exp,
 * so logits of any magnitude (±1000) give a finite loss where log(softmax) would give −log 0.
 * Shapes: probabilities [B, K], logits [B, K], labels [B] (at least B entries).
 * `probabilities` may alias `logits`.
 */
export function softmaxCrossEntropyForward(
  probabilities: Matrix,
  logits: Matrix,
  labels: ArrayLike<number>,
): number {
  const batchSize = logits.rows;
  const classCount = logits.cols;
  const z = logits.data;
  const p = probabilities.data;
  let lossSum = 0;
  for (let row = 0; row < batchSize; row++) {
    const start = row * classCount;

    let max = -Infinity;
    for (let k = 0; k < classCount; k++) if (z[start + k] > max) max = z[start + k];

    const labelLogit = z[start + labels[row]];
    let sum = 0;
    for (let k = 0; k < classCount; k++) {
      const e = Math.exp(z[start + k] - max);
      p[start + k] = e;
      sum += e;
    }
    for (let k = 0; k < classCount; k++) p[start + k] /= sum;

    lossSum += max + Math.log(sum) - labelLogit;
  }
  return lossSum;
}

/**
 * Backward of the loss above: overwrites dLogits = (probabilities − onehot(labels)) · scale
 * and returns it. With scale = 1 / N this is the gradient of the mean loss over N rows.
 * Shapes: dLogits [B, K], probabilities [B, K], labels [B]. `dLogits` may alias `probabilities`.
 */
export function softmaxCrossEntropyBackward(
  dLogits: Matrix,
  probabilities: Matrix,
  labels: ArrayLike<number>,
  scale: number,
): Matrix {
  const batchSize = probabilities.rows;
  const classCount = probabilities.cols;
  const p = probabilities.data;
  const d = dLogits.data;
  for (let row = 0; row < batchSize; row++) {
    const start = row * classCount;
    const label = labels[row];
    for (let k = 0; k < classCount; k++) {
      const target = k === label ? 1 : 0;
      d[start + k] = (p[start + k] - target) * scale;
    }
  }
  return dLogits;
}
