// Where a network's parameters, gradients and activations live in engine memory, and how a
// batch is cut into blocks. Block sizes depend only on the batch size and the network, never
// on the thread count, which is what keeps results bit-identical across thread counts.

import type { DenseLayer } from '../network.js';
import { ACTIVATION_CODES } from './plan-layout.js';

/** One layer as the engine sees it: the widths padded to whole 4-lane vectors. */
export interface LayerLayout {
  inputs: number;
  outputs: number;
  /** outputs rounded up to a multiple of 4 */
  width: number;
  activation: number;
  /** byte offset of dWeights [inputs, width] inside a gradient slot */
  dWeightsOffset: number;
  /** byte offset of dBiases [width] inside a gradient slot */
  dBiasesOffset: number;
  /** byte offset of the activations [blockRows, width] inside a worker's scratch */
  activationsOffset: number;
}

/** The engine's view of a network with a given block size. */
export interface NetworkLayout {
  layers: LayerLayout[];
  /** bytes of one block's gradients, all layers, padded to 64 */
  slotBytes: number;
  /** bytes of one worker's scratch for blocks of blockRows rows */
  scratchBytes: number;
  /** byte offset inside the scratch of the two gradient buffers [blockRows, max width] */
  dScratchOffset: number;
  blockRows: number;
}

// Activations of one block, all layers together, should stay within about 256 KiB so a
// block's forward and backward pass run out of the per-core cache.
const BLOCK_FLOATS = 65536;
const MAXIMUM_BLOCK_ROWS = 1024;
const MINIMUM_BLOCK_ROWS = 16;

/** Returns the rows per block for a batch of `batchSize` rows: at least 4 blocks when possible. */
export function blockRowsFor(batchSize: number, widths: readonly number[]): number {
  const widthSum = widths.reduce((sum, width) => sum + width, 0);
  const byCache = Math.floor(BLOCK_FLOATS / widthSum / 8) * 8;
  const byBatch = Math.ceil(batchSize / 4);
  return Math.max(MINIMUM_BLOCK_ROWS, Math.min(MAXIMUM_BLOCK_ROWS, byCache, byBatch));
}

/** Returns the engine layout of `layers` for batches of `batchSize` rows. */
export function layoutNetwork(layers: readonly DenseLayer[], batchSize: number): NetworkLayout {
  const widths = layers.map((layer) => Math.ceil(layer.outputSize / 4) * 4);
  const blockRows = blockRowsFor(batchSize, widths);
  let slotBytes = 0;
  let scratchBytes = 0;
  const layouts = layers.map((layer, index): LayerLayout => {
    const width = widths[index];
    const dWeightsOffset = slotBytes;
    slotBytes += layer.inputSize * width * 4;
    const dBiasesOffset = slotBytes;
    slotBytes += width * 4;
    const activationsOffset = scratchBytes;
    scratchBytes += align(blockRows * width * 4);
    return {
      inputs: layer.inputSize,
      outputs: layer.outputSize,
      width,
      activation: ACTIVATION_CODES[layer.activation],
      dWeightsOffset,
      dBiasesOffset,
      activationsOffset,
    };
  });
  const dScratchOffset = scratchBytes;
  scratchBytes += 2 * align(blockRows * Math.max(...widths) * 4);
  return { layers: layouts, slotBytes: align(slotBytes), scratchBytes, dScratchOffset, blockRows };
}

function align(bytes: number): number {
  return Math.ceil(bytes / 64) * 64;
}
