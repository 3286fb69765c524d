import { Random } from '@scratchnet/matrix';
import { describe, expect, it } from 'vitest';

import { jsBackend } from './js-backend.js';
import { Network } from './network.js';
import { startCountingTypedArrays } from './testing/allocation-counter.js';
import { syntheticImages } from './testing/finite-differences.js';
import type { TrainOptions } from './train-options.js';
import { Trainer, train } from './trainer.js';
import { TrainingDivergedError } from './training-records.js';

const data = syntheticImages(300, 40, 4, 1);
const validation = syntheticImages(100, 40, 4, 2);
const spec = { sizes: [40, 16, 8, 4], activation: 'relu' as const };

function createNetwork(seed = 1): Network {
  return Network.create(spec, { random: new Random(seed) });
}

// Mini-batches with a remainder (300 = 6 × 48 + 12), dropout, decay, clipping and a schedule,
// so every random and stateful part of a step takes part.
const options: TrainOptions = {
  batchSize: 48,
  epochs: 3,
  optimizer: 'adam',
  learningRate: 0.01,
  weightDecay: 1e-4,
  schedule: { type: 'cosine', minLearningRate: 0.001 },
  clipNorm: 1,
  dropout: 0.2,
  validationSplit: 0.2,
  seed: 5,
  // The allocation and bit-exactness checks are claims about the trainer with the js backend.
  backend: 'js',
};

function expectSameParameters(actual: Network, expected: Network): void {
  expected.parameters().forEach((tensor, tensorIndex) => {
    const other = actual.parameters()[tensorIndex];
    for (let i = 0; i < tensor.length; i++) {
      if (!Object.is(other[i], tensor[i])) {
        throw new Error(
          `tensor ${tensorIndex} element ${i}: ${other[i]} differs from ${tensor[i]}`,
        );
      }
    }
  });
}

describe('Trainer', () => {
  it('learns the synthetic task', async () => {
    const network = createNetwork();
    const history = await train(
      network,
      data,
      { ...options, epochs: 8, validationSplit: undefined },
      { validation },
    );
    const last = history.epochs[history.epochs.length - 1];
    expect(history.epochs).toHaveLength(8);
    expect(history.steps).toHaveLength(8 * 7);
    expect(last.validationAccuracy).toBeGreaterThan(0.9);
    expect(last.trainLoss).toBeLessThan(history.epochs[0].trainLoss);
  });

  it('gives bit-identical weights for the same seed', async () => {
    const first = createNetwork();
    const second = createNetwork();
    await train(first, data, options);
    await train(second, data, options);
    expectSameParameters(second, first);

    const otherSeed = createNetwork();
    await train(otherSeed, data, { ...options, seed: 6 });
    expect(Array.from(otherSeed.layers[0].weights)).not.toEqual(
      Array.from(first.layers[0].weights),
    );
  });

  it('allocates no typed arrays after the first step', async () => {
    let stop: (() => number) | null = null;
    let count = -1;
    await train(createNetwork(), data, options, {
      onStepEnd(record) {
        if (record.step === 1) stop = startCountingTypedArrays();
      },
      onTrainEnd() {
        count = stop!();
      },
    });
    expect(count).toBe(0);
  });

  it('resumes from state() bit-exactly at an epoch boundary', async () => {
    // A step schedule depends on the epoch alone, so a 1-epoch run and a 2-epoch run share
    // their first epoch (a cosine schedule would not: it spans the whole run).
    const stepped: TrainOptions = {
      ...options,
      schedule: { type: 'step', stepSize: 1, gamma: 0.5 },
    };
    const straight = createNetwork();
    await train(straight, data, { ...stepped, epochs: 2 });

    const firstHalf = createNetwork();
    const trainer = new Trainer(firstHalf, { ...stepped, epochs: 1 });
    await trainer.train(data);
    const state = trainer.state();
    expect(state.step).toBe(5); // 240 training rows after the split, in batches of 48
    expect(state.epoch).toBe(1);

    const resumed = firstHalf.clone();
    const resumedTrainer = new Trainer(resumed, { ...stepped, epochs: 2 });
    resumedTrainer.restore(state);
    const history = await resumedTrainer.train(data);
    expect(history.steps[0].step).toBe(6);
    expectSameParameters(resumed, straight);
  });

  it('resumes bit-exactly in the middle of an epoch with a schedule', async () => {
    const straight = createNetwork();
    await train(straight, data, options);

    const interrupted = createNetwork();
    const controller = new AbortController();
    const trainer = new Trainer(interrupted, options);
    const history = await trainer.train(data, {
      signal: controller.signal,
      onStepEnd: (record) => {
        if (record.step === 9) controller.abort();
      },
    });
    expect(history.aborted).toBe(true);
    expect(history.steps).toHaveLength(9);

    const resumed = interrupted.clone();
    const resumedTrainer = new Trainer(resumed, options);
    resumedTrainer.restore(trainer.state());
    await resumedTrainer.train(data);
    expectSameParameters(resumed, straight);
  });

  it('stops early and restores the best weights', async () => {
    const network = createNetwork();
    const snapshots: Network[] = [];
    // With minDelta 10 no epoch after the first counts as an improvement.
    const history = await train(
      network,
      data,
      { ...options, epochs: 10, earlyStopping: { patience: 2, minDelta: 10 } },
      { onEpochEnd: () => snapshots.push(network.clone()) },
    );
    expect(history.stoppedEarly).toBe(true);
    expect(history.bestEpoch).toBe(1);
    expect(history.epochs).toHaveLength(3);
    expectSameParameters(network, snapshots[0]);
    expect(Array.from(network.layers[0].weights)).not.toEqual(
      Array.from(snapshots[2].layers[0].weights),
    );
  });

  it('reports validation, learning rates and the backend', async () => {
    let backend = '';
    let totalSteps = 0;
    const history = await train(createNetwork(), data, options, {
      onTrainBegin: (info) => {
        backend = info.backend;
        totalSteps = info.totalSteps;
      },
    });
    expect(backend).not.toBe('');
    expect(totalSteps).toBe(3 * 5); // 240 training rows in batches of 48
    expect(history.steps[0].learningRate).toBeCloseTo(0.01, 15);
    expect(history.steps[14].learningRate).toBeLessThan(0.002);
    for (const epoch of history.epochs) {
      expect(epoch.validationLoss).toBeGreaterThan(0);
      expect(epoch.validationAccuracy).toBeGreaterThanOrEqual(0);
    }
  });

  it('trains full batch for a number of iterations', async () => {
    const history = await train(createNetwork(), data, {
      batchSize: 'full',
      iterations: 4,
      optimizer: 'sgd',
      learningRate: 0.1,
      seed: 1,
    });
    expect(history.steps.map((step) => step.step)).toEqual([1, 2, 3, 4]);
    expect(history.epochs).toHaveLength(4);
  });

  it('stops between steps when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const history = await train(createNetwork(), data, options, { signal: controller.signal });
    expect(history.aborted).toBe(true);
    expect(history.steps).toHaveLength(0);
  });

  it('lets a timer abort a running training', async () => {
    // The js backend computes synchronously, so the timer fires only if the trainer yields.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 0);
    const history = await train(
      createNetwork(),
      data,
      { ...options, epochs: 1000 },
      { signal: controller.signal, yieldIntervalMilliseconds: 0 },
    );
    clearTimeout(timer);
    // The timer may fire at the yield before the first step, so zero steps is a valid outcome.
    expect(history.aborted).toBe(true);
    expect(history.steps.length).toBeLessThan(1000 * 6);
  });

  it('raises a diverged error naming the step and the learning rate', async () => {
    const network = createNetwork();
    const run = train(network, data, {
      batchSize: 'full',
      iterations: 50,
      optimizer: 'sgd',
      learningRate: 1e30,
      seed: 1,
    });
    await expect(run).rejects.toThrow(TrainingDivergedError);
    await expect(
      train(createNetwork(), data, {
        batchSize: 'full',
        iterations: 50,
        optimizer: 'sgd',
        learningRate: 1e30,
        seed: 1,
      }),
    ).rejects.toThrow(
      /Training diverged at step \d+ \(epoch \d+\).*Lower the learning rate \(this step used 1e\+30\)/,
    );
  });

  it('uses the js backend by name and rejects unknown ones', async () => {
    let backend = '';
    await train(
      createNetwork(),
      data,
      { ...options, epochs: 1, backend: 'js' },
      { onTrainBegin: (info) => (backend = info.backend) },
    );
    expect(backend).toBe(jsBackend.name);
    await expect(train(createNetwork(), data, { ...options, backend: 'gpu' })).rejects.toThrow(
      /Unknown training backend 'gpu'/,
    );
  });

  it('rejects invalid options and data', async () => {
    expect(() => new Trainer(createNetwork(), { ...options, learningRate: -1 })).toThrow(
      /learningRate: expected a finite number > 0, got -1/,
    );
    expect(() => new Trainer(createNetwork(), { ...options, learningRate: Number.NaN })).toThrow(
      /learningRate: expected a finite number > 0, got NaN/,
    );
    expect(() => new Trainer(createNetwork(), { ...options, iterations: 5 })).toThrow(
      /exactly one of epochs and iterations/,
    );
    expect(() => new Trainer(createNetwork(), { ...options, dropout: 1 })).toThrow(/dropout/);
    await expect(train(createNetwork(), { ...data, pixelCount: 41 }, options)).rejects.toThrow(
      /41 pixels but the network expects 40 inputs/,
    );
    await expect(
      train(createNetwork(), data, {
        ...options,
        validationSplit: undefined,
        earlyStopping: { patience: 1 },
      }),
    ).rejects.toThrow(/earlyStopping needs validation data/);
  });

  it('rejects a state from another optimizer', () => {
    const state = new Trainer(createNetwork(), { ...options, optimizer: 'momentum' }).state();
    expect(() => new Trainer(createNetwork(), options).restore(state)).toThrow(
      /optimizer 'momentum' but this trainer uses 'adam'/,
    );
  });
});
