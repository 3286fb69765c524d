// Forward-only buffers for inference, reused across calls so that repeated predictions of the
// same batch size allocate nothing.
//
// Letters: B = batch rows, I = inputs, O = outputs of a layer, K = classes.

import { Matrix, argmaxRows, softmaxRows } from '@scratchnet/matrix';

import { activationForward } from './activation.js';
import type { DenseLayer } from './network.js';
import { denseForward } from './dense.js';

/** Views of the workspace buffers for one batch size. */
export interface InferenceViews {
  /** Per layer [B, O]: hidden activations, and the logits [B, K] for the last layer. */
  readonly activations: Matrix<Float32Array>[];
  /** [B, K] */
  readonly probabilities: Matrix<Float32Array>;
  /** [B] class index per row (argmax of the logits, the first on ties). */
  readonly predictions: Uint8Array | Uint32Array;
}

// Enough distinct batch sizes for a training batch, a last partial batch, a validation tile and
// single images. Beyond this the cache is cleared, so it cannot grow without bound.
const MAX_CACHED_BATCH_SIZES = 8;

/** Buffers for a forward pass of up to `capacity` rows through fixed layer sizes. */
export class InferenceWorkspace {
  private capacity = 0;
  private activations: Float32Array[] = [];
  private probabilities = new Float32Array(0);
  private predictions: Uint8Array | Uint32Array = new Uint8Array(0);
  private readonly views = new Map<number, InferenceViews>();

  constructor(private readonly layers: readonly DenseLayer[]) {}

  /**
   * Runs every layer on input [B, I] and returns views whose activations end with the logits.
   * Probabilities and predictions are only computed when requested, because the caller may
   * need the logits alone.
   */
  forward(
    input: Matrix,
    outputs: { probabilities: boolean; predictions: boolean },
  ): InferenceViews {
    const batchSize = input.rows;
    const views = this.viewsFor(batchSize);
    const lastIndex = this.layers.length - 1;
    let layerInput = input;
    for (let index = 0; index <= lastIndex; index++) {
      const layer = this.layers[index];
      const out = views.activations[index];
      denseForward(
        out,
        layerInput,
        new Matrix(layer.outputSize, layer.inputSize, layer.weights),
        layer.biases,
      );
      // In place: inference keeps no pre-activations because nothing runs backward.
      if (layer.activation !== 'softmax') activationForward(out.data, out.data, layer.activation);
      layerInput = out;
    }
    if (outputs.probabilities) softmaxRows(views.probabilities, views.activations[lastIndex]);
    if (outputs.predictions) argmaxRows(views.predictions, views.activations[lastIndex]);
    return views;
  }

  /** Allocates buffers for batches of up to `capacity` rows now rather than at the first forward pass. */
  reserve(capacity: number): void {
    if (capacity > this.capacity) this.allocate(capacity);
  }

  private viewsFor(batchSize: number): InferenceViews {
    const cached = this.views.get(batchSize);
    if (cached !== undefined) return cached;

    if (batchSize > this.capacity) this.allocate(batchSize);
    if (this.views.size >= MAX_CACHED_BATCH_SIZES) this.views.clear();
    const classCount = this.layers[this.layers.length - 1].outputSize;
    const views: InferenceViews = {
      activations: this.layers.map(
        (layer, index) =>
          new Matrix(
            batchSize,
            layer.outputSize,
            this.activations[index].subarray(0, batchSize * layer.outputSize),
          ),
      ),
      probabilities: new Matrix(
        batchSize,
        classCount,
        this.probabilities.subarray(0, batchSize * classCount),
      ),
      predictions: this.predictions.subarray(0, batchSize),
    };
    this.views.set(batchSize, views);
    return views;
  }

  private allocate(capacity: number): void {
    const classCount = this.layers[this.layers.length - 1].outputSize;
    this.capacity = capacity;
    this.activations = this.layers.map((layer) => new Float32Array(capacity * layer.outputSize));
    this.probabilities = new Float32Array(capacity * classCount);
    this.predictions = classCount <= 256 ? new Uint8Array(capacity) : new Uint32Array(capacity);
    this.views.clear();
  }
}
