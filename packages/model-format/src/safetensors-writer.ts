// The generic safetensors writer: a header padded with spaces so the data section
// starts 8-byte aligned, then each tensor's bytes little-endian, in the order given.

import { DTYPE_BYTE_SIZES, isSafetensorsDType, type SafetensorsDType } from './dtypes.js';
import { ModelFormatError } from './model-format-error.js';
import { HEADER_LENGTH_BYTES, MAX_HEADER_BYTE_LENGTH, METADATA_KEY } from './safetensors-header.js';
import { DTYPE_ARRAYS, writeLittleEndian, type TensorArray } from './tensor-bytes.js';

/** A tensor to write: its elements in the typed array that {@link DTYPE_ARRAYS} names for its dtype. */
export interface TensorToWrite {
  name: string;
  dtype: SafetensorsDType;
  shape: number[];
  values: TensorArray;
}

/**
 * Encodes `tensors` (in order) and optional string metadata as a safetensors file.
 * `metadata` may be a function of the finished data section, so it can carry a checksum.
 */
export function encodeSafetensors(
  tensors: TensorToWrite[],
  metadata?: Record<string, string> | ((data: Uint8Array) => Record<string, string>),
): Uint8Array {
  // Null-prototype objects, so a tensor named "__proto__" stays an ordinary key.
  const entries: Record<string, unknown> = Object.create(null);
  let dataByteLength = 0;
  for (const tensor of tensors) {
    checkTensor(tensor, entries);
    const begin = dataByteLength;
    dataByteLength += tensor.values.byteLength;
    entries[tensor.name] = {
      dtype: tensor.dtype,
      shape: tensor.shape,
      data_offsets: [begin, dataByteLength],
    };
  }

  const data = new Uint8Array(dataByteLength);
  let offset = 0;
  for (const tensor of tensors) {
    writeLittleEndian(data, offset, tensor.values, tensor.dtype);
    offset += tensor.values.byteLength;
  }

  const header: Record<string, unknown> = Object.create(null);
  if (metadata !== undefined)
    header[METADATA_KEY] = checkMetadata(
      typeof metadata === 'function' ? metadata(data) : metadata,
    );
  Object.assign(header, entries);

  // Spaces after the JSON are allowed by the format; they align the data section to 8 bytes.
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerByteLength = Math.ceil(json.byteLength / 8) * 8;
  if (headerByteLength > MAX_HEADER_BYTE_LENGTH) {
    throw new ModelFormatError(
      'invalid-argument',
      `The header would take ${headerByteLength} bytes, above the ${MAX_HEADER_BYTE_LENGTH}-byte limit readers accept.`,
    );
  }

  const bytes = new Uint8Array(HEADER_LENGTH_BYTES + headerByteLength + dataByteLength);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(headerByteLength), true);
  bytes.set(json, HEADER_LENGTH_BYTES);
  bytes.fill(0x20, HEADER_LENGTH_BYTES + json.byteLength, HEADER_LENGTH_BYTES + headerByteLength);
  bytes.set(data, HEADER_LENGTH_BYTES + headerByteLength);
  return bytes;
}

function checkMetadata(metadata: Record<string, string>): Record<string, string> {
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value !== 'string') {
      throw new ModelFormatError(
        'invalid-argument',
        `Metadata value ${JSON.stringify(key)} is a ${typeof value}; safetensors metadata values must be strings.`,
      );
    }
  }
  return metadata;
}

function checkTensor(tensor: TensorToWrite, header: Record<string, unknown>): void {
  const where = `Tensor ${JSON.stringify(tensor.name)}`;
  if (tensor.name === METADATA_KEY || Object.hasOwn(header, tensor.name)) {
    throw new ModelFormatError(
      'invalid-argument',
      `${where} is named twice or uses the reserved name ${METADATA_KEY}; tensor names must be unique.`,
    );
  }
  if (!isSafetensorsDType(tensor.dtype)) {
    throw new ModelFormatError(
      'invalid-argument',
      `${where} has dtype ${JSON.stringify(tensor.dtype)}, which is not one of ${Object.keys(DTYPE_BYTE_SIZES).join(', ')}.`,
    );
  }
  const ArrayType = DTYPE_ARRAYS[tensor.dtype];
  if (!(tensor.values instanceof ArrayType)) {
    throw new ModelFormatError(
      'invalid-argument',
      `${where} has dtype ${tensor.dtype}, so its values must be a ${ArrayType.name}.`,
    );
  }
  if (
    !Array.isArray(tensor.shape) ||
    !tensor.shape.every((size) => Number.isSafeInteger(size) && size >= 0)
  ) {
    throw new ModelFormatError(
      'invalid-argument',
      `${where} has shape ${JSON.stringify(tensor.shape)}; expected an array of non-negative integers.`,
    );
  }
  const elementCount = tensor.shape.reduce((product, size) => product * size, 1);
  if (elementCount !== tensor.values.length) {
    throw new ModelFormatError(
      'invalid-argument',
      `${where} has shape [${tensor.shape.join(', ')}] (${elementCount} elements) but ${tensor.values.length} values.`,
    );
  }
}
