import { Matrix } from '@scratchnet/matrix';
import { describe, expect, it } from 'vitest';

import { meanSquaredErrorBackward, meanSquaredErrorForward } from './mean-squared-error.js';
import { numericalGradient, randomFloat64, relativeError } from './testing/finite-differences.js';

const batchSize = 3;
const classCount = 4;
const labels = Uint8Array.of(2, 0, 3);

function meanLoss(logits: Float64Array): number {
  const probabilities = new Matrix(batchSize, classCount, new Float64Array(logits.length));
  return (
    meanSquaredErrorForward(probabilities, new Matrix(batchSize, classCount, logits), labels) /
    batchSize
  );
}

describe('meanSquaredErrorForward', () => {
  it('returns the summed per-row mean of squared differences to one-hot', () => {
    const logits = randomFloat64(batchSize * classCount, 31, -2, 2);
    const probabilities = new Matrix(batchSize, classCount, new Float64Array(logits.length));
    const lossSum = meanSquaredErrorForward(
      probabilities,
      new Matrix(batchSize, classCount, logits),
      labels,
    );
    let expected = 0;
    probabilities.data.forEach((p, index) => {
      const target = index % classCount === labels[Math.floor(index / classCount)] ? 1 : 0;
      expected += (p - target) ** 2 / classCount;
    });
    expect(lossSum).toBeCloseTo(expected, 12);
  });
});

describe('meanSquaredErrorBackward', () => {
  it('matches finite differences through the softmax', () => {
    const logits = randomFloat64(batchSize * classCount, 32, -2, 2);
    const probabilities = new Matrix(batchSize, classCount, new Float64Array(logits.length));
    meanSquaredErrorForward(probabilities, new Matrix(batchSize, classCount, logits), labels);
    const dLogits = meanSquaredErrorBackward(
      new Matrix(batchSize, classCount, new Float64Array(logits.length)),
      probabilities,
      labels,
      1 / batchSize,
    );
    expect(
      relativeError(
        dLogits.data,
        numericalGradient(logits, () => meanLoss(logits)),
      ),
    ).toBeLessThan(1e-6);
  });

  it('gives the same result in place', () => {
    const logits = randomFloat64(batchSize * classCount, 33);
    const probabilities = new Matrix(batchSize, classCount, new Float64Array(logits.length));
    meanSquaredErrorForward(probabilities, new Matrix(batchSize, classCount, logits), labels);
    const separate = meanSquaredErrorBackward(
      new Matrix(batchSize, classCount, new Float64Array(logits.length)),
      probabilities,
      labels,
      0.5,
    );
    meanSquaredErrorBackward(probabilities, probabilities, labels, 0.5);
    expect(Array.from(probabilities.data)).toEqual(Array.from(separate.data));
  });
});
