// Reads a scratchnet model: the safetensors rules first, then the scratchnet schema
// and tensor list, then the checksum and finiteness of the data, and only then builds
// the network.

import { Network, type TrainerState } from '@scratchnet/network';
import { decodeCheckpoint } from './checkpoint.js';
import { checkFinite } from './finite-check.js';
import { ModelFormatError } from './model-format-error.js';
import { checkModelHeader } from './model-header.js';
import type { HeaderReadOptions, SafetensorsHeader } from './safetensors-header.js';
import { decodeSafetensors, readSafetensorsHeader, tensorValues } from './safetensors-reader.js';
import type { ModelMetadata } from './schema.js';
import { sha256Hex } from './sha256.js';
import { biasTensorName, weightTensorName } from './tensor-names.js';

/** A decoded model, ready for prediction, and its trainer state when the file is a checkpoint. */
export interface DecodedModel {
  network: Network;
  metadata: ModelMetadata;
  checkpoint?: TrainerState;
}

/** A tensor as listed in a header. */
export interface TensorSummary {
  name: string;
  dtype: string;
  shape: number[];
  byteLength: number;
}

/** The header of a model file, checked, without its tensor data. */
export interface ModelHeader {
  metadata: ModelMetadata;
  tensors: TensorSummary[];
  /** Length of the JSON header in bytes, without the 8-byte length prefix. */
  headerByteLength: number;
}

/**
 * Decodes and checks a model file. Throws {@link ModelFormatError} on the first broken
 * rule of the safetensors format or of the scratchnet schema.
 */
export function decodeModel(bytes: Uint8Array, options: HeaderReadOptions = {}): DecodedModel {
  const file = decodeSafetensors(bytes, options);
  const { metadata, spec, checkpoint } = checkModelHeader(file);

  const sha256 = sha256Hex(file.data);
  if (sha256 !== metadata.tensorsSha256) {
    throw new ModelFormatError(
      'checksum-mismatch',
      `The tensor data has SHA-256 ${sha256}, but the header records ${metadata.tensorsSha256}; the weights were changed or damaged after the file was written.`,
    );
  }

  const valuesByName = new Map<string, Float32Array | Uint32Array>();
  for (const tensor of file.tensors) {
    const values = tensorValues(tensor) as Float32Array | Uint32Array;
    if (values instanceof Float32Array) checkFinite(values, tensor.name, 'non-finite-value');
    valuesByName.set(tensor.name, values);
  }

  const parameters = spec.sizes.slice(1).map((_, layer) => ({
    weights: valuesByName.get(weightTensorName(layer)) as Float32Array,
    biases: valuesByName.get(biasTensorName(layer)) as Float32Array,
  }));
  const model: DecodedModel = { network: Network.fromParameters(spec, parameters), metadata };
  if (checkpoint !== undefined) model.checkpoint = decodeCheckpoint(checkpoint, valuesByName);
  return model;
}

/** Reads and checks the header and metadata of a model file without reading its tensors. */
export function readModelHeader(bytes: Uint8Array, options: HeaderReadOptions = {}): ModelHeader {
  return summarizeHeader(readSafetensorsHeader(bytes, options));
}

/** Checks a parsed header as a scratchnet model and lists its tensors. */
export function summarizeHeader(header: SafetensorsHeader): ModelHeader {
  const { metadata } = checkModelHeader(header);
  return {
    metadata,
    tensors: header.tensors.map(({ name, dtype, shape, begin, end }) => ({
      name,
      dtype,
      shape,
      byteLength: end - begin,
    })),
    headerByteLength: header.headerByteLength,
  };
}
