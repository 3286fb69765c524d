// NaN or infinity in any float tensor is rejected on write and on read, naming the tensor.
import { Network } from '@scratchnet/network';
import { describe, expect, test } from 'vitest';
import { decodeModel } from './model-decoder.js';
import { encodeModel } from './model-encoder.js';
import { expectFormatError } from './test-errors.js';
import { buildModelFile, validModelParts } from './test-model-files.js';

describe('non-finite weights', () => {
  for (const [value, tensorIndex] of [
    [NaN, 0],
    [Infinity, 1],
    [-Infinity, 3],
  ] as const) {
    test(`rejects ${value} on read`, () => {
      const parts = validModelParts([4, 3, 2]);
      parts.tensors[tensorIndex].values[1] = value;
      const error = expectFormatError(() => decodeModel(buildModelFile(parts)), 'non-finite-value');
      expect(error.message).toContain(JSON.stringify(parts.tensors[tensorIndex].name));
      expect(error.message).toContain(`${value} at element 1`);
    });
  }

  test('rejects NaN on write', () => {
    const parts = validModelParts([4, 3, 2]);
    const network = Network.fromParameters({ sizes: [4, 3, 2], activation: 'relu' }, [
      {
        weights: parts.tensors[0].values as Float32Array,
        biases: parts.tensors[1].values as Float32Array,
      },
      { weights: Float32Array.from([0, 1, 2, NaN, 4, 5]), biases: new Float32Array(2) },
    ]);
    expect(() => encodeModel(network)).toThrow(/Tensor "2.weight" contains NaN at element 3/);
  });
});

describe('non-finite optimizer state', () => {
  test('rejects Infinity on write', () => {
    const network = Network.fromParameters({ sizes: [2, 2], activation: 'relu' }, [
      { weights: new Float32Array(4), biases: new Float32Array(2) },
    ]);
    const state = {
      step: 1,
      epoch: 0,
      randomState: new Uint32Array(4),
      optimizer: {
        name: 'momentum',
        step: 1,
        slots: { velocity: [Float32Array.from([0, 0, Infinity, 0]), new Float32Array(2)] },
      },
    };
    expect(() => encodeModel(network, { checkpoint: state })).toThrow(
      /"optimizer.velocity.0.weight" contains Infinity at element 2/,
    );
  });
});
