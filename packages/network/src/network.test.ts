import { Random } from '@scratchnet/matrix';
import { describe, expect, it } from 'vitest';

import { INITIALIZERS } from './initializers.js';
import { Network } from './network.js';
import { countTypedArrays } from './testing/allocation-counter.js';

const spec = { sizes: [12, 7, 4], activation: 'relu' as const };

/** Naive double-precision forward pass of `network` on one image. */
function referenceProbabilities(network: Network, image: Float32Array): number[] {
  let values = Array.from(image);
  for (const layer of network.layers) {
    const next: number[] = [];
    for (let unit = 0; unit < layer.outputSize; unit++) {
      let sum = layer.biases[unit];
      for (let k = 0; k < layer.inputSize; k++)
        sum += layer.weights[unit * layer.inputSize + k] * values[k];
      next.push(layer.activation === 'softmax' ? sum : Math.max(0, sum));
    }
    values = next;
  }
  const max = Math.max(...values);
  const exps = values.map((value) => Math.exp(value - max));
  const total = exps.reduce((sum, value) => sum + value, 0);
  return exps.map((value) => value / total);
}

describe('Network.create', () => {
  it('is deterministic for a seed', () => {
    const first = Network.create(spec, { random: new Random(1) });
    const second = Network.create(spec, { random: new Random(1) });
    first
      .parameters()
      .forEach((tensor, index) =>
        expect(Array.from(second.parameters()[index])).toEqual(Array.from(tensor)),
      );
  });

  it('draws the reference weights and biases uniformly from [-0.5, 0.5)', () => {
    const network = Network.create(
      { sizes: [784, 10, 10], activation: 'relu' },
      { initializer: 'uniform-0.5', random: new Random(2) },
    );
    for (const tensor of network.parameters()) {
      expect(Math.min(...tensor)).toBeGreaterThanOrEqual(-0.5);
      expect(Math.max(...tensor)).toBeLessThan(0.5);
    }
    const biases = network.layers[0].biases;
    expect(biases.some((value) => value !== 0)).toBe(true);
  });

  it.each([
    ['he-uniform', Math.sqrt(2 / 400)],
    ['he-normal', Math.sqrt(2 / 400)],
    ['glorot-uniform', Math.sqrt(2 / 600)],
    ['glorot-normal', Math.sqrt(2 / 600)],
  ] as const)(
    '%s draws weights with the expected standard deviation',
    (initializer, expectedStd) => {
      const network = Network.create(
        { sizes: [400, 200, 10], activation: 'relu' },
        { initializer, random: new Random(3) },
      );
      const weights = network.layers[0].weights;
      const mean = weights.reduce((sum, value) => sum + value, 0) / weights.length;
      const std = Math.sqrt(
        weights.reduce((sum, value) => sum + (value - mean) ** 2, 0) / weights.length,
      );
      expect(Math.abs(mean)).toBeLessThan(0.002);
      expect(std / expectedStd).toBeGreaterThan(0.97);
      expect(std / expectedStd).toBeLessThan(1.03);
      expect(network.layers[0].biases.every((value) => value === 0)).toBe(true);
    },
  );

  it('rejects invalid sizes, activations and initializers', () => {
    expect(() =>
      Network.create({ sizes: [784], activation: 'relu' }, { random: new Random(1) }),
    ).toThrow(/at least two positive integers/);
    expect(() =>
      Network.create({ sizes: [784, 0, 10], activation: 'relu' }, { random: new Random(1) }),
    ).toThrow(/sizes/);
    // A layer too large to allocate is rejected by name before any array is made.
    expect(() =>
      Network.create({ sizes: [784, 1e9, 10], activation: 'relu' }, { random: new Random(1) }),
    ).toThrow(/layer 0 \(784 -> 1000000000\) would have 784000000000 weights, more than the limit/);
    expect(() =>
      Network.create({ sizes: [4, 2], activation: 'gelu' as never }, { random: new Random(1) }),
    ).toThrow(/Unknown activation 'gelu'/);
    expect(() =>
      Network.create(spec, { initializer: 'zeros' as never, random: new Random(1) }),
    ).toThrow(new RegExp(`Unknown initializer 'zeros'. Use one of: ${INITIALIZERS.join(', ')}`));
  });
});

describe('Network.fromParameters', () => {
  it('uses the given arrays and validates their lengths', () => {
    const weights = new Float32Array(7 * 12);
    const network = Network.fromParameters(spec, [
      { weights, biases: new Float32Array(7) },
      { weights: new Float32Array(4 * 7), biases: new Float32Array(4) },
    ]);
    expect(network.layers[0].weights).toBe(weights);
    expect(network.parameterCount()).toBe(7 * 12 + 7 + 4 * 7 + 4);
    expect(() =>
      Network.fromParameters(spec, [
        { weights: new Float32Array(12 * 7 - 1), biases: new Float32Array(7) },
        { weights: new Float32Array(4 * 7), biases: new Float32Array(4) },
      ]),
    ).toThrow(/layer 0 weights must be a Float32Array of 7 × 12 = 84 values/);
    expect(() => Network.fromParameters(spec, [{ weights, biases: new Float32Array(7) }])).toThrow(
      /parameters for 1 layers/,
    );
  });
});

describe('Network inference', () => {
  const network = Network.create(spec, { random: new Random(4) });
  const images = Float32Array.from({ length: 5 * 12 }, (_, index) => ((index * 37) % 101) / 100);

  it('matches a naive forward pass, one image or a batch', () => {
    const batch = network.predictProbabilities(images, 5).slice();
    for (let row = 0; row < 5; row++) {
      const image = images.subarray(row * 12, (row + 1) * 12);
      const expected = referenceProbabilities(network, image);
      const single = network.predictProbabilities(image);
      expected.forEach((value, k) => {
        expect(single[k]).toBeCloseTo(value, 6);
        expect(batch[row * 4 + k]).toBeCloseTo(value, 6);
      });
      const predicted = network.predict(image)[0];
      expect(predicted).toBe(expected.indexOf(Math.max(...expected)));
    }
  });

  it('returns logits whose softmax is the probabilities', () => {
    const logits = network.logits(images).slice();
    const probabilities = network.predictProbabilities(images);
    for (let row = 0; row < 5; row++) {
      const rowLogits = Array.from(logits.subarray(row * 4, row * 4 + 4));
      const max = Math.max(...rowLogits);
      const total = rowLogits.reduce((sum, value) => sum + Math.exp(value - max), 0);
      rowLogits.forEach((value, k) =>
        expect(probabilities[row * 4 + k]).toBeCloseTo(Math.exp(value - max) / total, 6),
      );
    }
  });

  it('allocates no typed arrays on repeated calls of the same batch size', () => {
    network.predictProbabilities(images, 5);
    network.predict(images, 5);
    network.logits(images, 5);
    const count = countTypedArrays(() => {
      for (let repeat = 0; repeat < 3; repeat++) {
        network.predictProbabilities(images, 5);
        network.predict(images, 5);
        network.logits(images, 5);
      }
    });
    expect(count).toBe(0);
    // The counter detects the buffers that a larger batch size needs.
    expect(countTypedArrays(() => network.predict(new Float32Array(7 * 12), 7))).toBeGreaterThan(0);
  });

  it('rejects an input whose length is not a multiple of the input size', () => {
    expect(() => network.predict(new Float32Array(13))).toThrow(
      /input has 13 values, which is not batchSize × 12/,
    );
    expect(() => network.predict(new Float32Array(24), 3)).toThrow(/for batchSize 3/);
  });
});

describe('Network.clone', () => {
  it('copies the parameters', () => {
    const network = Network.create(spec, { random: new Random(5) });
    const copy = network.clone();
    copy.layers[0].weights[0] += 1;
    expect(copy.layers[0].weights[0]).not.toBe(network.layers[0].weights[0]);
    expect(copy.layers[1].biases).not.toBe(network.layers[1].biases);
  });
});
