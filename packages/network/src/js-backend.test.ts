import { Matrix, Random } from '@scratchnet/matrix';
import { describe, expect, it } from 'vitest';

import { GradientWorkspace } from './gradient-workspace.js';
import { TILE_ROWS, jsBackend } from './js-backend.js';
import { Network } from './network.js';
import { relativeError, syntheticImages } from './testing/finite-differences.js';

describe('jsBackend', () => {
  it('matches a single Float64 pass over several tiles', async () => {
    const rows = 2 * TILE_ROWS + 76; // three tiles, the last one partial
    const data = syntheticImages(rows, 20, 3, 12);
    const network = Network.create(
      { sizes: [20, 6, 3], activation: 'sigmoid' },
      { random: new Random(3) },
    );
    const gradients = {
      dWeights: network.layers.map((layer) =>
        new Float32Array(layer.weights.length).fill(Number.NaN),
      ),
      dBiases: network.layers.map((layer) =>
        new Float32Array(layer.biases.length).fill(Number.NaN),
      ),
    };
    const result = await jsBackend.computeGradients(network, data, null, gradients);

    // Reference: the whole batch as one Float64 tile, pixels converted here.
    const workspace = new GradientWorkspace<Float64Array>(network.layers, rows, 'float64');
    workspace.input.set(Float64Array.from(data.images, (value) => value / 255));
    workspace.labels.set(data.labels);
    const expected = network.layers.map((layer) => ({
      dWeights: new Float64Array(layer.weights.length),
      dBiases: new Float64Array(layer.biases.length),
    }));
    workspace.accumulateTile(
      rows,
      network.layers.map((layer, index) => ({
        weights: new Matrix(layer.outputSize, layer.inputSize, Float64Array.from(layer.weights)),
        biases: Float64Array.from(layer.biases),
        dWeights: new Matrix(layer.outputSize, layer.inputSize, expected[index].dWeights),
        dBiases: expected[index].dBiases,
      })),
      1 / rows,
      'cross-entropy',
    );

    expect(result.lossSum / rows).toBeCloseTo(workspace.lossSum / rows, 5);
    expect(result.correct).toBe(workspace.correct);
    expected.forEach((layer, index) => {
      expect(relativeError(gradients.dWeights[index], layer.dWeights)).toBeLessThan(1e-5);
      expect(relativeError(gradients.dBiases[index], layer.dBiases)).toBeLessThan(1e-5);
    });
  });

  it('reads the rows listed in indices', async () => {
    const data = syntheticImages(50, 20, 3, 13);
    const network = Network.create(
      { sizes: [20, 4, 3], activation: 'relu' },
      { random: new Random(4) },
    );
    const indices = Uint32Array.of(7, 3, 41, 3);
    const subset = {
      count: indices.length,
      pixelCount: 20,
      images: Uint8Array.from(
        Array.from(indices).flatMap((row) =>
          Array.from(data.images.subarray(row * 20, row * 20 + 20)),
        ),
      ),
      labels: Uint8Array.from(indices, (row) => data.labels[row]),
    };
    const create = () => ({
      dWeights: network.layers.map((layer) => new Float32Array(layer.weights.length)),
      dBiases: network.layers.map((layer) => new Float32Array(layer.biases.length)),
    });
    const viaIndices = create();
    const viaSubset = create();
    const first = await jsBackend.computeGradients(network, data, indices, viaIndices);
    const second = await jsBackend.computeGradients(network, subset, null, viaSubset);
    expect(first).toEqual(second);
    viaIndices.dWeights.forEach((tensor, index) =>
      expect(Array.from(tensor)).toEqual(Array.from(viaSubset.dWeights[index])),
    );
  });
});
