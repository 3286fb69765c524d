// Writes a network, its description and optionally its trainer state as one
// safetensors file.

import type { Network, TrainerState } from '@scratchnet/network';
import { encodeCheckpoint } from './checkpoint.js';
import { checkFinite } from './finite-check.js';
import { ModelFormatError } from './model-format-error.js';
import { OUTPUT_ACTIVATION } from './model-header.js';
import { encodeSafetensors, type TensorToWrite } from './safetensors-writer.js';
import {
  FORMAT_NAME,
  FORMAT_VERSION,
  METADATA_KEYS,
  MNIST_PREPROCESSING,
  type ModelMetadata,
  type Preprocessing,
  type TrainingRecord,
} from './schema.js';
import { sha256Hex } from './sha256.js';
import { biasTensorName, weightTensorName } from './tensor-names.js';

/** Optional contents of a model file besides the network's parameters. */
export interface EncodeModelOptions {
  /** Training record: options, seed, metrics and provenance. */
  training?: TrainingRecord;
  /** Name of each output class; defaults to '0', '1', ... */
  classLabels?: string[];
  /** [rows, cols] of an input image; defaults to a square when sizes[0] is one (28 × 28 for 784), else [1, sizes[0]]. */
  inputShape?: [number, number];
  /** Preprocessing that turns raw images into inputs; defaults to {@link MNIST_PREPROCESSING}. */
  preprocessing?: Preprocessing;
  /** Trainer state to store so training can resume exactly. */
  checkpoint?: TrainerState;
}

/** Encodes `network` as a scratchnet safetensors file. Same input, same bytes. */
export function encodeModel(network: Network, options: EncodeModelOptions = {}): Uint8Array {
  const { sizes } = network.spec;
  const tensors = parameterTensorsOf(network);
  const classLabels =
    options.classLabels ??
    Array.from({ length: sizes[sizes.length - 1] }, (_, index) => String(index));
  if (
    classLabels.length !== sizes[sizes.length - 1] ||
    !classLabels.every((label) => typeof label === 'string')
  ) {
    throw new ModelFormatError(
      'invalid-argument',
      `classLabels has ${classLabels.length} entries; expected ${sizes[sizes.length - 1]} strings, one per output.`,
    );
  }
  const inputShape = options.inputShape ?? defaultInputShape(sizes[0]);
  if (inputShape.length !== 2 || inputShape[0] * inputShape[1] !== sizes[0]) {
    throw new ModelFormatError(
      'invalid-argument',
      `inputShape [${inputShape.join(', ')}] does not hold ${sizes[0]} inputs; expected [rows, cols] with rows × cols = ${sizes[0]}.`,
    );
  }

  const metadataEntries: Record<string, string> = {};
  if (options.checkpoint !== undefined) {
    const checkpoint = encodeCheckpoint(options.checkpoint, network);
    tensors.push(...checkpoint.tensors);
    metadataEntries[METADATA_KEYS.checkpoint] = JSON.stringify(checkpoint.metadata);
  }

  return encodeSafetensors(tensors, (data) => {
    const description: Omit<ModelMetadata, 'format' | 'version'> = {
      architecture: {
        sizes: [...sizes],
        activations: network.layers.map((layer) => layer.activation),
        inputShape: [inputShape[0], inputShape[1]],
      },
      preprocessing: { ...(options.preprocessing ?? MNIST_PREPROCESSING) },
      classLabels: [...classLabels],
      tensorsSha256: sha256Hex(data),
    };
    if (options.training !== undefined) description.training = options.training;
    return {
      [METADATA_KEYS.format]: FORMAT_NAME,
      [METADATA_KEYS.version]: String(FORMAT_VERSION),
      [METADATA_KEYS.model]: JSON.stringify(description),
      ...metadataEntries,
    };
  });
}

/** Returns weights and biases of every layer as tensors, checking them against the spec. */
function parameterTensorsOf(network: Network): TensorToWrite[] {
  const { sizes } = network.spec;
  if (network.layers.length !== sizes.length - 1) {
    throw new ModelFormatError(
      'invalid-argument',
      `The network has ${network.layers.length} layers, but its spec sizes [${sizes.join(', ')}] describe ${sizes.length - 1}.`,
    );
  }

  const tensors: TensorToWrite[] = [];
  network.layers.forEach((layer, index) => {
    const [inputs, outputs] = [sizes[index], sizes[index + 1]];
    const isOutput = index === network.layers.length - 1;
    if (
      !(layer.weights instanceof Float32Array) ||
      layer.weights.length !== outputs * inputs ||
      !(layer.biases instanceof Float32Array) ||
      layer.biases.length !== outputs
    ) {
      throw new ModelFormatError(
        'invalid-argument',
        `Layer ${index} must have Float32Array weights [${outputs}, ${inputs}] and biases [${outputs}] to match sizes [${sizes.join(', ')}].`,
      );
    }
    if (isOutput !== (layer.activation === OUTPUT_ACTIVATION)) {
      throw new ModelFormatError(
        'invalid-argument',
        `Layer ${index} has activation "${layer.activation}"; only the output layer uses "${OUTPUT_ACTIVATION}".`,
      );
    }
    checkFinite(layer.weights, weightTensorName(index), 'invalid-argument');
    checkFinite(layer.biases, biasTensorName(index), 'invalid-argument');
    tensors.push({
      name: weightTensorName(index),
      dtype: 'F32',
      shape: [outputs, inputs],
      values: layer.weights,
    });
    tensors.push({
      name: biasTensorName(index),
      dtype: 'F32',
      shape: [outputs],
      values: layer.biases,
    });
  });
  return tensors;
}

function defaultInputShape(inputSize: number): [number, number] {
  const side = Math.round(Math.sqrt(inputSize));
  return side * side === inputSize ? [side, side] : [1, inputSize];
}
