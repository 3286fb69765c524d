// The generic safetensors reader: checks the whole header against the file before it
// copies any tensor bytes, then returns each tensor in its own aligned buffer.

import type { SafetensorsDType } from './dtypes.js';
import {
  HEADER_LENGTH_BYTES,
  parseHeader,
  readHeaderByteLength,
  type HeaderReadOptions,
  type SafetensorsHeader,
} from './safetensors-header.js';
import { copyAligned, littleEndianToArray, type TensorArray } from './tensor-bytes.js';

/** One tensor read from a file; `bytes` is a little-endian copy the caller owns. */
export interface SafetensorsTensor {
  name: string;
  dtype: SafetensorsDType;
  shape: number[];
  /** The tensor's little-endian bytes, copied into a fresh 8-byte-aligned buffer. */
  bytes: Uint8Array;
}

/** A whole decoded file: tensors in header order, metadata and section sizes. */
export interface SafetensorsFile extends SafetensorsHeader {
  tensors: (SafetensorsHeader['tensors'][number] & SafetensorsTensor)[];
  /** The data section itself (a view into the input, not a copy). */
  data: Uint8Array;
}

/**
 * Reads and checks only the header of a safetensors file held in `bytes`. The data
 * section is not read, but its size must match the offsets in the header.
 */
export function readSafetensorsHeader(
  bytes: Uint8Array,
  options: HeaderReadOptions = {},
): SafetensorsHeader {
  const headerByteLength = readHeaderByteLength(bytes, bytes.byteLength, options);
  const headerBytes = bytes.subarray(HEADER_LENGTH_BYTES, HEADER_LENGTH_BYTES + headerByteLength);
  return parseHeader(headerBytes, bytes.byteLength - HEADER_LENGTH_BYTES - headerByteLength);
}

/** Decodes a safetensors file, checking every rule of the format before reading data. */
export function decodeSafetensors(
  bytes: Uint8Array,
  options: HeaderReadOptions = {},
): SafetensorsFile {
  const header = readSafetensorsHeader(bytes, options);
  const dataOffset = HEADER_LENGTH_BYTES + header.headerByteLength;
  const data = bytes.subarray(dataOffset);

  // Offsets were checked against the data size above, so each copy is within bounds.
  const tensors = header.tensors.map((tensor) => ({
    ...tensor,
    bytes: copyAligned(data, tensor.begin, tensor.end - tensor.begin),
  }));
  return { ...header, tensors, data };
}

/**
 * Returns a tensor's elements as the typed array of its dtype (Float32Array for F32,
 * BigInt64Array for I64, raw Uint16 bits for F16 and BF16, ...).
 */
export function tensorValues(tensor: Pick<SafetensorsTensor, 'dtype' | 'bytes'>): TensorArray {
  return littleEndianToArray(tensor.bytes, tensor.dtype);
}
