// The plain TypeScript training backend on the @scratchnet/matrix kernels: portable, always
// available, and the reference that faster backends are tested against.

import { Matrix } from '@scratchnet/matrix';

import type { BatchDropout, BatchResult, GradientBuffers, TrainingBackend } from './backend.js';
import { GradientWorkspace } from './gradient-workspace.js';
import type { LayerTensors } from './gradient-workspace.js';
import { gatherTile } from './labeled-images.js';
import type { LabeledImages } from './labeled-images.js';
import type { LossName } from './loss.js';
import type { Network } from './network.js';

/**
 * Largest number of rows converted to floats and pushed through the network at once. A
 * full-batch step over 60,000 images runs as tiles of this many rows, so memory stays at
 * one tile (1.6 MB of inputs for 784 pixels) rather than a Float32 copy of the training set.
 */
export const TILE_ROWS = 512;

// The workspace of each network, allocated at its first batch and grown when a batch needs more
// rows per tile (up to TILE_ROWS), so later steps allocate nothing.
const workspaces = new WeakMap<Network, GradientWorkspace<Float32Array>>();

/** The plain TypeScript backend; it supports every network and option. */
export const jsBackend: TrainingBackend = {
  name: 'js',

  supports(): boolean {
    return true;
  },

  computeGradients(
    network: Network,
    data: LabeledImages,
    indices: Uint32Array | null,
    gradients: GradientBuffers,
    dropout?: BatchDropout,
    loss: LossName = 'cross-entropy',
  ): BatchResult {
    const rows = indices === null ? data.count : indices.length;
    const workspace = workspaceFor(network, Math.min(rows, TILE_ROWS));
    const tensors: LayerTensors[] = network.layers.map((layer, index) => ({
      weights: new Matrix(layer.outputSize, layer.inputSize, layer.weights),
      biases: layer.biases,
      dWeights: new Matrix(layer.outputSize, layer.inputSize, gradients.dWeights[index]),
      dBiases: gradients.dBiases[index],
    }));
    for (let index = 0; index < network.layers.length; index++) {
      gradients.dWeights[index].fill(0);
      gradients.dBiases[index].fill(0);
    }

    // Tiles are visited in order and add into the gradients, so the sum is deterministic.
    let lossSum = 0;
    let correct = 0;
    const scale = 1 / rows;
    for (let start = 0; start < rows; start += workspace.tileRows) {
      const tileRows = Math.min(workspace.tileRows, rows - start);
      gatherTile(workspace.input, workspace.labels, data, indices, start, tileRows);
      workspace.accumulateTile(tileRows, tensors, scale, loss, dropout);
      lossSum += workspace.lossSum;
      correct += workspace.correct;
    }
    return { lossSum, correct };
  },
};

function workspaceFor(network: Network, tileRows: number): GradientWorkspace<Float32Array> {
  const existing = workspaces.get(network);
  if (existing !== undefined && existing.tileRows >= tileRows) return existing;
  const workspace = new GradientWorkspace<Float32Array>(network.layers, tileRows, 'float32');
  workspaces.set(network, workspace);
  return workspace;
}
