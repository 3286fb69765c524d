// A file as another writer might lay it out: keys in another order than the data,
// the header padded with spaces, no __metadata__, and the data section unaligned.
import { describe, expect, test } from 'vitest';
import { decodeSafetensors, tensorValues } from './safetensors-reader.js';

function buildForeignFile(): Uint8Array {
  const header =
    '{"b.bias":{"shape":[2],"data_offsets":[24,32],"dtype":"F32"},' +
    '  "a.weight" : {"data_offsets":[0,24],"dtype":"F32","shape":[2,3]},' +
    '"counts":{"dtype":"I32","data_offsets":[32,36],"shape":[1]}}' +
    '     ';
  const headerBytes = new TextEncoder().encode(header);
  const bytes = new Uint8Array(8 + headerBytes.byteLength + 36);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, headerBytes.byteLength, true);
  view.setUint32(4, 0, true);
  bytes.set(headerBytes, 8);

  const dataStart = 8 + headerBytes.byteLength;
  [1, 2, 3, 4, 5, 6].forEach((value, i) => view.setFloat32(dataStart + 4 * i, value, true));
  view.setFloat32(dataStart + 24, -0.5, true);
  view.setFloat32(dataStart + 28, 0.25, true);
  view.setInt32(dataStart + 32, -7, true);
  return bytes;
}

describe('foreign safetensors file', () => {
  const bytes = buildForeignFile();

  test('has an unaligned data section', () => {
    expect((bytes.byteLength - 36) % 4).not.toBe(0);
  });

  test('decodes names in header order and no metadata', () => {
    const file = decodeSafetensors(bytes);
    expect(file.tensors.map((tensor) => tensor.name)).toEqual(['b.bias', 'a.weight', 'counts']);
    expect(file.metadata).toBeUndefined();
  });

  test('decodes every value', () => {
    const file = decodeSafetensors(bytes);
    const byName = Object.fromEntries(file.tensors.map((tensor) => [tensor.name, tensor]));
    expect(byName['a.weight'].shape).toEqual([2, 3]);
    expect(Array.from(tensorValues(byName['a.weight']) as ArrayLike<number>)).toEqual([
      1, 2, 3, 4, 5, 6,
    ]);
    expect(Array.from(tensorValues(byName['b.bias']) as ArrayLike<number>)).toEqual([-0.5, 0.25]);
    expect(Array.from(tensorValues(byName.counts) as ArrayLike<number>)).toEqual([-7]);
  });
});
