// Ready-made architectures and training options. Accuracy figures are measured by
// scripts/accuracy.ts on the MNIST test set and recorded in the package README.

import type { Initializer } from './initializers.js';
import type { NetworkSpec } from './network.js';
import type { TrainOptions } from './train-options.js';

/** An architecture, its initialiser and its training options; the caller supplies the seed. */
export interface Preset {
  description: string;
  spec: NetworkSpec;
  initializer: Initializer;
  options: Omit<TrainOptions, 'seed'>;
}

/** Names of the built-in presets. */
export type PresetName = 'reference' | 'strong';

/** The built-in presets. */
export const presets: Record<PresetName, Preset> & Record<string, Preset | undefined> = {
  reference: {
    description:
      'The textbook 784-10-10 network: ReLU hidden layer, softmax output, weights and biases uniform in ' +
      '[-0.5, 0.5], full-batch gradient descent on all training images, learning rate 0.1, 500 iterations.',
    spec: { sizes: [784, 10, 10], activation: 'relu' },
    initializer: 'uniform-0.5',
    options: {
      batchSize: 'full',
      iterations: 500,
      optimizer: 'sgd',
      learningRate: 0.1,
      loss: 'cross-entropy',
    },
  },
  strong: {
    description:
      'A 784-512-256-10 ReLU network with He uniform initialisation, trained by Adam (learning rate ' +
      '0.001 with cosine decay) on shuffled mini-batches of 128 for 15 epochs, with dropout 0.2 on ' +
      'the hidden layers.',
    spec: { sizes: [784, 512, 256, 10], activation: 'relu' },
    initializer: 'he-uniform',
    options: {
      batchSize: 128,
      epochs: 15,
      optimizer: 'adam',
      learningRate: 0.001,
      schedule: { type: 'cosine' },
      dropout: 0.2,
      loss: 'cross-entropy',
    },
  },
};
