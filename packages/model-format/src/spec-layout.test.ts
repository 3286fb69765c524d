// The worked 784-10-10 byte layout in SPEC.md, checked against the encoder, so the
// document stays true when the encoder changes.
import { Network } from '@scratchnet/network';
import { describe, expect, test } from 'vitest';
import { encodeModel } from './model-encoder.js';
import { sha256Hex } from './sha256.js';

describe('SPEC.md 784-10-10 layout', () => {
  const network = Network.fromParameters({ sizes: [784, 10, 10], activation: 'relu' }, [
    { weights: new Float32Array(7840), biases: new Float32Array(10) },
    { weights: new Float32Array(100), biases: new Float32Array(10) },
  ]);
  const bytes = encodeModel(network);
  const view = new DataView(bytes.buffer);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 760)));

  test('prefix, header and file sizes', () => {
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0xf0, 0x02, 0, 0, 0, 0, 0, 0]);
    expect(view.getUint32(0, true)).toBe(752);
    expect(bytes[758]).toBe(0x7d);
    expect(bytes[759]).toBe(0x20);
    expect(bytes.byteLength).toBe(32_600);
  });

  test('tensor offsets', () => {
    expect(header['0.weight']).toEqual({
      dtype: 'F32',
      shape: [10, 784],
      data_offsets: [0, 31_360],
    });
    expect(header['0.bias']).toEqual({ dtype: 'F32', shape: [10], data_offsets: [31_360, 31_400] });
    expect(header['2.weight']).toEqual({
      dtype: 'F32',
      shape: [10, 10],
      data_offsets: [31_400, 31_800],
    });
    expect(header['2.bias']).toEqual({ dtype: 'F32', shape: [10], data_offsets: [31_800, 31_840] });
  });

  test('checksum of the zero tensors', () => {
    const description = JSON.parse(header.__metadata__.scratchnet);
    expect(description.tensorsSha256).toBe(sha256Hex(new Uint8Array(31_840)));
    expect(description.tensorsSha256).toBe(
      'd1890c64ec0a03e5b2632208d14a46571384cb3d9d2daa49b868882751fab566',
    );
  });
});
