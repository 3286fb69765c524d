// Weight initialisation schemes, all drawn from a caller's seeded generator.

import type { Random } from '@scratchnet/matrix';

import type { Activation } from './activation.js';

/**
 * Scheme that draws the weights (and, for the reference scheme, the biases):
 * - 'uniform-0.5': weights and biases uniform in [-0.5, 0.5), the textbook reference network.
 * - 'he-uniform' / 'he-normal': Kaiming, uniform in ±√(6 / fanIn) or normal with std √(2 / fanIn).
 * - 'glorot-uniform' / 'glorot-normal': Xavier, uniform in ±√(6 / (fanIn + fanOut)) or normal
 *   with std √(2 / (fanIn + fanOut)).
 * He and Glorot start the biases at zero. The normal variants are not truncated (as in PyTorch).
 */
export type Initializer =
  'uniform-0.5' | 'he-uniform' | 'he-normal' | 'glorot-uniform' | 'glorot-normal';

/** Every supported initialiser. */
export const INITIALIZERS: readonly Initializer[] = [
  'uniform-0.5',
  'he-uniform',
  'he-normal',
  'glorot-uniform',
  'glorot-normal',
];

/** Returns the initialiser used when none is given: He for the ReLU family, Glorot otherwise. */
export function defaultInitializer(activation: Activation): Initializer {
  return activation === 'relu' || activation === 'leaky-relu' ? 'he-uniform' : 'glorot-uniform';
}

/**
 * Fills weights [O, I] (row-major, drawn in index order) and then biases [O] of one layer and
 * returns nothing. Draw order is part of the seed contract: layer by layer, weights before biases.
 */
export function initializeLayer(
  weights: Float32Array,
  biases: Float32Array,
  inputSize: number,
  outputSize: number,
  initializer: Initializer,
  random: Random,
): void {
  switch (initializer) {
    case 'uniform-0.5':
      for (let i = 0; i < weights.length; i++) weights[i] = random.next() - 0.5;
      for (let i = 0; i < biases.length; i++) biases[i] = random.next() - 0.5;
      return;
    case 'he-uniform':
      fillUniform(weights, Math.sqrt(6 / inputSize), random);
      break;
    case 'he-normal':
      fillNormal(weights, Math.sqrt(2 / inputSize), random);
      break;
    case 'glorot-uniform':
      fillUniform(weights, Math.sqrt(6 / (inputSize + outputSize)), random);
      break;
    case 'glorot-normal':
      fillNormal(weights, Math.sqrt(2 / (inputSize + outputSize)), random);
      break;
  }
  biases.fill(0);
}

function fillUniform(out: Float32Array, limit: number, random: Random): void {
  for (let i = 0; i < out.length; i++) out[i] = (2 * random.next() - 1) * limit;
}

function fillNormal(out: Float32Array, std: number, random: Random): void {
  for (let i = 0; i < out.length; i++) out[i] = random.normal(0, std);
}
