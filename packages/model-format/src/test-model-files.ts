// Builders of scratchnet model files for tests, written with the generic writer so that
// tests can break one rule at a time without going through encodeModel.

import { encodeSafetensors, type TensorToWrite } from './safetensors-writer.js';
import { FORMAT_NAME, FORMAT_VERSION, METADATA_KEYS, MNIST_PREPROCESSING } from './schema.js';
import { sha256Hex } from './sha256.js';
import { parameterTensors } from './tensor-names.js';

/** Parts of a test model file; each can be replaced to break one rule. */
export interface TestModelParts {
  sizes: number[];
  /** The scratchnet JSON document before it is stringified. */
  description: Record<string, unknown>;
  tensors: TensorToWrite[];
  /** Extra or replaced `__metadata__` entries. */
  metadata: Record<string, string>;
}

/** Returns the parts of a valid model with these sizes and ReLU hidden layers; parameter values count up from 0.01. */
export function validModelParts(sizes: number[] = [4, 3, 2]): TestModelParts {
  const tensors = parameterTensors(sizes).map(({ name, shape }) => {
    const values = new Float32Array(shape.reduce((product, size) => product * size, 1));
    values.forEach((_, i) => (values[i] = (i + 1) / 100));
    return { name, dtype: 'F32' as const, shape, values };
  });
  const description = {
    architecture: {
      sizes,
      activations: [...sizes.slice(2).map(() => 'relu'), 'softmax'],
      inputShape: [1, sizes[0]],
    },
    preprocessing: { ...MNIST_PREPROCESSING },
    classLabels: Array.from({ length: sizes[sizes.length - 1] }, (_, index) => String(index)),
  };
  return { sizes, description, tensors, metadata: {} };
}

/** Encodes the parts, filling in the checksum of the data unless the description sets one. */
export function buildModelFile(parts: TestModelParts): Uint8Array {
  return encodeSafetensors(parts.tensors, (data) => ({
    [METADATA_KEYS.format]: FORMAT_NAME,
    [METADATA_KEYS.version]: String(FORMAT_VERSION),
    [METADATA_KEYS.model]: JSON.stringify({ tensorsSha256: sha256Hex(data), ...parts.description }),
    ...parts.metadata,
  }));
}
