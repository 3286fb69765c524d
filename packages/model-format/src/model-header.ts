// The scratchnet checks that need only the header: schema, architecture, and that the
// tensors listed are exactly the ones the architecture (and checkpoint) call for.

import type { Activation, NetworkSpec } from '@scratchnet/network';
import { ModelFormatError } from './model-format-error.js';
import type { SafetensorsHeader, TensorInfo } from './safetensors-header.js';
import { checkCheckpointMetadata, checkModelMetadata } from './schema-check.js';
import type { CheckpointMetadata, ModelMetadata } from './schema.js';
import { parameterTensors } from './tensor-names.js';

/** Hidden activations a scratchnet network supports. */
export const HIDDEN_ACTIVATIONS: readonly Activation[] = [
  'relu',
  'leaky-relu',
  'sigmoid',
  'tanh',
  'identity',
];

/** Activation after the output layer. */
export const OUTPUT_ACTIVATION = 'softmax';

/** The checked scratchnet view of a header. */
export interface ModelHeaderCheck {
  metadata: ModelMetadata;
  spec: NetworkSpec;
  checkpoint?: CheckpointMetadata;
}

/** Checks the scratchnet metadata of `header` and that its tensors match the architecture. */
export function checkModelHeader(header: SafetensorsHeader): ModelHeaderCheck {
  const metadata = checkModelMetadata(header.metadata);
  const spec = specFromArchitecture(metadata);
  const checkpoint =
    header.metadata === undefined ? undefined : checkCheckpointMetadata(header.metadata);

  const tensorsByName = new Map(header.tensors.map((tensor) => [tensor.name, tensor]));
  const expected: ExpectedTensor[] = parameterTensors(metadata.architecture.sizes).map(
    (tensor) => ({ ...tensor, dtype: 'F32' }),
  );
  if (checkpoint !== undefined) expected.push(...checkpointTensorShapes(checkpoint, tensorsByName));

  const expectedNames = new Set<string>();
  for (const { name, shape, dtype } of expected) {
    const tensor = tensorsByName.get(name);
    if (tensor === undefined) {
      throw new ModelFormatError(
        'missing-tensor',
        `Tensor ${JSON.stringify(name)} is missing; the architecture [${metadata.architecture.sizes.join(', ')}] and checkpoint description call for ${listNames(expected)}.`,
      );
    }
    if (expectedNames.has(name)) {
      throw new ModelFormatError(
        'invalid-checkpoint',
        `Tensor ${JSON.stringify(name)} is named twice in the checkpoint description; each optimizer slot array needs its own tensor.`,
      );
    }
    expectedNames.add(name);
    if (tensor.dtype !== dtype) {
      throw new ModelFormatError(
        'dtype-mismatch',
        `Tensor ${JSON.stringify(name)} has dtype ${tensor.dtype}; scratchnet stores it as ${dtype}.`,
      );
    }
    if (shape !== undefined && !sameShape(tensor.shape, shape)) {
      throw new ModelFormatError(
        'shape-mismatch',
        `Tensor ${JSON.stringify(name)} has shape [${tensor.shape.join(', ')}], but the architecture [${metadata.architecture.sizes.join(', ')}] needs [${shape.join(', ')}].`,
      );
    }
  }

  for (const tensor of header.tensors) {
    if (!expectedNames.has(tensor.name)) {
      throw new ModelFormatError(
        'unexpected-tensor',
        `Tensor ${JSON.stringify(tensor.name)} belongs to neither the architecture nor a checkpoint; the file is not a scratchnet model as written.`,
      );
    }
  }

  const result: ModelHeaderCheck = { metadata, spec };
  if (checkpoint !== undefined) result.checkpoint = checkpoint;
  return result;
}

function specFromArchitecture(metadata: ModelMetadata): NetworkSpec {
  const { sizes, activations } = metadata.architecture;
  const path = 'scratchnet.architecture.activations';
  if (activations[activations.length - 1] !== OUTPUT_ACTIVATION) {
    throw new ModelFormatError(
      'invalid-schema',
      `Invalid scratchnet metadata: ${path} ends with ${JSON.stringify(activations[activations.length - 1])}; the output layer is always "${OUTPUT_ACTIVATION}".`,
    );
  }

  const hidden = activations.slice(0, -1);
  for (const [index, activation] of hidden.entries()) {
    if (
      !(HIDDEN_ACTIVATIONS as readonly string[]).includes(activation) ||
      activation !== hidden[0]
    ) {
      throw new ModelFormatError(
        'invalid-schema',
        `Invalid scratchnet metadata: ${path}[${index}] is ${JSON.stringify(activation)}; expected one of ${HIDDEN_ACTIVATIONS.join(', ')}, the same for every hidden layer.`,
      );
    }
  }
  // NOTE: a network without hidden layers records no hidden activation, so it decodes with 'relu' (unused).
  return { sizes: [...sizes], activation: (hidden[0] as Activation | undefined) ?? 'relu' };
}

/** A tensor the header must list, with its dtype and, where fixed, its shape. */
interface ExpectedTensor {
  name: string;
  dtype: string;
  shape?: number[];
}

/** Dtype of each tensor a checkpoint description names; their shapes vary with the optimizer. */
function checkpointTensorShapes(
  checkpoint: CheckpointMetadata,
  tensorsByName: Map<string, TensorInfo>,
): ExpectedTensor[] {
  const randomState = tensorsByName.get(checkpoint.randomStateTensor);
  const tensors: ExpectedTensor[] = [{ name: checkpoint.randomStateTensor, dtype: 'U32' }];
  if (randomState !== undefined && randomState.shape.length !== 1) {
    throw new ModelFormatError(
      'invalid-checkpoint',
      `Checkpoint tensor ${JSON.stringify(checkpoint.randomStateTensor)} has shape [${randomState.shape.join(', ')}]; the random generator state is one-dimensional.`,
    );
  }
  for (const names of Object.values(checkpoint.optimizer.slots)) {
    for (const name of names) tensors.push({ name, dtype: 'F32' });
  }
  return tensors;
}

/** Lists up to 8 tensor names, so a hostile header cannot make a message megabytes long. */
function listNames(tensors: readonly ExpectedTensor[]): string {
  const shown = tensors.slice(0, 8).map((tensor) => tensor.name);
  return tensors.length > shown.length
    ? `${shown.join(', ')} and ${tensors.length - shown.length} more`
    : shown.join(', ');
}

function sameShape(actual: readonly number[], expected: readonly number[]): boolean {
  return (
    actual.length === expected.length && actual.every((size, index) => size === expected[index])
  );
}
