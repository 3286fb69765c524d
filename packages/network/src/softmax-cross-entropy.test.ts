import { Matrix } from '@scratchnet/matrix';
import { describe, expect, it } from 'vitest';

import {
  softmaxCrossEntropyBackward,
  softmaxCrossEntropyForward,
} from './softmax-cross-entropy.js';
import { numericalGradient, randomFloat64, relativeError } from './testing/finite-differences.js';

const batchSize = 4;
const classCount = 5;
const labels = Uint8Array.of(0, 3, 4, 3);

function meanLoss(logits: Float64Array): number {
  const probabilities = new Matrix(batchSize, classCount, new Float64Array(logits.length));
  return (
    softmaxCrossEntropyForward(probabilities, new Matrix(batchSize, classCount, logits), labels) /
    batchSize
  );
}

describe('softmaxCrossEntropyForward', () => {
  it('returns the summed −log p of the labels and writes the probabilities', () => {
    const logits = randomFloat64(batchSize * classCount, 21, -3, 3);
    const probabilities = new Matrix(batchSize, classCount, new Float64Array(logits.length));
    const lossSum = softmaxCrossEntropyForward(
      probabilities,
      new Matrix(batchSize, classCount, logits),
      labels,
    );
    let expected = 0;
    for (let row = 0; row < batchSize; row++) {
      const exps = Array.from(logits.subarray(row * classCount, (row + 1) * classCount), Math.exp);
      const total = exps.reduce((sum, value) => sum + value, 0);
      exps.forEach((value, k) =>
        expect(probabilities.data[row * classCount + k]).toBeCloseTo(value / total, 12),
      );
      expected -= Math.log(exps[labels[row]] / total);
    }
    expect(lossSum).toBeCloseTo(expected, 10);
  });

  it('stays finite for logits of ±1000', () => {
    // Row-major, even positions +1000 and odd ones −1000: rows 0 and 2 have three +1000 logits,
    // rows 1 and 3 have two. Rows 0 and 3 put −1000 on their label.
    const logits = new Float32Array(batchSize * classCount).map((_, index) =>
      index % 2 === 0 ? 1000 : -1000,
    );
    const extremeLabels = Uint8Array.of(1, 3, 4, 0);
    const probabilities = new Matrix(batchSize, classCount, new Float32Array(logits.length));
    const lossSum = softmaxCrossEntropyForward(
      probabilities,
      new Matrix(batchSize, classCount, logits),
      extremeLabels,
    );
    expect(Number.isFinite(lossSum)).toBe(true);
    expect(lossSum).toBeCloseTo(
      2000 + Math.log(3) + Math.log(2) + Math.log(3) + 2000 + Math.log(2),
      3,
    );

    const dLogits = new Matrix(batchSize, classCount, new Float32Array(logits.length));
    softmaxCrossEntropyBackward(dLogits, probabilities, extremeLabels, 1 / batchSize);
    expect(dLogits.data.every(Number.isFinite)).toBe(true);
    expect(dLogits.data[1]).toBeCloseTo(-0.25, 6);
  });
});

describe('softmaxCrossEntropyBackward', () => {
  it('matches finite differences of the mean loss', () => {
    const logits = randomFloat64(batchSize * classCount, 22, -3, 3);
    const probabilities = new Matrix(batchSize, classCount, new Float64Array(logits.length));
    softmaxCrossEntropyForward(probabilities, new Matrix(batchSize, classCount, logits), labels);
    const dLogits = new Matrix(batchSize, classCount, new Float64Array(logits.length));
    softmaxCrossEntropyBackward(dLogits, probabilities, labels, 1 / batchSize);
    expect(
      relativeError(
        dLogits.data,
        numericalGradient(logits, () => meanLoss(logits)),
      ),
    ).toBeLessThan(1e-6);
  });

  it('equals probabilities minus one-hot, also in place', () => {
    const logits = randomFloat64(batchSize * classCount, 23);
    const probabilities = new Matrix(batchSize, classCount, new Float64Array(logits.length));
    softmaxCrossEntropyForward(probabilities, new Matrix(batchSize, classCount, logits), labels);
    const expected = probabilities.data.map(
      (p, index) => p - (index % classCount === labels[Math.floor(index / classCount)] ? 1 : 0),
    );
    softmaxCrossEntropyBackward(probabilities, probabilities, labels, 1);
    expect(Array.from(probabilities.data)).toEqual(Array.from(expected));
  });
});
