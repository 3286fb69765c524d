// encodeModel then decodeModel must give back every float bit for bit, including -0,
// subnormals and the largest finite float32, for networks of several shapes.
import { Network, type Activation, type NetworkSpec } from '@scratchnet/network';
import { describe, expect, test } from 'vitest';
import { decodeModel } from './model-decoder.js';
import { encodeModel } from './model-encoder.js';
import type { TrainingRecord } from './schema.js';

const SPECIAL_VALUES = [
  -0,
  0,
  1.401298464324817e-45,
  -1.401298464324817e-45,
  1.1754942106924411e-38,
  3.4028234663852886e38,
  -3.4028234663852886e38,
  Math.fround(0.1),
  -2.5,
];

/** Builds a network whose first parameters are SPECIAL_VALUES, then every third one, and pseudo-random values between. */
function networkWithSpecialValues(spec: NetworkSpec): Network {
  let counter = 0;
  const nextValue = () => {
    counter++;
    if (counter <= SPECIAL_VALUES.length) return SPECIAL_VALUES[counter - 1];
    return counter % 3 === 0
      ? SPECIAL_VALUES[counter % SPECIAL_VALUES.length]
      : Math.fround(Math.sin(counter * 12.9898) * 4);
  };
  const parameters = spec.sizes.slice(1).map((outputs, layer) => ({
    weights: Float32Array.from({ length: outputs * spec.sizes[layer] }, nextValue),
    biases: Float32Array.from({ length: outputs }, nextValue),
  }));
  return Network.fromParameters(spec, parameters);
}

function expectSameParameters(actual: Network, expected: Network): void {
  expect(actual.spec).toEqual(expected.spec);
  expected.layers.forEach((layer, index) => {
    for (const field of ['weights', 'biases'] as const) {
      const decoded = actual.layers[index][field];
      expect(decoded.length).toBe(layer[field].length);
      const firstDifference = layer[field].findIndex((value, i) => !Object.is(value, decoded[i]));
      expect(firstDifference, `layer ${index} ${field}`).toBe(-1);
    }
  });
}

const shapes: [number[], Activation][] = [
  [[784, 10, 10], 'relu'],
  [[4, 3, 2], 'sigmoid'],
  [[9, 16, 8, 3], 'tanh'],
  [[6, 5, 5, 5, 4], 'leaky-relu'],
  [[25, 1, 2], 'identity'],
];

const training: TrainingRecord = {
  preset: 'reference',
  options: {
    batchSize: 'full',
    iterations: 500,
    optimizer: 'sgd',
    learningRate: 0.1,
    schedule: { type: 'constant' },
  },
  seed: 42,
  steps: 500,
  epochs: 500,
  metrics: { testAccuracy: 0.8312, testLoss: 0.61, trainLoss: 0.58 },
  dataset: { name: 'mnist', sha256: 'a'.repeat(64) },
  scratchnetVersion: '0.1.0',
  date: '2026-01-02T03:04:05.000Z',
  milliseconds: 1234.5,
  backend: 'js',
};

describe('model round trip', () => {
  for (const [sizes, activation] of shapes) {
    test(`keeps every bit of ${sizes.join('-')} ${activation}`, () => {
      const network = networkWithSpecialValues({ sizes, activation });
      const { network: decoded, metadata, checkpoint } = decodeModel(encodeModel(network));
      expectSameParameters(decoded, network);
      expect(metadata.architecture.sizes).toEqual(sizes);
      expect(checkpoint).toBeUndefined();
    });
  }

  test('keeps special values in the first weights', () => {
    const network = networkWithSpecialValues({ sizes: [784, 10, 10], activation: 'relu' });
    const weights = decodeModel(encodeModel(network)).network.layers[0].weights;
    SPECIAL_VALUES.forEach((value, i) =>
      expect(Object.is(weights[i], value), `weights[${i}] = ${weights[i]}, expected ${value}`).toBe(
        true,
      ),
    );
  });

  test('keeps the training record, labels and input shape', () => {
    const network = networkWithSpecialValues({ sizes: [6, 4, 3], activation: 'relu' });
    const bytes = encodeModel(network, {
      training,
      classLabels: ['cat', 'dog', 'bird'],
      inputShape: [2, 3],
    });
    const { metadata } = decodeModel(bytes);
    expect(metadata.training).toEqual(training);
    expect(metadata.classLabels).toEqual(['cat', 'dog', 'bird']);
    expect(metadata.architecture).toEqual({
      sizes: [6, 4, 3],
      activations: ['relu', 'softmax'],
      inputShape: [2, 3],
    });
    expect(metadata.format).toBe('scratchnet');
    expect(metadata.version).toBe(1);
    expect(metadata.tensorsSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test('defaults to MNIST labels and a 28 x 28 input', () => {
    const { metadata } = decodeModel(
      encodeModel(networkWithSpecialValues({ sizes: [784, 10, 10], activation: 'relu' })),
    );
    expect(metadata.classLabels).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(metadata.architecture.inputShape).toEqual([28, 28]);
    expect(metadata.preprocessing.pixelScale).toBe(1 / 255);
  });

  test('writes identical bytes for identical input', () => {
    const network = networkWithSpecialValues({ sizes: [9, 16, 8, 3], activation: 'tanh' });
    expect(encodeModel(network, { training })).toEqual(encodeModel(network.clone(), { training }));
  });

  test('keeps a checkpoint bit for bit', () => {
    const network = networkWithSpecialValues({ sizes: [4, 3, 2], activation: 'relu' });
    const parameterArrays = network.layers.flatMap((layer) => [layer.weights, layer.biases]);
    const state = {
      step: 7,
      epoch: 2,
      randomState: Uint32Array.from([1, 0xffffffff, 123456789, 0]),
      optimizer: {
        name: 'adam',
        step: 7,
        slots: {
          m: parameterArrays.map((array) => array.map((value) => value / 3)),
          v: parameterArrays.map((array) => array.map((value) => Math.abs(value) / 7)),
          odd: [Float32Array.from([-0, 5e-45])],
        },
      },
    };
    const { checkpoint } = decodeModel(encodeModel(network, { checkpoint: state }));
    expect(checkpoint).toEqual(state);
    expect(Object.is(checkpoint?.optimizer.slots.odd[0][0], -0)).toBe(true);
  });
});
