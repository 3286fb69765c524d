// Validation of a safetensors header: the 8-byte length prefix, then the JSON header
// itself, against every rule of the format. Nothing here reads tensor data, so a file
// reader can check a header before it reads (or allocates for) the rest of the file.

import { DTYPE_BYTE_SIZES, isSafetensorsDType, type SafetensorsDType } from './dtypes.js';
import { findDuplicateKey } from './json-duplicate-keys.js';
import { ModelFormatError } from './model-format-error.js';

/** Bytes of the little-endian unsigned 64-bit header length at the start of a file. */
export const HEADER_LENGTH_BYTES = 8;

/**
 * Largest JSON header accepted, in bytes (16 MiB). A scratchnet header is a few KiB;
 * the limit keeps a hostile length from making a reader allocate or parse gigabytes.
 */
export const MAX_HEADER_BYTE_LENGTH = 16 * 1024 * 1024;

/** Key of the optional string-to-string map in a safetensors header. */
export const METADATA_KEY = '__metadata__';

/** One tensor entry of a header. Offsets count from the start of the data section. */
export interface TensorInfo {
  name: string;
  dtype: SafetensorsDType;
  shape: number[];
  /** First byte of the tensor in the data section. */
  begin: number;
  /** One past the last byte of the tensor in the data section. */
  end: number;
}

/**
 * A validated header: the tensors and the optional metadata. Tensors keep header order,
 * except that integer-like names ("0", "17") come first, as in every parsed JSON object.
 */
export interface SafetensorsHeader {
  tensors: TensorInfo[];
  metadata?: Record<string, string>;
  /** Length of the JSON header in bytes, without the 8-byte length prefix. */
  headerByteLength: number;
  /** Bytes in the data section, which starts right after the header. */
  dataByteLength: number;
}

/** Options for reading a safetensors header. */
export interface HeaderReadOptions {
  /** Largest accepted JSON header in bytes; defaults to {@link MAX_HEADER_BYTE_LENGTH}. */
  maxHeaderByteLength?: number;
}

const TENSOR_FIELDS = ['dtype', 'shape', 'data_offsets'];
const OPEN_BRACE = 0x7b;
const DAMAGED = 'The file is damaged or was not written as safetensors.';

/**
 * Reads and checks the header length from the first 8 bytes of a file of
 * `fileByteLength` bytes: within the limit and within the file.
 */
export function readHeaderByteLength(
  prefix: Uint8Array,
  fileByteLength: number,
  options: HeaderReadOptions = {},
): number {
  const maxHeaderByteLength = options.maxHeaderByteLength ?? MAX_HEADER_BYTE_LENGTH;
  if (prefix.byteLength < HEADER_LENGTH_BYTES || fileByteLength < HEADER_LENGTH_BYTES) {
    throw new ModelFormatError(
      'file-too-short',
      `A safetensors file starts with an 8-byte header length, but this file has ${Math.min(prefix.byteLength, fileByteLength)} bytes. ${DAMAGED}`,
    );
  }

  const view = new DataView(prefix.buffer, prefix.byteOffset, HEADER_LENGTH_BYTES);
  const low = view.getUint32(0, true);
  const high = view.getUint32(4, true);
  if (high !== 0 || low > maxHeaderByteLength) {
    const length = (BigInt(high) << 32n) | BigInt(low);
    throw new ModelFormatError(
      'header-too-large',
      `The header length in bytes 0-7 is ${length}, above the limit of ${maxHeaderByteLength} bytes. ${DAMAGED}`,
    );
  }
  if (low > fileByteLength - HEADER_LENGTH_BYTES) {
    throw new ModelFormatError(
      'header-out-of-bounds',
      `The header length in bytes 0-7 is ${low}, but only ${fileByteLength - HEADER_LENGTH_BYTES} bytes follow it; the file is truncated or damaged.`,
    );
  }
  return low;
}

/**
 * Parses and checks the JSON header bytes of a file whose data section has
 * `dataByteLength` bytes. Throws {@link ModelFormatError} on the first broken rule.
 */
export function parseHeader(headerBytes: Uint8Array, dataByteLength: number): SafetensorsHeader {
  const root = parseHeaderJson(headerBytes);
  const tensors: TensorInfo[] = [];
  let metadata: Record<string, string> | undefined;

  for (const [name, entry] of Object.entries(root)) {
    if (name === METADATA_KEY) metadata = checkMetadata(entry);
    else tensors.push(checkTensorEntry(name, entry, dataByteLength));
  }
  checkCoverage(tensors, dataByteLength);

  const header: SafetensorsHeader = {
    tensors,
    headerByteLength: headerBytes.byteLength,
    dataByteLength,
  };
  if (metadata !== undefined) header.metadata = metadata;
  return header;
}

function parseHeaderJson(headerBytes: Uint8Array): Record<string, unknown> {
  if (headerBytes.byteLength === 0 || headerBytes[0] !== OPEN_BRACE) {
    const found =
      headerBytes.byteLength === 0
        ? 'an empty header'
        : `byte 0x${headerBytes[0].toString(16).padStart(2, '0')}`;
    throw new ModelFormatError(
      'header-not-object',
      `The JSON header must begin with '{' at byte 8, but found ${found}. ${DAMAGED}`,
    );
  }

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(headerBytes);
  } catch (error) {
    throw new ModelFormatError(
      'header-not-utf8',
      `The JSON header (bytes 8-${8 + headerBytes.byteLength - 1}) is not valid UTF-8. ${DAMAGED}`,
      {
        cause: error,
      },
    );
  }

  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    throw new ModelFormatError(
      'header-not-json',
      `The header is not valid JSON (${(error as Error).message}). ${DAMAGED}`,
      { cause: error },
    );
  }
  if (!isPlainObject(root)) {
    throw new ModelFormatError(
      'header-not-object',
      `The JSON header must be an object, but it is ${describeJson(root)}. ${DAMAGED}`,
    );
  }

  const duplicate = findDuplicateKey(text);
  if (duplicate !== undefined) {
    throw new ModelFormatError(
      'duplicate-key',
      `The header contains the key ${JSON.stringify(duplicate.key)} twice in one object (second at character ${duplicate.offset}); a reader could not tell which entry is meant.`,
    );
  }
  return root;
}

function checkMetadata(entry: unknown): Record<string, string> {
  if (!isPlainObject(entry)) {
    throw new ModelFormatError(
      'invalid-metadata',
      `"${METADATA_KEY}" must be an object of strings, but it is ${describeJson(entry)}.`,
    );
  }
  for (const [key, value] of Object.entries(entry)) {
    if (typeof value !== 'string') {
      throw new ModelFormatError(
        'invalid-metadata',
        `"${METADATA_KEY}" value ${JSON.stringify(key)} must be a string, but it is ${describeJson(value)}.`,
      );
    }
  }
  return entry as Record<string, string>;
}

function checkTensorEntry(name: string, entry: unknown, dataByteLength: number): TensorInfo {
  const where = `Tensor ${JSON.stringify(name)}`;
  if (!isPlainObject(entry)) {
    throw new ModelFormatError(
      'invalid-tensor-entry',
      `${where} must be an object with dtype, shape and data_offsets, but it is ${describeJson(entry)}.`,
    );
  }
  for (const field of TENSOR_FIELDS) {
    if (!Object.hasOwn(entry, field))
      throw new ModelFormatError('invalid-tensor-entry', `${where} has no "${field}" field.`);
  }
  for (const field of Object.keys(entry)) {
    if (!TENSOR_FIELDS.includes(field)) {
      throw new ModelFormatError(
        'invalid-tensor-entry',
        `${where} has the unknown field ${JSON.stringify(field)}; expected only dtype, shape and data_offsets.`,
      );
    }
  }

  const { dtype, shape, data_offsets: offsets } = entry;
  if (!isSafetensorsDType(dtype)) {
    throw new ModelFormatError(
      'unknown-dtype',
      `${where} has dtype ${JSON.stringify(dtype)}, which is not one of ${Object.keys(DTYPE_BYTE_SIZES).join(', ')}.`,
    );
  }
  if (!Array.isArray(shape) || !shape.every(isNonNegativeSafeInteger)) {
    throw new ModelFormatError(
      'invalid-shape',
      `${where} has shape ${JSON.stringify(shape)}; expected an array of non-negative integers.`,
    );
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isNonNegativeSafeInteger)) {
    throw new ModelFormatError(
      'invalid-offsets',
      `${where} has data_offsets ${JSON.stringify(offsets)}; expected [begin, end] with non-negative integers.`,
    );
  }

  const [begin, end] = offsets as [number, number];
  if (begin > end || end > dataByteLength) {
    throw new ModelFormatError(
      'invalid-offsets',
      `${where} has data_offsets [${begin}, ${end}], but offsets must satisfy begin <= end <= ${dataByteLength} (the size of the data section).`,
    );
  }
  const byteLength = end - begin;
  const expected = expectedByteLength(shape as number[], DTYPE_BYTE_SIZES[dtype], byteLength);
  if (expected !== byteLength) {
    throw new ModelFormatError(
      'byte-length-mismatch',
      `${where} has ${byteLength} bytes (data_offsets [${begin}, ${end}]), but ${dtype} with shape [${(shape as number[]).join(', ')}] needs ${expected ?? 'more than ' + byteLength}.`,
    );
  }
  return { name, dtype, shape: shape as number[], begin, end };
}

/**
 * Returns element count × element size, or undefined once the product passes
 * `limit`, so a huge shape never produces an unsafe or rounded number.
 */
function expectedByteLength(
  shape: number[],
  elementSize: number,
  limit: number,
): number | undefined {
  if (shape.includes(0)) return 0;
  let byteLength = elementSize;
  for (const size of shape) {
    byteLength *= size;
    if (byteLength > limit) return undefined;
  }
  return byteLength;
}

/** Checks that the tensors tile the data section exactly: no gap, no overlap, no tail. */
function checkCoverage(tensors: TensorInfo[], dataByteLength: number): void {
  const byOffset = [...tensors].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let cursor = 0;
  let previous: TensorInfo | undefined;

  for (const tensor of byOffset) {
    if (tensor.begin < cursor) {
      throw new ModelFormatError(
        'data-overlap',
        `Tensor ${JSON.stringify(tensor.name)} [${tensor.begin}, ${tensor.end}] overlaps tensor ${JSON.stringify(previous?.name)} [${previous?.begin}, ${previous?.end}] in the data section.`,
      );
    }
    if (tensor.begin > cursor) {
      throw new ModelFormatError(
        'data-gap',
        `Bytes ${cursor}-${tensor.begin - 1} of the data section belong to no tensor (next is ${JSON.stringify(tensor.name)} at ${tensor.begin}); the format allows no holes.`,
      );
    }
    cursor = tensor.end;
    previous = tensor;
  }

  if (cursor !== dataByteLength) {
    throw new ModelFormatError(
      'data-size-mismatch',
      `The tensors end at byte ${cursor} of the data section, but the file has ${dataByteLength} data bytes; ${dataByteLength - cursor} trailing bytes belong to no tensor.`,
    );
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonNegativeSafeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
