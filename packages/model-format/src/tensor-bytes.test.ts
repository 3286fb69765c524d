// The element-by-element DataView path (taken on big-endian platforms) must produce the
// same bytes and values as the direct copy taken on little-endian ones.
import { describe, expect, test } from 'vitest';
import { DTYPE_BYTE_SIZES, type SafetensorsDType } from './dtypes.js';
import { DTYPE_ARRAYS, littleEndianToArray, writeLittleEndian } from './tensor-bytes.js';

const ELEMENT_COUNT = 37;

/** Returns pseudo-random bytes that form valid elements of every dtype (floats included). */
function sampleBytes(dtype: SafetensorsDType): Uint8Array {
  const bytes = new Uint8Array(ELEMENT_COUNT * DTYPE_BYTE_SIZES[dtype]);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 167 + 13) & 0xff;
  return bytes;
}

describe('little-endian conversion', () => {
  for (const dtype of Object.keys(DTYPE_ARRAYS) as SafetensorsDType[]) {
    test(`${dtype} reads the same on both paths`, () => {
      const bytes = sampleBytes(dtype);
      const direct = Array.from(
        littleEndianToArray(bytes, dtype, true) as ArrayLike<number | bigint>,
      );
      const viaDataView = Array.from(
        littleEndianToArray(bytes, dtype, false) as ArrayLike<number | bigint>,
      );
      expect(viaDataView).toEqual(direct);
    });

    test(`${dtype} writes the same on both paths`, () => {
      const values = littleEndianToArray(sampleBytes(dtype), dtype, true);
      const direct = new Uint8Array(values.byteLength + 3);
      const viaDataView = new Uint8Array(values.byteLength + 3);
      writeLittleEndian(direct, 3, values, dtype, true);
      writeLittleEndian(viaDataView, 3, values, dtype, false);
      expect(viaDataView).toEqual(direct);
      expect(direct.subarray(3)).toEqual(sampleBytes(dtype));
    });
  }
});
