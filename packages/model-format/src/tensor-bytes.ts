// Conversion between typed arrays and the little-endian bytes safetensors stores.
// Typed-array views are made only over fresh, aligned copies; on a big-endian
// platform every element goes through DataView with an explicit byte order.

import { DTYPE_BYTE_SIZES, type SafetensorsDType } from './dtypes.js';

/** A typed array that can hold the elements of some safetensors dtype. */
export type TensorArray =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array
  | BigUint64Array
  | BigInt64Array;

type TensorArrayConstructor = {
  new (buffer: ArrayBuffer): TensorArray;
  new (length: number): TensorArray;
  readonly name: string;
};

/**
 * The typed array type for each dtype's elements. F16 and BF16 map to Uint16Array and
 * the F8 formats to Uint8Array: the elements are then raw bit patterns, not numbers.
 */
export const DTYPE_ARRAYS: Readonly<Record<SafetensorsDType, TensorArrayConstructor>> = {
  BOOL: Uint8Array,
  U8: Uint8Array,
  I8: Int8Array,
  F8_E4M3: Uint8Array,
  F8_E5M2: Uint8Array,
  U16: Uint16Array,
  I16: Int16Array,
  F16: Uint16Array,
  BF16: Uint16Array,
  U32: Uint32Array,
  I32: Int32Array,
  F32: Float32Array,
  U64: BigUint64Array,
  I64: BigInt64Array,
  F64: Float64Array,
};

/** Whether this platform stores multi-byte numbers little-endian (every common one does). */
export const PLATFORM_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Copies `byteLength` bytes of `source` at `byteOffset` into a new, 8-byte-aligned buffer. */
export function copyAligned(
  source: Uint8Array,
  byteOffset: number,
  byteLength: number,
): Uint8Array {
  const copy = new Uint8Array(new ArrayBuffer(byteLength));
  copy.set(source.subarray(byteOffset, byteOffset + byteLength));
  return copy;
}

/**
 * Returns the elements of little-endian `bytes` as a typed array of `dtype`'s kind.
 * `bytes.byteLength` must be a multiple of the dtype size (the reader checks it first).
 * Tests pass `nativeIsLittleEndian = false` to run the big-endian path.
 */
export function littleEndianToArray(
  bytes: Uint8Array,
  dtype: SafetensorsDType,
  nativeIsLittleEndian = PLATFORM_IS_LITTLE_ENDIAN,
): TensorArray {
  const ArrayType = DTYPE_ARRAYS[dtype];
  const elementSize = DTYPE_BYTE_SIZES[dtype];
  const aligned = copyAligned(bytes, 0, bytes.byteLength);
  if (nativeIsLittleEndian || elementSize === 1)
    return new ArrayType(aligned.buffer as ArrayBuffer);

  const values = new ArrayType(bytes.byteLength / elementSize);
  const elements = values as unknown as (number | bigint)[];
  const view = new DataView(aligned.buffer);
  for (let i = 0; i < values.length; i++) elements[i] = readElement(view, i * elementSize, dtype);
  return values;
}

/**
 * Writes the elements of `values` into `out` at `byteOffset`, little-endian. Tests pass
 * `nativeIsLittleEndian = false` to run the big-endian path.
 */
export function writeLittleEndian(
  out: Uint8Array,
  byteOffset: number,
  values: TensorArray,
  dtype: SafetensorsDType,
  nativeIsLittleEndian = PLATFORM_IS_LITTLE_ENDIAN,
): void {
  const elementSize = DTYPE_BYTE_SIZES[dtype];
  if (nativeIsLittleEndian || elementSize === 1) {
    out.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), byteOffset);
    return;
  }
  const view = new DataView(out.buffer, out.byteOffset + byteOffset, values.length * elementSize);
  for (let i = 0; i < values.length; i++) writeElement(view, i * elementSize, dtype, values[i]);
}

function readElement(view: DataView, byteOffset: number, dtype: SafetensorsDType): number | bigint {
  switch (dtype) {
    case 'I16':
      return view.getInt16(byteOffset, true);
    case 'U32':
      return view.getUint32(byteOffset, true);
    case 'I32':
      return view.getInt32(byteOffset, true);
    case 'F32':
      return view.getFloat32(byteOffset, true);
    case 'F64':
      return view.getFloat64(byteOffset, true);
    case 'U64':
      return view.getBigUint64(byteOffset, true);
    case 'I64':
      return view.getBigInt64(byteOffset, true);
    default:
      return view.getUint16(byteOffset, true);
  }
}

function writeElement(
  view: DataView,
  byteOffset: number,
  dtype: SafetensorsDType,
  value: number | bigint,
): void {
  switch (dtype) {
    case 'I16':
      return view.setInt16(byteOffset, Number(value), true);
    case 'U32':
      return view.setUint32(byteOffset, Number(value), true);
    case 'I32':
      return view.setInt32(byteOffset, Number(value), true);
    case 'F32':
      return view.setFloat32(byteOffset, Number(value), true);
    case 'F64':
      return view.setFloat64(byteOffset, Number(value), true);
    case 'U64':
      return view.setBigUint64(byteOffset, BigInt(value), true);
    case 'I64':
      return view.setBigInt64(byteOffset, BigInt(value), true);
    default:
      return view.setUint16(byteOffset, Number(value), true);
  }
}
