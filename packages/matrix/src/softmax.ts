// Row-wise softmax and log-softmax over logits [B, K] (B rows, K classes).
// Both subtract each row's maximum before exponentiating. Every argument of exp
// is then at most 0, so logits of any size give finite results.

import { checkSameShape } from './checks.js';
import type { Matrix } from './matrix.js';

/** probabilities [B, K] = softmax of each row of logits [B, K]. out may alias logits. */
export function softmaxRows(out: Matrix, logits: Matrix): Matrix {
  checkSameShape('softmaxRows', out, logits);
  const classCount = logits.cols;
  const input = logits.data;
  const output = out.data;
  for (let row = 0; row < logits.rows; row++) {
    const start = row * classCount;
    const end = start + classCount;
    const max = rowMax(input, start, end);

    // exp(z - max) into out, then normalize by the sum.
    let sum = 0;
    for (let index = start; index < end; index++) {
      const e = Math.exp(input[index] - max);
      output[index] = e;
      sum += e;
    }
    const inverse = 1 / sum;
    for (let index = start; index < end; index++) output[index] *= inverse;
  }
  return out;
}

/** out [B, K] = z - max - log(sum(exp(z - max))) for each row z of logits [B, K]. out may alias logits. */
export function logSoftmaxRows(out: Matrix, logits: Matrix): Matrix {
  checkSameShape('logSoftmaxRows', out, logits);
  const classCount = logits.cols;
  const input = logits.data;
  const output = out.data;
  for (let row = 0; row < logits.rows; row++) {
    const start = row * classCount;
    const end = start + classCount;
    const max = rowMax(input, start, end);
    let sum = 0;
    for (let index = start; index < end; index++) sum += Math.exp(input[index] - max);
    const logNormalizer = max + Math.log(sum);
    for (let index = start; index < end; index++) output[index] = input[index] - logNormalizer;
  }
  return out;
}

function rowMax(values: ArrayLike<number>, start: number, end: number): number {
  let max = -Infinity;
  for (let index = start; index < end; index++) {
    if (values[index] > max) max = values[index];
  }
  return max;
}
