import { Random } from '@scratchnet/matrix';
import { afterEach, describe, expect, it } from 'vitest';

import { listBackends, registerBackend, selectBackend, unregisterBackend } from './backend.js';
import type { TrainingBackend } from './backend.js';
import { jsBackend } from './js-backend.js';
import { Network } from './network.js';
import { syntheticImages } from './testing/finite-differences.js';
import { train } from './trainer.js';
import type { TrainOptions } from './train-options.js';

// A second backend that delegates to the js kernels but only supports cross-entropy, so the
// registry's choice is observable.
function delegatingBackend(name: string, calls: { count: number }): TrainingBackend {
  return {
    name,
    supports: (_network, options) => (options.loss ?? 'cross-entropy') === 'cross-entropy',
    computeGradients(...args) {
      calls.count++;
      return jsBackend.computeGradients(...args);
    },
  };
}

const network = Network.create(
  { sizes: [20, 5, 3], activation: 'relu' },
  { random: new Random(1) },
);
const options: TrainOptions = {
  batchSize: 32,
  epochs: 1,
  optimizer: 'sgd',
  learningRate: 0.1,
  seed: 1,
};

afterEach(() => {
  unregisterBackend('delegating');
});

describe('backend registry', () => {
  it('starts with the js backend', () => {
    expect(listBackends()).toContain('js');
    expect(selectBackend('auto', network, options)).toBeDefined();
  });

  it('lets auto pick the highest priority backend that supports the run', async () => {
    const calls = { count: 0 };
    registerBackend(delegatingBackend('delegating', calls), 1000);
    expect(selectBackend('auto', network, options).name).toBe('delegating');
    expect(selectBackend('auto', network, { ...options, loss: 'mse' }).name).not.toBe('delegating');
    expect(() => selectBackend('delegating', network, { ...options, loss: 'mse' })).toThrow(
      /does not support/,
    );

    const data = syntheticImages(64, 20, 3, 3);
    let reported = '';
    await train(network.clone(), data, options, {
      onTrainBegin: (info) => (reported = info.backend),
    });
    expect(reported).toBe('delegating');
    expect(calls.count).toBe(2);
  });

  it('gives the same weights through any backend computing the same gradients', async () => {
    registerBackend(delegatingBackend('delegating', { count: 0 }), 1);
    const data = syntheticImages(64, 20, 3, 3);
    const viaJs = network.clone();
    const viaOther = network.clone();
    await train(viaJs, data, { ...options, backend: 'js' });
    await train(viaOther, data, { ...options, backend: 'delegating' });
    expect(Array.from(viaOther.layers[0].weights)).toEqual(Array.from(viaJs.layers[0].weights));
  });

  it('rejects invalid registrations', () => {
    expect(() => registerBackend({ ...jsBackend, name: 'auto' }, 1)).toThrow(/other than 'auto'/);
    expect(() =>
      registerBackend(delegatingBackend('delegating', { count: 0 }), Number.NaN),
    ).toThrow(/priority/);
    expect(unregisterBackend('js')).toBe(false);
  });
});
