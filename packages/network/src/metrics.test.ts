import { Random } from '@scratchnet/matrix';
import { describe, expect, it } from 'vitest';

import { evaluate, precisionRecallF1 } from './metrics.js';
import { Network } from './network.js';
import { syntheticImages } from './testing/finite-differences.js';

describe('precisionRecallF1', () => {
  it('computes each class from the confusion matrix', () => {
    // [label][predicted]
    const confusion = [
      [5, 1, 0],
      [2, 3, 1],
      [0, 0, 0],
    ];
    const { precision, recall, f1 } = precisionRecallF1(confusion);
    expect(precision).toEqual([5 / 7, 3 / 4, 0]);
    expect(recall).toEqual([5 / 6, 3 / 6, 0]);
    expect(f1[0]).toBeCloseTo((2 * (5 / 7) * (5 / 6)) / (5 / 7 + 5 / 6), 15);
    expect(f1[2]).toBe(0);
  });
});

describe('evaluate', () => {
  const data = syntheticImages(250, 20, 3, 4);
  const network = Network.create(
    { sizes: [20, 6, 3], activation: 'tanh' },
    { random: new Random(8) },
  );

  it('agrees with per-image predictions', () => {
    const evaluation = evaluate(network, data, { batchSize: 64, mistakes: 5 });

    let correct = 0;
    let lossSum = 0;
    const confusion = [0, 1, 2].map(() => [0, 0, 0]);
    const wrong: { index: number; probability: number }[] = [];
    for (let index = 0; index < data.count; index++) {
      const image = Float32Array.from(
        data.images.subarray(index * 20, (index + 1) * 20),
        (value) => value / 255,
      );
      const probabilities = network.predictProbabilities(image);
      const predicted = network.predict(image)[0];
      const label = data.labels[index];
      confusion[label][predicted]++;
      lossSum -= Math.log(probabilities[label]);
      if (predicted === label) correct++;
      else wrong.push({ index, probability: probabilities[predicted] });
    }
    wrong.sort((left, right) => right.probability - left.probability);

    expect(evaluation.accuracy).toBe(correct / data.count);
    expect(evaluation.loss).toBeCloseTo(lossSum / data.count, 5);
    expect(evaluation.confusion).toEqual(confusion);
    expect(evaluation.mistakes.map((mistake) => mistake.index)).toEqual(
      wrong.slice(0, 5).map((mistake) => mistake.index),
    );
    for (const mistake of evaluation.mistakes) {
      expect(mistake.label).toBe(data.labels[mistake.index]);
      expect(mistake.predicted).not.toBe(mistake.label);
    }
  });

  it('rejects data that does not fit the network', () => {
    expect(() => evaluate(network, { ...data, labels: data.labels.map(() => 3) })).toThrow(
      /label 3 at index 0/,
    );
  });
});
