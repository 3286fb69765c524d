// Training resumed from a checkpoint file must match uninterrupted training bit for bit:
// 2 epochs straight equal 1 epoch, encode, decode, then 1 more epoch. The first run is
// interrupted with its abort signal, as a user would stop it, so the learning-rate
// schedule sees the same total length in both runs.
import { Random } from '@scratchnet/matrix';
import { loadEmbeddedMnist } from '@scratchnet/mnist/node';
import { Network, Trainer, type TrainOptions } from '@scratchnet/network';
import { beforeAll, describe, expect, test } from 'vitest';
import { decodeModel } from './model-decoder.js';
import { encodeModel } from './model-encoder.js';

const spec = { sizes: [784, 16, 10], activation: 'relu' as const };

function freshNetwork(): Network {
  return Network.create(spec, { random: new Random(11), initializer: 'he-uniform' });
}

/** Describes the first parameter that differs between two networks, or returns undefined. */
function firstDifference(actual: Network, expected: Network): string | undefined {
  for (const [index, layer] of expected.layers.entries()) {
    for (const field of ['weights', 'biases'] as const) {
      const i = layer[field].findIndex(
        (value, j) => !Object.is(value, actual.layers[index][field][j]),
      );
      if (i >= 0)
        return `layer ${index} ${field}[${i}]: ${actual.layers[index][field][i]} instead of ${layer[field][i]}`;
    }
  }
  return undefined;
}

/** Trains 2 epochs, stopping after the first; returns the checkpoint file. */
async function trainFirstEpoch(
  options: TrainOptions,
  data: Parameters<Trainer['train']>[0],
): Promise<Uint8Array> {
  const network = freshNetwork();
  const trainer = new Trainer(network, options);
  const controller = new AbortController();
  const history = await trainer.train(data, {
    signal: controller.signal,
    onEpochEnd: () => controller.abort(),
  });
  expect(history.aborted).toBe(true);
  return encodeModel(network, { checkpoint: trainer.state() });
}

describe('checkpoint resume', () => {
  let data: Parameters<Trainer['train']>[0];
  beforeAll(async () => {
    const { train: trainSet } = await loadEmbeddedMnist();
    data = trainSet.slice(0, 600);
  });

  for (const optimizer of ['adam', 'momentum', 'rmsprop'] as const) {
    test(`${optimizer} resumes bit for bit`, async () => {
      const options: TrainOptions = {
        batchSize: 50,
        epochs: 2,
        optimizer,
        learningRate: 0.01,
        seed: 5,
        dropout: 0.1,
        schedule: { type: 'cosine' },
      };

      const straight = freshNetwork();
      await new Trainer(straight, options).train(data);

      const { network: resumed, checkpoint } = decodeModel(await trainFirstEpoch(options, data));
      expect(checkpoint?.epoch).toBe(1);
      expect(firstDifference(resumed, straight)).toBeDefined();

      const trainer = new Trainer(resumed, options);
      trainer.restore(checkpoint!);
      await trainer.train(data);
      expect(firstDifference(resumed, straight)).toBeUndefined();
    }, 60_000);
  }

  test('resume without the trainer state differs', async () => {
    const options: TrainOptions = {
      batchSize: 50,
      epochs: 2,
      optimizer: 'adam',
      learningRate: 0.01,
      seed: 5,
      schedule: { type: 'constant' },
    };
    const straight = freshNetwork();
    await new Trainer(straight, options).train(data);

    const { network: resumed, checkpoint } = decodeModel(await trainFirstEpoch(options, data));
    // Same step and epoch counters, but fresh optimizer moments: the weights must diverge.
    const trainer = new Trainer(resumed, options);
    const counters = trainer.state();
    trainer.restore({
      ...counters,
      step: checkpoint!.step,
      epoch: checkpoint!.epoch,
      optimizer: { ...counters.optimizer, step: checkpoint!.optimizer.step },
    });
    await trainer.train(data);
    expect(firstDifference(resumed, straight)).toBeDefined();
  }, 60_000);
});
