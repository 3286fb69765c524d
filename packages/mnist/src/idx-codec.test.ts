import { describe, expect, it } from 'vitest';

import { IdxFormatError } from './errors.js';
import { decodeIdx, encodeIdx } from './idx-codec.js';
import type { IdxTensor } from './idx-codec.js';

/** Hand-written big-endian IDX bytes, the reference the codec is checked against. */
function idxBytes(typeCode: number, shape: number[], payload: number[]): Uint8Array {
  const header = [0, 0, typeCode, shape.length];
  for (const size of shape)
    header.push((size >>> 24) & 0xff, (size >>> 16) & 0xff, (size >>> 8) & 0xff, size & 0xff);
  return Uint8Array.from([...header, ...payload]);
}

describe('decodeIdx', () => {
  it('reads every element type big-endian', () => {
    const cases: { code: number; payload: number[]; expected: IdxTensor }[] = [
      {
        code: 0x08,
        payload: [0, 255],
        expected: { type: 'u8', shape: [2], data: Uint8Array.of(0, 255) },
      },
      {
        code: 0x09,
        payload: [0x80, 0x7f],
        expected: { type: 'i8', shape: [2], data: Int8Array.of(-128, 127) },
      },
      {
        code: 0x0b,
        payload: [0xff, 0xfe, 0x01, 0x00],
        expected: { type: 'i16', shape: [2], data: Int16Array.of(-2, 256) },
      },
      {
        code: 0x0c,
        payload: [0x80, 0, 0, 0, 0, 0, 0x01, 0x02],
        expected: { type: 'i32', shape: [2], data: Int32Array.of(-2147483648, 258) },
      },
      {
        code: 0x0d,
        payload: [0x3f, 0xc0, 0, 0, 0xc0, 0x20, 0, 0],
        expected: { type: 'f32', shape: [2], data: Float32Array.of(1.5, -2.5) },
      },
      {
        code: 0x0e,
        payload: [0x40, 0x09, 0x21, 0xfb, 0x54, 0x44, 0x2d, 0x18, 0, 0, 0, 0, 0, 0, 0, 0],
        expected: { type: 'f64', shape: [2], data: Float64Array.of(Math.PI, 0) },
      },
    ];
    for (const { code, payload, expected } of cases) {
      expect(decodeIdx(idxBytes(code, [2], payload))).toEqual(expected);
    }
  });

  it('reads any rank', () => {
    const scalar = decodeIdx(idxBytes(0x08, [], [42]));
    const rank4 = decodeIdx(idxBytes(0x08, [1, 2, 1, 3], [1, 2, 3, 4, 5, 6]));
    const empty = decodeIdx(idxBytes(0x0d, [3, 0], []));

    expect(scalar).toEqual({ type: 'u8', shape: [], data: Uint8Array.of(42) });
    expect(rank4).toEqual({
      type: 'u8',
      shape: [1, 2, 1, 3],
      data: Uint8Array.of(1, 2, 3, 4, 5, 6),
    });
    expect(empty).toEqual({ type: 'f32', shape: [3, 0], data: new Float32Array(0) });
  });

  it('copies wide types out of unaligned memory', () => {
    const file = idxBytes(0x0d, [3], [0x3f, 0x80, 0, 0, 0x40, 0, 0, 0, 0x40, 0x40, 0, 0]);
    const backing = new Uint8Array(file.length + 3);
    backing.set(file, 3);
    const unaligned = backing.subarray(3);

    const tensor = decodeIdx(unaligned);

    expect(tensor.data).toEqual(Float32Array.of(1, 2, 3));
    expect(tensor.data.byteOffset % 4).toBe(0);
  });

  it('rejects a byte-swapped magic', () => {
    const swapped = Uint8Array.of(0x03, 0x08, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 7);

    expect(() => decodeIdx(swapped, 'swapped.idx')).toThrow(IdxFormatError);
    expect(() => decodeIdx(swapped, 'swapped.idx')).toThrow(
      /swapped\.idx: invalid IDX magic 03 08 00 00; it looks byte-swapped/,
    );
  });

  it('rejects byte-swapped dimensions', () => {
    // Magic big-endian but the count 2 written little-endian: 02 00 00 00 reads as 33554432.
    const bytes = Uint8Array.of(0, 0, 0x08, 1, 2, 0, 0, 0, 10, 20);

    expect(() => decodeIdx(bytes, 'labels.idx')).toThrow(
      'labels.idx: IDX header says u8 [33554432], which needs 33554440 bytes, but the file has 10; ' +
        'the dimensions look byte-swapped (written little-endian, [2] when read so). IDX dimensions are big-endian uint32.',
    );
  });

  it('rejects a truncated payload', () => {
    const full = idxBytes(0x08, [2, 3, 3], new Array<number>(18).fill(7));
    const truncated = full.subarray(0, full.length - 5);

    expect(() => decodeIdx(truncated, 'train-images-idx3-ubyte')).toThrow(
      'train-images-idx3-ubyte: IDX header says u8 [2, 3, 3], which needs 34 bytes, but the file has 29; ' +
        'the file is truncated (an interrupted download or copy?). Download it again.',
    );
  });

  it('rejects a truncated header', () => {
    expect(() => decodeIdx(Uint8Array.of(0, 0, 8, 3, 0, 0), 'short')).toThrow(
      'short: IDX header of rank 3 needs 16 bytes but the file has 6; the file is truncated (an interrupted download?).',
    );
    expect(() => decodeIdx(new Uint8Array(0), 'empty')).toThrow(
      'empty: an IDX file needs at least 4 header bytes but has 0',
    );
  });

  it('rejects extra bytes', () => {
    const bytes = Uint8Array.from([...idxBytes(0x08, [2], [1, 2]), 0, 0]);

    expect(() => decodeIdx(bytes, 'joined')).toThrow(
      /needs 10 bytes, but the file has 12; 2 bytes are left over/,
    );
  });

  it('rejects unknown type codes', () => {
    expect(() => decodeIdx(Uint8Array.of(0, 0, 0x0a, 1, 0, 0, 0, 0), 'odd')).toThrow(
      /odd: unknown IDX type code 0x0a/,
    );
  });

  it('rejects gzip and foreign content with a description', () => {
    const gzip = Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0);
    const html = new TextEncoder().encode('<!DOCTYPE html><html><body>404 Not Found</body></html>');

    expect(() => decodeIdx(gzip, 'data.gz')).toThrow(
      /data\.gz: the bytes are gzip-compressed; decompress them/,
    );
    expect(() => decodeIdx(html, 'page.gz')).toThrow(
      'page.gz: not an IDX file (expected the magic 00 00 <type> <rank>); it looks like an HTML page',
    );
  });
});

describe('encodeIdx', () => {
  it('round-trips every type byte for byte', () => {
    const tensors: IdxTensor[] = [
      { type: 'u8', shape: [2, 3], data: Uint8Array.of(0, 1, 2, 253, 254, 255) },
      { type: 'i8', shape: [4], data: Int8Array.of(-128, -1, 0, 127) },
      { type: 'i16', shape: [2, 2], data: Int16Array.of(-32768, -1, 1, 32767) },
      { type: 'i32', shape: [3], data: Int32Array.of(-2147483648, 0, 2147483647) },
      { type: 'f32', shape: [1, 1, 3], data: Float32Array.of(-0, Infinity, 1e-30) },
      { type: 'f64', shape: [2], data: Float64Array.of(Number.MIN_VALUE, -Number.MAX_VALUE) },
      { type: 'u8', shape: [], data: Uint8Array.of(9) },
    ];
    for (const tensor of tensors) {
      const bytes = encodeIdx(tensor);
      const decoded = decodeIdx(bytes);

      expect(decoded).toEqual(tensor);
      expect(encodeIdx(decoded)).toEqual(bytes);
    }
  });

  it('writes the header big-endian', () => {
    const bytes = encodeIdx({ type: 'i16', shape: [1, 258], data: new Int16Array(258).fill(-2) });

    expect(Array.from(bytes.subarray(0, 14))).toEqual([
      0, 0, 0x0b, 2, 0, 0, 0, 1, 0, 0, 1, 2, 0xff, 0xfe,
    ]);
  });

  it('rejects inconsistent tensors', () => {
    expect(() => encodeIdx({ type: 'u8', shape: [2, 2], data: new Uint8Array(3) })).toThrow(
      'encodeIdx: shape [2, 2] has 4 elements but data has 3.',
    );
    expect(() => encodeIdx({ type: 'f32', shape: [1], data: new Float64Array(1) })).toThrow(
      'encodeIdx: type "f32" needs a Float32Array but data is a Float64Array.',
    );
    expect(() => encodeIdx({ type: 'u8', shape: [-1], data: new Uint8Array(0) })).toThrow(
      /dimension -1 .* is not a uint32/,
    );
    expect(() => encodeIdx({ type: 'u16' as 'u8', shape: [0], data: new Uint8Array(0) })).toThrow(
      /unknown IDX type "u16"/,
    );
  });
});
