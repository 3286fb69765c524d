import { describe, expect, test } from 'vitest';
import { decodeSafetensors, tensorValues } from './safetensors-reader.js';
import { encodeSafetensors, type TensorToWrite } from './safetensors-writer.js';

const specialFloats = [
  0,
  -0,
  1,
  -1,
  1e-45,
  -1e-45,
  1.1754942e-38,
  3.4028235e38,
  -3.4028235e38,
  Infinity,
  -Infinity,
  NaN,
  Math.PI,
];

const tensors: TensorToWrite[] = [
  {
    name: 'f32',
    dtype: 'F32',
    shape: [specialFloats.length],
    values: Float32Array.from(specialFloats),
  },
  {
    name: 'f64',
    dtype: 'F64',
    shape: [2, 3],
    values: Float64Array.from([5e-324, -0, Number.MAX_VALUE, -Number.MIN_VALUE, 0.1, NaN]),
  },
  { name: 'i32', dtype: 'I32', shape: [3], values: Int32Array.from([-(2 ** 31), 0, 2 ** 31 - 1]) },
  { name: 'u32', dtype: 'U32', shape: [1, 2], values: Uint32Array.from([0, 2 ** 32 - 1]) },
  { name: 'u8', dtype: 'U8', shape: [5], values: Uint8Array.from([0, 1, 127, 128, 255]) },
  { name: 'i8', dtype: 'I8', shape: [2], values: Int8Array.from([-128, 127]) },
  { name: 'i16', dtype: 'I16', shape: [2], values: Int16Array.from([-32768, 32767]) },
  { name: 'bf16', dtype: 'BF16', shape: [2], values: Uint16Array.from([0x3f80, 0xbf80]) },
  {
    name: 'i64',
    dtype: 'I64',
    shape: [2],
    values: BigInt64Array.from([-(2n ** 63n), 2n ** 63n - 1n]),
  },
  { name: 'scalar', dtype: 'F32', shape: [], values: Float32Array.from([42]) },
  { name: 'empty', dtype: 'F32', shape: [0, 7], values: new Float32Array(0) },
];

function bitsOf(values: ArrayLike<number | bigint>): (number | bigint)[] {
  return Array.from(values);
}

describe('safetensors round trip', () => {
  const bytes = encodeSafetensors(tensors, { purpose: 'test', empty: '' });
  const file = decodeSafetensors(bytes);

  test('keeps names, dtypes, shapes and order', () => {
    expect(file.tensors.map(({ name, dtype, shape }) => ({ name, dtype, shape }))).toEqual(
      tensors.map(({ name, dtype, shape }) => ({ name, dtype, shape })),
    );
  });

  test('keeps metadata', () => {
    expect(file.metadata).toEqual({ purpose: 'test', empty: '' });
  });

  test('keeps every value bit for bit', () => {
    tensors.forEach((tensor, index) => {
      const decoded = bitsOf(tensorValues(file.tensors[index]));
      const original = bitsOf(tensor.values);
      expect(decoded.length, tensor.name).toBe(original.length);
      decoded.forEach((value, i) =>
        expect(Object.is(value, original[i]), `${tensor.name}[${i}]`).toBe(true),
      );
    });
  });

  test('aligns the data section to 8 bytes', () => {
    expect((8 + file.headerByteLength) % 8).toBe(0);
  });

  test('returns tensors in aligned buffers the caller owns', () => {
    for (const tensor of file.tensors) {
      expect(tensor.bytes.byteOffset).toBe(0);
      expect(tensor.bytes.buffer).not.toBe(bytes.buffer);
    }
  });

  test('reads from an unaligned view of a larger buffer', () => {
    const shifted = new Uint8Array(bytes.byteLength + 3);
    shifted.set(bytes, 3);
    const again = decodeSafetensors(shifted.subarray(3));
    expect(bitsOf(tensorValues(again.tensors[0]))).toEqual(bitsOf(tensors[0].values));
  });

  test('writes identical bytes for identical input', () => {
    expect(encodeSafetensors(tensors, { purpose: 'test', empty: '' })).toEqual(bytes);
  });
});
