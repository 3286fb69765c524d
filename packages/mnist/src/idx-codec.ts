// Reads and writes IDX files, the format of MNIST and its relatives: a 4-byte
// magic (two zero bytes, a type code, the rank), one big-endian uint32 per
// dimension, then the elements in row-major order, big-endian.
// Format description: http://yann.lecun.com/exdb/mnist/ (section "The IDX file format").

import { describeContent, isGzip } from './content-sniff.js';
import { IdxFormatError } from './errors.js';

/** Element type of an IDX file. */
export type IdxType = 'u8' | 'i8' | 'i16' | 'i32' | 'f32' | 'f64';

/** Typed array holding the elements of an IDX tensor. */
export type IdxData =
  Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

/** An n-dimensional array read from or written to an IDX file; `data` is row-major. */
export interface IdxTensor {
  type: IdxType;
  shape: number[];
  data: IdxData;
}

interface IdxTypeInfo {
  type: IdxType;
  code: number;
  byteSize: number;
}

const IDX_TYPES: readonly IdxTypeInfo[] = [
  { type: 'u8', code: 0x08, byteSize: 1 },
  { type: 'i8', code: 0x09, byteSize: 1 },
  { type: 'i16', code: 0x0b, byteSize: 2 },
  { type: 'i32', code: 0x0c, byteSize: 4 },
  { type: 'f32', code: 0x0d, byteSize: 4 },
  { type: 'f64', code: 0x0e, byteSize: 8 },
];

const TYPE_BY_CODE = new Map(IDX_TYPES.map((info) => [info.code, info]));
const TYPE_BY_NAME = new Map(IDX_TYPES.map((info) => [info.type, info]));

/**
 * Decodes an IDX file. `bytes` must already be decompressed (see `isGzip`).
 * The header (magic, type, rank, dimensions, byte count) is checked against the
 * bytes present before any element is read. `u8` and `i8` data are views over
 * `bytes` (no copy); wider types are copied into a new, aligned typed array.
 *
 * @throws IdxFormatError naming `fileName`, the expected and actual byte counts and a likely cause.
 */
export function decodeIdx(bytes: Uint8Array, fileName = '<bytes>'): IdxTensor {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  // Magic: two zero bytes, the type code and the rank.
  checkMagic(bytes, fileName);
  const info = TYPE_BY_CODE.get(bytes[2]) as IdxTypeInfo;
  const rank = bytes[3];
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) {
    throw new IdxFormatError(
      fileName,
      `${fileName}: IDX header of rank ${rank} needs ${headerBytes} bytes but the file has ${bytes.length}; ` +
        'the file is truncated (an interrupted download?).',
    );
  }

  // Dimensions, big-endian, then the payload size they imply.
  const shape: number[] = [];
  for (let axis = 0; axis < rank; axis++) shape.push(view.getUint32(4 + 4 * axis, false));
  const elementCount = shape.reduce((product, size) => product * size, 1);
  const expectedBytes = headerBytes + elementCount * info.byteSize;
  if (expectedBytes !== bytes.length) {
    throw new IdxFormatError(
      fileName,
      sizeMismatchMessage(bytes, fileName, info, shape, expectedBytes),
    );
  }

  return {
    type: info.type,
    shape,
    data: readElements(view, bytes, headerBytes, info, elementCount),
  };
}

function checkMagic(bytes: Uint8Array, fileName: string): void {
  if (isGzip(bytes)) {
    throw new IdxFormatError(
      fileName,
      `${fileName}: the bytes are gzip-compressed; decompress them before decodeIdx ` +
        '(readIdxFile and mnistFromBuffers do this automatically).',
    );
  }
  if (bytes.length < 4) {
    throw new IdxFormatError(
      fileName,
      `${fileName}: an IDX file needs at least 4 header bytes but has ${bytes.length}; ` +
        'the file is empty or truncated.',
    );
  }
  if (bytes[0] === 0 && bytes[1] === 0 && TYPE_BY_CODE.has(bytes[2])) return;

  // 0x00000803 written little-endian reads 03 08 00 00.
  if (bytes[2] === 0 && bytes[3] === 0 && TYPE_BY_CODE.has(bytes[1])) {
    throw new IdxFormatError(
      fileName,
      `${fileName}: invalid IDX magic ${hexBytes(bytes, 4)}; it looks byte-swapped ` +
        '(written little-endian). IDX header integers are big-endian: rewrite the file with big-endian integers.',
    );
  }
  if (bytes[0] === 0 && bytes[1] === 0) {
    throw new IdxFormatError(
      fileName,
      `${fileName}: unknown IDX type code 0x${bytes[2].toString(16).padStart(2, '0')}; ` +
        'expected 0x08 (u8), 0x09 (i8), 0x0b (i16), 0x0c (i32), 0x0d (f32) or 0x0e (f64).',
    );
  }
  throw new IdxFormatError(
    fileName,
    `${fileName}: not an IDX file (expected the magic 00 00 <type> <rank>); ${describeContent(bytes)}.`,
  );
}

function sizeMismatchMessage(
  bytes: Uint8Array,
  fileName: string,
  info: IdxTypeInfo,
  shape: number[],
  expectedBytes: number,
): string {
  const actualBytes = bytes.length;
  const header = `${fileName}: IDX header says ${info.type} [${shape.join(', ')}], which needs ${expectedBytes} bytes, but the file has ${actualBytes}`;

  const swappedShape = shape.map(swapUint32);
  const swappedBytes =
    4 + 4 * shape.length + swappedShape.reduce((a, b) => a * b, 1) * info.byteSize;
  if (swappedBytes === actualBytes) {
    return `${header}; the dimensions look byte-swapped (written little-endian, [${swappedShape.join(', ')}] when read so). IDX dimensions are big-endian uint32.`;
  }
  if (actualBytes < expectedBytes) {
    return `${header}; the file is truncated (an interrupted download or copy?). Download it again.`;
  }
  return `${header}; ${actualBytes - expectedBytes} bytes are left over (two files joined, or a wrong header?).`;
}

function swapUint32(value: number): number {
  return (
    (((value & 0xff) << 24) |
      ((value & 0xff00) << 8) |
      ((value >>> 8) & 0xff00) |
      (value >>> 24)) >>>
    0
  );
}

function hexBytes(bytes: Uint8Array, count: number): string {
  return Array.from(bytes.subarray(0, count), (byte) => byte.toString(16).padStart(2, '0')).join(
    ' ',
  );
}

// Typed arrays use the platform byte order and need aligned offsets, so every
// type wider than a byte is read element by element through the DataView.
function readElements(
  view: DataView,
  bytes: Uint8Array,
  offset: number,
  info: IdxTypeInfo,
  count: number,
): IdxData {
  switch (info.type) {
    case 'u8':
      // A plain Uint8Array even when `bytes` is a Node Buffer, whose slice() would not copy.
      return new Uint8Array(bytes.buffer, bytes.byteOffset + offset, count);
    case 'i8':
      return new Int8Array(bytes.buffer, bytes.byteOffset + offset, count);
    case 'i16': {
      const data = new Int16Array(count);
      for (let i = 0; i < count; i++) data[i] = view.getInt16(offset + 2 * i, false);
      return data;
    }
    case 'i32': {
      const data = new Int32Array(count);
      for (let i = 0; i < count; i++) data[i] = view.getInt32(offset + 4 * i, false);
      return data;
    }
    case 'f32': {
      const data = new Float32Array(count);
      for (let i = 0; i < count; i++) data[i] = view.getFloat32(offset + 4 * i, false);
      return data;
    }
    case 'f64': {
      const data = new Float64Array(count);
      for (let i = 0; i < count; i++) data[i] = view.getFloat64(offset + 8 * i, false);
      return data;
    }
  }
}

/**
 * Encodes a tensor as an IDX file (big-endian header and elements).
 *
 * @throws Error when the type is unknown, the data array does not match the type,
 *   the rank exceeds 255, a dimension is not a uint32, or `data.length` differs from the shape's product.
 */
export function encodeIdx(tensor: IdxTensor): Uint8Array {
  const info = TYPE_BY_NAME.get(tensor.type);
  if (info === undefined) {
    throw new Error(
      `encodeIdx: unknown IDX type "${String(tensor.type)}"; expected one of ${IDX_TYPES.map((t) => t.type).join(', ')}.`,
    );
  }
  checkEncodable(tensor, info);

  const { shape, data } = tensor;
  const headerBytes = 4 + 4 * shape.length;
  const bytes = new Uint8Array(headerBytes + data.length * info.byteSize);
  const view = new DataView(bytes.buffer);

  // Header.
  bytes[2] = info.code;
  bytes[3] = shape.length;
  shape.forEach((size, axis) => view.setUint32(4 + 4 * axis, size, false));

  // Elements, big-endian.
  switch (info.type) {
    case 'u8':
    case 'i8':
      bytes.set(new Uint8Array(data.buffer, data.byteOffset, data.length), headerBytes);
      break;
    case 'i16':
      for (let i = 0; i < data.length; i++) view.setInt16(headerBytes + 2 * i, data[i], false);
      break;
    case 'i32':
      for (let i = 0; i < data.length; i++) view.setInt32(headerBytes + 4 * i, data[i], false);
      break;
    case 'f32':
      for (let i = 0; i < data.length; i++) view.setFloat32(headerBytes + 4 * i, data[i], false);
      break;
    case 'f64':
      for (let i = 0; i < data.length; i++) view.setFloat64(headerBytes + 8 * i, data[i], false);
      break;
  }
  return bytes;
}

const ARRAY_FOR_TYPE = {
  u8: Uint8Array,
  i8: Int8Array,
  i16: Int16Array,
  i32: Int32Array,
  f32: Float32Array,
  f64: Float64Array,
} as const;

function checkEncodable(tensor: IdxTensor, info: IdxTypeInfo): void {
  const expectedArray = ARRAY_FOR_TYPE[info.type];
  if (!(tensor.data instanceof expectedArray)) {
    throw new Error(
      `encodeIdx: type "${info.type}" needs a ${expectedArray.name} but data is a ${tensor.data.constructor.name}.`,
    );
  }
  if (tensor.shape.length > 255) {
    throw new Error(
      `encodeIdx: rank ${tensor.shape.length} is too large; IDX stores the rank in one byte (at most 255).`,
    );
  }
  for (const size of tensor.shape) {
    if (!Number.isInteger(size) || size < 0 || size > 0xffffffff) {
      throw new Error(
        `encodeIdx: dimension ${size} in shape [${tensor.shape.join(', ')}] is not a uint32.`,
      );
    }
  }
  const elementCount = tensor.shape.reduce((product, size) => product * size, 1);
  if (elementCount !== tensor.data.length) {
    throw new Error(
      `encodeIdx: shape [${tensor.shape.join(', ')}] has ${elementCount} elements but data has ${tensor.data.length}.`,
    );
  }
}
