// Forward and backward passes of a whole network over one tile of rows, in Float32 for training
// or Float64 for gradient checks. The buffers are allocated once and reused for every tile.
//
// Letters: R = rows of the tile, I = inputs, O = outputs of a layer, K = classes.

import { Matrix } from '@scratchnet/matrix';
import type { DType, FloatArray, Random } from '@scratchnet/matrix';

import { activationBackward, activationForward } from './activation.js';
import type { Activation } from './activation.js';
import { denseBackward, denseForward } from './dense.js';
import { dropoutBackward, dropoutForward } from './dropout.js';
import { lossBackward, lossForward } from './loss.js';
import type { LossName } from './loss.js';

// A batch uses at most two tile sizes: full tiles and the remainder. A few more entries cover
// changing batch sizes, and the cache is cleared beyond that so it cannot grow without bound.
const MAX_CACHED_TILE_SIZES = 8;

/** Sizes and activation of one layer. */
export interface LayerShape {
  readonly inputSize: number;
  readonly outputSize: number;
  readonly activation: Activation | 'softmax';
}

/** The parameters of one layer and the gradients that a tile adds into. */
export interface LayerTensors {
  /** [O, I] */
  weights: Matrix;
  /** [O] */
  biases: FloatArray;
  /** [O, I], added into */
  dWeights: Matrix;
  /** [O], added into */
  dBiases: FloatArray;
}

/** Inverted dropout on the hidden activations during training. */
export interface DropoutSettings {
  /** Probability of dropping a hidden unit, in [0, 1). */
  rate: number;
  /** Generator of the masks; one next() per hidden activation, layer by layer, row-major. */
  random: Random;
}

interface TileViews<T extends FloatArray> {
  input: Matrix<T>;
  labels: Uint8Array;
  /** Per layer [R, O]: Z = X·Wᵀ + b. */
  preActivations: Matrix<T>[];
  /** Per layer [R, O]: f(Z) for hidden layers, the probabilities for the output layer. */
  activations: Matrix<T>[];
  /** Per hidden layer [R, O]: f(Z) ⊙ mask, the input of the next layer when dropout is on. */
  dropped: Matrix<T>[];
  /** Per hidden layer [R, O]: the dropout mask. */
  masks: T[];
  /** Per layer [R, O]: first the gradient of the layer's output, then, in place, of its Z. */
  gradients: Matrix<T>[];
}

/** Training buffers for tiles of up to `tileRows` rows. */
export class GradientWorkspace<T extends FloatArray = FloatArray> {
  /** [tileRows, I]: the caller writes a tile's inputs here before accumulateTile. */
  readonly input: T;
  /** [tileRows]: the caller writes a tile's labels here before accumulateTile. */
  readonly labels: Uint8Array;
  /** Loss summed over the rows of the last tile. */
  lossSum = 0;
  /** Rows of the last tile whose largest logit is the label. */
  correct = 0;

  private readonly preActivations: T[];
  private readonly activations: T[];
  private readonly gradients: T[];
  private dropped: T[] | null = null;
  private masks: T[] | null = null;
  private readonly views = new Map<number, TileViews<T>>();

  constructor(
    private readonly layers: readonly LayerShape[],
    readonly tileRows: number,
    private readonly dtype: DType,
  ) {
    this.input = this.allocate(tileRows * layers[0].inputSize);
    this.labels = new Uint8Array(tileRows);
    this.preActivations = layers.map((layer) => this.allocate(tileRows * layer.outputSize));
    this.activations = layers.map((layer) => this.allocate(tileRows * layer.outputSize));
    this.gradients = layers.map((layer) => this.allocate(tileRows * layer.outputSize));
  }

  /**
   * Runs forward and backward over the first `rows` rows of `input` and `labels`, adds
   * `scale` × the gradient of the summed loss into every dWeights and dBiases, and sets
   * lossSum and correct. With scale = 1 / N over the N rows of a batch, the tiles of the
   * batch add up to the gradient of its mean loss.
   */
  accumulateTile(
    rows: number,
    tensors: readonly LayerTensors[],
    scale: number,
    loss: LossName,
    dropout?: DropoutSettings,
  ): void {
    const useDropout = dropout !== undefined && dropout.rate > 0;
    if (useDropout) this.allocateDropout();
    const views = this.viewsFor(rows);
    const lastIndex = this.layers.length - 1;

    // Forward: Z = X·Wᵀ + b, then A = f(Z) (optionally dropped) or the softmax with the loss.
    let layerInput: Matrix = views.input;
    for (let index = 0; index <= lastIndex; index++) {
      const layer = this.layers[index];
      const z = views.preActivations[index];
      const a = views.activations[index];
      denseForward(z, layerInput, tensors[index].weights, tensors[index].biases);
      if (layer.activation === 'softmax') {
        this.lossSum = lossForward(a, z, views.labels, loss);
        break;
      }
      activationForward(a.data, z.data, layer.activation);
      if (useDropout) {
        dropoutForward(
          views.dropped[index].data,
          views.masks[index],
          a.data,
          dropout.rate,
          dropout.random,
        );
        layerInput = views.dropped[index];
      } else {
        layerInput = a;
      }
    }
    this.correct = countCorrect(views.preActivations[lastIndex], views.labels);

    // Backward: the loss gives dZ of the output layer. Each layer then turns its dZ into its
    // parameter gradients and into the gradient of its input, the previous layer's output.
    lossBackward(
      views.gradients[lastIndex],
      views.activations[lastIndex],
      views.labels,
      scale,
      loss,
    );
    for (let index = lastIndex; index >= 0; index--) {
      const layer = this.layers[index];
      const d = views.gradients[index];
      if (layer.activation !== 'softmax') {
        if (useDropout) dropoutBackward(d.data, views.masks[index], d.data);
        activationBackward(
          d.data,
          views.preActivations[index].data,
          views.activations[index].data,
          d.data,
          layer.activation,
        );
      }
      const input =
        index === 0
          ? views.input
          : useDropout
            ? views.dropped[index - 1]
            : views.activations[index - 1];
      const dInput = index === 0 ? null : views.gradients[index - 1];
      denseBackward(
        dInput,
        tensors[index].dWeights,
        tensors[index].dBiases,
        d,
        input,
        tensors[index].weights,
      );
    }
  }

  private allocate(length: number): T {
    return (this.dtype === 'float64' ? new Float64Array(length) : new Float32Array(length)) as T;
  }

  private allocateDropout(): void {
    if (this.dropped !== null) return;
    this.dropped = this.layers.map((layer) => this.allocate(this.tileRows * layer.outputSize));
    this.masks = this.layers.map((layer) => this.allocate(this.tileRows * layer.outputSize));
    this.views.clear();
  }

  private viewsFor(rows: number): TileViews<T> {
    const cached = this.views.get(rows);
    if (cached !== undefined) return cached;
    if (this.views.size >= MAX_CACHED_TILE_SIZES) this.views.clear();
    const view = (buffer: T, cols: number) =>
      new Matrix(rows, cols, buffer.subarray(0, rows * cols) as T);
    const views: TileViews<T> = {
      input: view(this.input, this.layers[0].inputSize),
      labels: this.labels.subarray(0, rows),
      preActivations: this.layers.map((layer, index) =>
        view(this.preActivations[index], layer.outputSize),
      ),
      activations: this.layers.map((layer, index) =>
        view(this.activations[index], layer.outputSize),
      ),
      dropped:
        this.dropped === null
          ? []
          : this.layers.map((layer, index) => view(this.dropped![index], layer.outputSize)),
      masks:
        this.masks === null
          ? []
          : this.layers.map(
              (layer, index) => this.masks![index].subarray(0, rows * layer.outputSize) as T,
            ),
      gradients: this.layers.map((layer, index) => view(this.gradients[index], layer.outputSize)),
    };
    this.views.set(rows, views);
    return views;
  }
}

/** Counts rows whose largest logit (the first on ties) is at the label. */
export function countCorrect(logits: Matrix, labels: ArrayLike<number>): number {
  const classCount = logits.cols;
  const z = logits.data;
  let correct = 0;
  for (let row = 0; row < logits.rows; row++) {
    const start = row * classCount;
    let best = 0;
    for (let k = 1; k < classCount; k++) if (z[start + k] > z[start + best]) best = k;
    if (best === labels[row]) correct++;
  }
  return correct;
}
