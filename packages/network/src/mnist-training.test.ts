import { Random } from '@scratchnet/matrix';
import { loadEmbeddedMnist } from '@scratchnet/mnist/node';
import { describe, expect, it } from 'vitest';

import { evaluate } from './metrics.js';
import { Network } from './network.js';
import { train } from './trainer.js';

describe('training on real MNIST', () => {
  it('reaches a sane accuracy on a 5000-image slice', async () => {
    const mnist = await loadEmbeddedMnist();
    const trainSlice = mnist.train.slice(0, 5000);
    const testSlice = mnist.test.slice(0, 2000);
    const network = Network.create(
      { sizes: [784, 64, 10], activation: 'relu' },
      { initializer: 'he-uniform', random: new Random(1) },
    );

    const history = await train(
      network,
      trainSlice,
      {
        batchSize: 64,
        epochs: 5,
        optimizer: 'adam',
        learningRate: 0.002,
        seed: 1,
        backend: 'js',
      },
      { validation: testSlice },
    );
    const evaluation = evaluate(network, testSlice);

    expect(history.epochs[4].trainLoss).toBeLessThan(history.epochs[0].trainLoss);
    expect(evaluation.accuracy).toBeGreaterThan(0.87);
    expect(evaluation.accuracy).toBe(history.epochs[4].validationAccuracy);
    const diagonal = evaluation.confusion.reduce((sum, row, label) => sum + row[label], 0);
    expect(diagonal).toBe(Math.round(evaluation.accuracy * testSlice.count));
  }, 60_000);
});
