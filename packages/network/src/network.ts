// The sequential network of dense layers: construction, parameters and inference.
//
// Letters: B = batch rows, I = inputs (784 for MNIST), K = classes (10 for MNIST).

import { Matrix } from '@scratchnet/matrix';
import type { FloatArray, Random } from '@scratchnet/matrix';

import { ACTIVATIONS, isActivation } from './activation.js';
import type { Activation } from './activation.js';
import { InferenceWorkspace } from './inference-workspace.js';
import { INITIALIZERS, defaultInitializer, initializeLayer } from './initializers.js';
import type { Initializer } from './initializers.js';

/** Layer sizes from input to output, and the activation of every hidden layer. The output is softmax. */
export interface NetworkSpec {
  /** [inputs, hidden..., classes], e.g. [784, 10, 10]; at least two entries. */
  sizes: number[];
  /** Activation of every hidden layer. */
  activation: Activation;
}

/** One dense layer: Z = X·Wᵀ + b followed by its activation. */
export interface DenseLayer {
  readonly inputSize: number;
  readonly outputSize: number;
  /** [O, I], row-major (the PyTorch nn.Linear layout). */
  readonly weights: Float32Array;
  /** [O] */
  readonly biases: Float32Array;
  /** The spec's activation for hidden layers, 'softmax' for the output layer. */
  readonly activation: Activation | 'softmax';
}

/** Weights [O, I] and biases [O] of one layer, as passed to Network.fromParameters. */
export interface LayerParameters {
  weights: Float32Array;
  biases: Float32Array;
}

/** A sequential multilayer perceptron with a softmax output, in Float32. */
export class Network {
  readonly spec: NetworkSpec;
  readonly layers: readonly DenseLayer[];
  private inference: InferenceWorkspace | null = null;

  private constructor(spec: NetworkSpec, parameters: readonly LayerParameters[]) {
    this.spec = { sizes: [...spec.sizes], activation: spec.activation };
    const lastIndex = parameters.length - 1;
    this.layers = parameters.map((layer, index) => ({
      inputSize: spec.sizes[index],
      outputSize: spec.sizes[index + 1],
      weights: layer.weights,
      biases: layer.biases,
      activation: index === lastIndex ? 'softmax' : spec.activation,
    }));
  }

  /**
   * Creates a network with freshly initialised parameters drawn from `random`, layer by layer,
   * weights before biases. The initialiser defaults to He uniform for ReLU and leaky ReLU and
   * Glorot uniform otherwise.
   */
  static create(
    spec: NetworkSpec,
    options: { initializer?: Initializer; random: Random },
  ): Network {
    validateSpec(spec);
    const initializer = options.initializer ?? defaultInitializer(spec.activation);
    if (!INITIALIZERS.includes(initializer)) {
      throw new RangeError(
        `Unknown initializer '${String(initializer)}'. Use one of: ${INITIALIZERS.join(', ')}.`,
      );
    }
    const parameters: LayerParameters[] = [];
    for (let index = 0; index + 1 < spec.sizes.length; index++) {
      const inputSize = spec.sizes[index];
      const outputSize = spec.sizes[index + 1];
      const weights = new Float32Array(outputSize * inputSize);
      const biases = new Float32Array(outputSize);
      initializeLayer(weights, biases, inputSize, outputSize, initializer, options.random);
      parameters.push({ weights, biases });
    }
    return new Network(spec, parameters);
  }

  /**
   * Creates a network that uses the given arrays as its parameters, without copying.
   * Throws unless there is one entry per layer with weights [O, I] and biases [O].
   */
  static fromParameters(spec: NetworkSpec, parameters: readonly LayerParameters[]): Network {
    validateSpec(spec);
    const layerCount = spec.sizes.length - 1;
    if (parameters.length !== layerCount) {
      throw new RangeError(
        `Network.fromParameters: got parameters for ${parameters.length} layers, but sizes ` +
          `[${spec.sizes.join(', ')}] describe ${layerCount}. Pass one { weights, biases } per layer.`,
      );
    }
    parameters.forEach((layer, index) => {
      const inputSize = spec.sizes[index];
      const outputSize = spec.sizes[index + 1];
      if (
        !(layer.weights instanceof Float32Array) ||
        layer.weights.length !== outputSize * inputSize
      ) {
        throw new RangeError(
          `Network.fromParameters: layer ${index} weights must be a Float32Array of ${outputSize} × ${inputSize} = ` +
            `${outputSize * inputSize} values ([out, in]), got ${describeArray(layer.weights)}.`,
        );
      }
      if (!(layer.biases instanceof Float32Array) || layer.biases.length !== outputSize) {
        throw new RangeError(
          `Network.fromParameters: layer ${index} biases must be a Float32Array of ${outputSize} values, ` +
            `got ${describeArray(layer.biases)}.`,
        );
      }
    });
    return new Network(spec, parameters);
  }

  /** Number of inputs I of the first layer. */
  get inputSize(): number {
    return this.spec.sizes[0];
  }

  /** Number of classes K of the softmax output. */
  get classCount(): number {
    return this.spec.sizes[this.spec.sizes.length - 1];
  }

  /** Total number of weights and biases. */
  parameterCount(): number {
    let count = 0;
    for (const layer of this.layers) count += layer.weights.length + layer.biases.length;
    return count;
  }

  /**
   * Returns the live parameter arrays in optimizer order: weights then biases of layer 0, then
   * of layer 1, and so on. Writing into them changes the network.
   */
  parameters(): Float32Array[] {
    const tensors: Float32Array[] = [];
    for (const layer of this.layers) tensors.push(layer.weights, layer.biases);
    return tensors;
  }

  /** Returns a deep copy with the same spec and copied parameters. */
  clone(): Network {
    return new Network(
      this.spec,
      this.layers.map((layer) => ({
        weights: layer.weights.slice(),
        biases: layer.biases.slice(),
      })),
    );
  }

  /** Copies every parameter of `source`, which must have the same sizes, into this network. */
  copyParametersFrom(source: Network): void {
    if (source.spec.sizes.join(',') !== this.spec.sizes.join(',')) {
      throw new RangeError(
        `copyParametersFrom: source sizes [${source.spec.sizes.join(', ')}] differ from ` +
          `[${this.spec.sizes.join(', ')}]. Copy only between networks of the same architecture.`,
      );
    }
    this.layers.forEach((layer, index) => {
      layer.weights.set(source.layers[index].weights);
      layer.biases.set(source.layers[index].biases);
    });
  }

  /**
   * Returns the logits [B, K] for input [B, I] (pixels in [0, 1]); one image is a batch of 1.
   * The returned array belongs to the network and is overwritten by the next inference call;
   * copy it to keep it. Repeated calls with the same batch size allocate nothing.
   */
  logits(input: FloatArray, batchSize?: number): Float32Array {
    const views = this.runInference('logits', input, batchSize, false, false);
    return views.activations[views.activations.length - 1].data;
  }

  /**
   * Returns the probabilities [B, K] (softmax of the logits) for input [B, I]. The returned array
   * is reused as for logits().
   */
  predictProbabilities(input: FloatArray, batchSize?: number): Float32Array {
    return this.runInference('predictProbabilities', input, batchSize, true, false).probabilities
      .data;
  }

  /**
   * Returns the predicted class of every row of input [B, I]: a Uint8Array when there are at most
   * 256 classes, else a Uint32Array. The returned array is reused as for logits().
   */
  predict(input: FloatArray, batchSize?: number): Uint8Array | Uint32Array {
    return this.runInference('predict', input, batchSize, false, true).predictions;
  }

  private runInference(
    caller: string,
    input: FloatArray,
    batchSize: number | undefined,
    probabilities: boolean,
    predictions: boolean,
  ) {
    const inputSize = this.inputSize;
    const rows = batchSize ?? input.length / inputSize;
    if (!Number.isInteger(rows) || rows < 1 || input.length !== rows * inputSize) {
      throw new RangeError(
        `${caller}: input has ${input.length} values, which is not batchSize × ${inputSize}` +
          (batchSize === undefined ? '' : ` for batchSize ${batchSize}`) +
          `. Pass ${inputSize} values per image, row after row.`,
      );
    }
    this.inference ??= new InferenceWorkspace(this.layers);
    return this.inference.forward(new Matrix(rows, inputSize, input), {
      probabilities,
      predictions,
    });
  }
}

/** Largest weight count of one layer: 2^28 float32 values, 1 GiB, far beyond any digit network. */
export const MAX_LAYER_WEIGHTS = 2 ** 28;

function validateSpec(spec: NetworkSpec): void {
  const sizes: unknown = spec?.sizes;
  if (
    !Array.isArray(sizes) ||
    sizes.length < 2 ||
    !sizes.every((size) => Number.isSafeInteger(size) && size >= 1)
  ) {
    throw new RangeError(
      `Invalid network sizes ${JSON.stringify(sizes)}: expected at least two positive integers, ` +
        'inputs first and classes last, e.g. [784, 10, 10].',
    );
  }
  for (let index = 0; index + 1 < sizes.length; index++) {
    const weightCount = sizes[index] * sizes[index + 1];
    if (weightCount > MAX_LAYER_WEIGHTS) {
      throw new RangeError(
        `Invalid network sizes ${JSON.stringify(sizes)}: layer ${index} (${sizes[index]} -> ${sizes[index + 1]}) ` +
          `would have ${weightCount} weights, more than the limit of ${MAX_LAYER_WEIGHTS} (1 GiB of float32). ` +
          'Use fewer units in that layer.',
      );
    }
  }
  if (!isActivation(spec.activation)) {
    throw new RangeError(
      `Unknown activation '${String(spec.activation)}'. Use one of: ${ACTIVATIONS.join(', ')}.`,
    );
  }
}

function describeArray(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  const length = (value as { length?: unknown }).length;
  return `${value.constructor?.name ?? 'object'}${typeof length === 'number' ? ` of ${length} values` : ''}`;
}
